import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { captureIo } from '../support/cli.js';
import { fixturePath, SEED_PATH } from './support.js';

/** A captured io on a fresh SQLite file; files named in `files` are copied into the working folder. */
function session(files: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'dt-import-'));
  for (const [name, from] of Object.entries(files)) copyFileSync(from, join(dir, name));
  const { io, out, err } = captureIo(dir);
  const run = async (...args: string[]) => {
    out.length = 0;
    err.length = 0;
    const code = await runCli(args, io);
    return { code, out: out.join(''), err: err.join('') };
  };
  return { dir, run };
}

const AT = ['--at', '2025-06-01T09:00:00Z'];

describe('dialogue-bot import', () => {
  it('--json prints the seed statement as one object of the contract’s shape', async () => {
    const s = session({ 'seed.txt': SEED_PATH });
    const r = await s.run('import', 'seed.txt', '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(Object.keys(json)).toEqual(['parties', 'meeting', 'delegates', 'commitments', 'nextMeeting']);
    expect(json.meeting).toEqual({ date: '2024-01-16', place: null, edition: 'inaugural' });
    expect(json.delegates).toHaveLength(9);
    expect(json.delegates[0]).toEqual({
      name: 'Joel Hernández García',
      title: 'Under-Secretary for Multilateral Affairs and Human Rights',
      party: 'Mexico',
    });
    expect(json.commitments.map((c: { paragraph: string }) => c.paragraph)).toEqual(['4', '6', '7', '7', '7', '8']);
    expect(json.nextMeeting).toEqual({
      host: 'the UK',
      year: 2025,
      text: 'The next high-level dialogue is expected to be held in the UK in 2025.',
    });
  });

  it('without --dialogue only reads and prints; with it, shows the IDs it would assign and records nothing', async () => {
    const s = session({ 'r2.txt': fixturePath('mexico-uk-2025-second-round.txt') });
    const read = await s.run('import', 'r2.txt', ...AT);
    expect(read.code).toBe(0);
    expect(read.out).toContain('Meeting date: 14 May 2025');
    expect(read.out).toContain('Read only.');
    const dry = await s.run('import', 'r2.txt', '--dialogue', 'mexico-uk', ...AT);
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('Round 2: held on 14 May 2025, hosted by the United Kingdom (London).');
    expect(dry.out).toContain('New commitments: R2-5, R2-7, R2-8a, R2-8b, R2-8c, R2-9.');
    expect(dry.out).toContain('Round 3: expected in Mexico in 2026.');
    expect(dry.out).toContain('run again with --apply');
    const status = await s.run('status', ...AT);
    expect(status.out).toContain('Round 2 · 2025 · The United Kingdom · expected, date not fixed');
  });

  it('--apply records round 2 and moves the cycle on; a second import changes nothing', async () => {
    const s = session({ 'r2.txt': fixturePath('mexico-uk-2025-second-round.txt') });
    const applied = await s.run('import', 'r2.txt', '--dialogue', 'mexico-uk', '--apply', ...AT);
    expect(applied.code).toBe(0);
    expect(applied.out).toContain('Statement recorded: round 2 held on 14 May 2025.');
    const status = await s.run('status', ...AT);
    expect(status.out).toContain('Round 2 · 2025 · The United Kingdom · held 14 May 2025 · London');
    expect(status.out).toContain('Round 3 · 2026 · Mexico · expected, date not fixed');
    const again = await s.run('import', 'r2.txt', '--dialogue', 'mexico-uk', '--apply', ...AT);
    expect(again.code).toBe(0);
    expect(again.out).toContain('had already been imported: nothing changed');
    const list = await s.run('ask', '/commitments list all', ...AT);
    expect(list.out).toContain('Commitments · all (12)');
    expect(list.out.match(/R2-8a/g)).toHaveLength(1);
  });

  it('answers in Spanish with --lang es', async () => {
    const s = session({ 'r2.txt': fixturePath('mexico-uk-2025-second-round.txt') });
    const r = await s.run('import', 'r2.txt', '--dialogue', 'mexico-uk', '--lang', 'es', ...AT);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Ronda 3: prevista en México en 2026.');
  });

  it('exits 2 with a clear message and records nothing for an empty file, a text with no date, a missing file', async () => {
    const s = session({ 'no-date.txt': fixturePath('no-date.txt') });
    writeFileSync(join(s.dir, 'empty.txt'), '');
    writeFileSync(join(s.dir, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]));
    mkdirSync(join(s.dir, 'folder'));
    const before = (await s.run('status', ...AT)).out;

    const empty = await s.run('import', 'empty.txt', '--dialogue', 'mexico-uk', '--apply', ...AT);
    expect(empty).toMatchObject({ code: 2, out: '' });
    expect(empty.err).toContain('The statement is empty');
    const noDate = await s.run('import', 'no-date.txt', '--dialogue', 'mexico-uk', '--apply', ...AT);
    expect(noDate.code).toBe(2);
    expect(noDate.err).toContain('No meeting date found');
    const missing = await s.run('import', 'nowhere.txt', '--dialogue', 'mexico-uk', '--apply', ...AT);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('cannot read “nowhere.txt”: no such file');
    expect((await s.run('import', 'folder', ...AT)).err).toContain('it is a folder');
    expect((await s.run('import', 'binary.txt', ...AT)).err).toContain('is not plain text');

    expect((await s.run('status', ...AT)).out).toBe(before);
  });

  it('exits 2 on bad arguments: no file, two files, --apply without --dialogue, an unknown dialogue', async () => {
    const s = session({ 'r2.txt': fixturePath('mexico-uk-2025-second-round.txt') });
    expect((await s.run('import')).code).toBe(2);
    expect((await s.run('import', 'r2.txt', 'r3.txt')).err).toContain('one file at a time');
    const noDialogue = await s.run('import', 'r2.txt', '--apply');
    expect(noDialogue.code).toBe(2);
    expect(noDialogue.err).toContain('--apply needs --dialogue <id>');
    const unknown = await s.run('import', 'r2.txt', '--dialogue', 'japan-eu');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('no dialogue “japan-eu” (have: mexico-uk)');
  });

  it('refuses another pair’s statement and a non-editor (exit 2), --json still printing what it read', async () => {
    const s = session({
      'jp.txt': fixturePath('japan-eu-2025-we-voice.txt'),
      'r2.txt': fixturePath('mexico-uk-2025-second-round.txt'),
    });
    const other = await s.run('import', 'jp.txt', '--dialogue', 'mexico-uk', '--apply', '--json', ...AT);
    expect(other.code).toBe(2);
    expect(JSON.parse(other.out).parties).toEqual(['Japan', 'EU']);
    expect(other.err).toContain('are not those of mexico-uk');
    const stranger = await s.run('import', 'r2.txt', '--dialogue', 'mexico-uk', '--apply', '--user', 'U0NOBODY', ...AT);
    expect(stranger.code).toBe(2);
    expect(stranger.err).toMatch(/only the dialogue’s editors/);
  });

  it('/dialogue import outside Slack explains the terminal route', async () => {
    const s = session();
    const r = await s.run('ask', '/dialogue import');
    expect(r.code).toBe(0);
    expect(r.out).toContain('dialogue-bot import <file> --dialogue <id> --apply');
  });
});
