import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/load.js';
import { REPO } from '../support/store.js';

/** A copy of the repo's config/ in a temp folder, with one file rewritten. */
function configCopy(edit?: { file: string; from: string | RegExp; to: string }): string {
  const dir = mkdtempSync(join(tmpdir(), 'dt-config-'));
  cpSync(join(REPO, 'config'), join(dir, 'config'), { recursive: true });
  if (edit) {
    const path = join(dir, 'config', edit.file);
    const text = readFileSync(path, 'utf8');
    const changed = text.replace(edit.from, edit.to);
    if (changed === text) throw new Error(`test setup: ${String(edit.from)} not found in ${edit.file}`);
    writeFileSync(path, changed);
  }
  return dir;
}

function load(dir: string, env: Record<string, string> = {}) {
  return loadConfig({ env, cwd: dir });
}

function problem(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('config', () => {
  it('loads the seeded dialogue with defaults and env, frozen', () => {
    const config = load(configCopy(), { EDITORS: 'U0EDIT1,U0EDIT2', PORT: '4000' });
    expect(config.env).toMatchObject({
      port: 4000,
      publicUrl: 'http://localhost:4000',
      databaseUrl: 'sqlite:./data/dialogue.db',
    });
    const [d] = config.dialogues;
    expect(d?.dialogue).toMatchObject({
      id: 'mexico-uk',
      cadenceYears: 1,
      alternateHost: true,
      timezone: 'Europe/London',
    });
    expect(d?.editors).toEqual(['U0EDIT1', 'U0EDIT2']);
    expect(d?.reminders.scheduledRound.daysBefore).toEqual([90, 60, 30, 14, 7, 1]);
    expect(Object.isFrozen(config.dialogues)).toBe(true);
    expect(Object.isFrozen(d?.dialogue.parties[0])).toBe(true);
  });

  it('names file, path and problem for an unknown time zone', () => {
    const dir = configCopy({
      file: 'dialogues/mexico-uk.yml',
      from: 'timezone: Europe/London',
      to: 'timezone: Europe/Londn',
    });
    const error = problem(() => load(dir));
    expect(error.message).toBe('config/dialogues/mexico-uk.yml: parties[1].timezone: unknown IANA zone "Europe/Londn"');
  });

  it('names a round whose host is not a party', () => {
    const dir = configCopy({ file: 'dialogues/mexico-uk.yml', from: 'host: GB', to: 'host: FR' });
    expect(problem(() => load(dir)).message).toMatch(
      /^config\/dialogues\/mexico-uk\.yml: rounds\[1\]\.host: "FR" is not one of the parties/,
    );
  });

  it('rejects an impossible date and an unknown key', () => {
    const bad = configCopy({ file: 'dialogues/mexico-uk.yml', from: 'date: 2024-01-16', to: 'date: 2024-02-30' });
    expect(problem(() => load(bad)).path).toBe('rounds[0].date');
    const typo = configCopy({ file: 'default.yml', from: 'catchUpHours: 24', to: 'catchupHours: 24' });
    const error = problem(() => load(typo));
    expect(error.file).toBe('config/default.yml');
    expect(error.path).toBe('reminders');
    expect(error.problem).toMatch(/catchupHours/);
  });

  it('reports YAML syntax errors with a line', () => {
    const dir = configCopy({ file: 'default.yml', from: 'language: en', to: 'language: [en' });
    const error = problem(() => load(dir));
    expect(error.file).toBe('config/default.yml');
    expect(error.path).toMatch(/^line \d+$/);
  });

  it('checks the environment: port, database URL, editors', () => {
    const dir = configCopy();
    expect(problem(() => load(dir, { PORT: 'eighty' })).message).toBe('environment: PORT: not a port number: "eighty"');
    expect(problem(() => load(dir, { DATABASE_URL: 'mysql://x' })).path).toBe('DATABASE_URL');
    expect(problem(() => load(dir, { EDITORS: 'alice' })).message).toMatch(/EDITORS: not a Slack user ID: "alice"/);
  });

  it('REMINDER_CHANNEL overrides the configured channel', () => {
    const config = load(configCopy(), { REMINDER_CHANNEL: 'C0REMIND' });
    expect(config.dialogues[0]?.dialogue.reminderChannel).toBe('C0REMIND');
  });
});
