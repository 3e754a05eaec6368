import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { startApp } from '../../src/main.js';
import { configDrift } from '../../src/services/drift.service.js';
import { captureIo } from '../support/cli.js';
import { DIALECTS, openTestCore, REPO, testConfig } from '../support/store.js';
import { EDITOR, ENV, SEED_AT } from './support.js';

describe.each(DIALECTS)('config drift (%s)', (dialect) => {
  it('names the config entries the database holds differently (not applied) and the new ones', async () => {
    const core = await openTestCore(dialect, { tag: 'drift', env: ENV, now: SEED_AT });
    try {
      expect(await configDrift(core.store.db, core.config)).toEqual({ differs: [], toAdd: [] });
      await core.router.handle({
        command: '/dialogue',
        text: 'schedule 2025-05-14 10:00 London',
        userId: EDITOR,
        channelId: null,
        now: new Date('2025-01-10T10:00:00Z'),
      });
      const { differs } = await configDrift(core.store.db, core.config);
      expect(differs).toEqual(
        expect.arrayContaining([
          { dialogue: 'mexico-uk', entry: 'round 2', field: 'state', config: 'expected', database: 'scheduled' },
          { dialogue: 'mexico-uk', entry: 'round 2', field: 'date', config: null, database: '2025-05-14' },
          { dialogue: 'mexico-uk', entry: 'round 2', field: 'city', config: null, database: 'London' },
        ]),
      );
      expect(differs.every((d) => d.entry === 'round 2')).toBe(true);
    } finally {
      await core.close();
    }
  });
});

describe('dialogue-bot check-config with a database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'drift-'));
  const configDir = join(dir, 'config');
  cpSync(join(REPO, 'config'), configDir, { recursive: true });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = async () => {
    const c = captureIo(dir, { CONFIG_DIR: configDir });
    const code = await runCli(['check-config'], c.io);
    return { code, out: c.out.join(''), err: c.err.join('') };
  };

  it('before the first start there is nothing to compare; after an edit, it says what was not applied', async () => {
    const first = await run();
    expect(first.code).toBe(0);
    expect(first.out).toContain('database: not created yet');

    // Start once (seeds the database), then edit config as an operator would.
    const logs: string[] = [];
    const app = await startApp({
      config: testConfig({ DATABASE_URL: `sqlite:${join(dir, 'cli.db')}`, CONFIG_DIR: configDir, LOG_LEVEL: 'info' }),
      cwd: dir,
      port: 0,
      input: new PassThrough(),
      output: new PassThrough(),
      logDestination: { write: (l: string) => logs.push(l) } as never,
    });
    await app.stop();
    expect(logs.join('')).not.toContain('differ from the database');
    expect((await run()).out).toContain('database: every config entry it has matches config');

    const file = join(configDir, 'dialogues', 'mexico-uk.yml');
    const yaml = readFileSync(file, 'utf8')
      .replace('    theme: multilateralism\n', '    theme: multilateral-reform\n')
      .replace(
        '  - edition: 2\n    state: expected\n    year: 2025',
        '  - edition: 2\n    state: expected\n    year: 2026',
      )
      .concat('  - id: R1-9\n    edition: 1\n    paragraph: "9"\n    theme: dialogue\n    text: A new undertaking.\n');
    writeFileSync(file, yaml);
    const report = await run();
    expect(report.code, report.err).toBe(0);
    expect(report.out).toContain('database: 2 config entries differ from the database and were not applied');
    expect(report.out).toContain(
      'mexico-uk commitment R1-4: theme: config “multilateral-reform”, database “multilateralism”',
    );
    expect(report.out).toContain('mexico-uk round 2: year: config “2026”, database “2025”');
    expect(report.out).toContain('new in config, added at the next start: mexico-uk commitment R1-9');

    // The start-up log says it once.
    const again: string[] = [];
    const app2 = await startApp({
      config: testConfig({ DATABASE_URL: `sqlite:${join(dir, 'cli.db')}`, CONFIG_DIR: configDir, LOG_LEVEL: 'info' }),
      cwd: dir,
      port: 0,
      input: new PassThrough(),
      output: new PassThrough(),
      logDestination: { write: (l: string) => again.push(l) } as never,
    });
    await app2.stop();
    const lines = again.filter((l) => l.includes('differ from the database and were not applied'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('mexico-uk commitment R1-4: theme');
  });
});
