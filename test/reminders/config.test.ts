import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { REPO } from '../support/store.js';

describe('reminder rules in config', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  /** A copy of the repo's config with text replaced in default.yml and appended to the dialogue file. */
  function configWith(defaultEdit: (text: string) => string, dialogueExtra: string) {
    const dir = mkdtempSync(join(tmpdir(), 'rem-config-'));
    dirs.push(dir);
    cpSync(join(REPO, 'config'), dir, { recursive: true });
    const def = join(dir, 'default.yml');
    writeFileSync(def, defaultEdit(readFileSync(def, 'utf8')));
    const dialogue = join(dir, 'dialogues/mexico-uk.yml');
    writeFileSync(dialogue, `${readFileSync(dialogue, 'utf8')}\n${dialogueExtra}\n`);
    return () => loadConfig({ env: { CONFIG_DIR: dir, DATABASE_URL: 'sqlite::memory:' }, cwd: dir });
  }

  it('the defaults of the issue: 90…1 days and the morning of, 09:00 Europe/London, 24 h catch-up, GB working days', () => {
    const rules = loadConfig({ env: { CONFIG_DIR: join(REPO, 'config'), DATABASE_URL: 'sqlite::memory:' }, cwd: REPO })
      .dialogues[0]!.reminders;
    expect(rules).toMatchObject({
      enabled: true,
      time: '09:00',
      catchUpHours: 24,
      scheduledRound: { daysBefore: [90, 60, 30, 14, 7, 1], morningOf: true },
      expectedRound: { monthsBefore: 6, overdueEveryMonths: 1 },
      commitments: { daysBefore: [14, 7, 1], overdueDigest: true },
      weeklyDigest: { enabled: true, weekday: 1 },
      workingDays: { enabled: true, country: 'GB-ENG' },
    });
  });

  it('a dialogue overrides any part; what it leaves out follows default.yml, not the built-in defaults', () => {
    const load = configWith(
      (t) =>
        t
          .replace('time: "09:00"', 'time: "08:30"')
          .replace(/weeklyDigest:\n {4}enabled: true/, 'weeklyDigest:\n    enabled: false'),
      'reminders:\n  catchUpHours: 48\n  scheduledRound:\n    daysBefore: [30, 7]\n  workingDays:\n    country: MX',
    );
    const rules = load().dialogues[0]!.reminders;
    expect(rules.time).toBe('08:30');
    expect(rules.weeklyDigest).toEqual({ enabled: false, weekday: 1 });
    expect(rules.catchUpHours).toBe(48);
    expect(rules.scheduledRound).toEqual({ daysBefore: [30, 7], morningOf: true });
    expect(rules.workingDays).toEqual({ enabled: true, country: 'MX' });
  });

  it('a bad override names the file, the path and the problem', () => {
    const load = configWith((t) => t, 'reminders:\n  workingDays:\n    country: Mexico');
    expect(load).toThrow(/mexico-uk\.yml: reminders\.workingDays\.country: an ISO country code/);
    const late = configWith((t) => t, 'reminders:\n  time: "9am"');
    expect(late).toThrow(/reminders\.time: not a time HH:MM/);
  });
});
