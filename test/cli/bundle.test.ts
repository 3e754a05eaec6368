import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../support/store.js';

/**
 * What `npm start` and bin/dialogue-bot.js run: the bundle scripts/build.mjs
 * makes (dist/app.cjs, run by dist/cli.js through V8's code cache). Built
 * here into a folder of its own under node_modules/.cache, where the packages
 * it leaves out (Bolt, better-sqlite3, …) resolve as they do from dist/.
 */
describe('the production build', () => {
  const out = join(REPO, 'node_modules', '.cache', `dialogue-bundle-test-${process.pid}`);
  const data = mkdtempSync(join(tmpdir(), 'dt-bundle-'));
  const env = {
    PATH: process.env.PATH,
    CONFIG_DIR: join(REPO, 'config'),
    DATABASE_URL: `sqlite:${join(data, 'bot.db')}`,
    LOG_LEVEL: 'warn',
  };
  const run = (...args: string[]) =>
    execFileSync(process.execPath, [join(out, 'cli.js'), ...args], { env, cwd: data, stdio: 'pipe' });

  beforeAll(() => {
    execFileSync(process.execPath, [join(REPO, 'scripts', 'build.mjs'), '--outdir', out]);
  }, 60_000);
  afterAll(() => {
    rmSync(out, { recursive: true, force: true });
    rmSync(data, { recursive: true, force: true });
  });

  it('runs the CLI, and writes a code cache that the next process accepts', () => {
    const cache = join(out, 'app.cjs.cache');
    expect(existsSync(cache)).toBe(false);
    expect(run('check-config').toString()).toMatch(/^config OK: .*\(dialogues: mexico-uk\)/);
    expect(existsSync(cache)).toBe(true);
    const written = statSync(cache).mtimeMs;

    const status = run('status', '--at', '2025-01-01T12:00:00Z').toString();
    expect(status).toMatch(/Round 1 · 2024 · Mexico · held 16 January 2024/);
    // A rejected cache would be written anew when the process exits.
    expect(statSync(cache).mtimeMs).toBe(written);
    expect(run('status', '--at', '2025-01-01T12:00:00Z').toString()).toBe(status);
  });

  it('runs from source when the cache does not fit it (another build, another Node), and writes a new one', () => {
    const cache = join(out, 'app.cjs.cache');
    writeFileSync(cache, 'not a V8 code cache');
    expect(run('check-config').toString()).toMatch(/^config OK/);
    expect(readFileSync(cache).length).toBeGreaterThan(100_000);
  });

  it('is ASCII only: one other character makes V8 keep the whole 1 MB source at twice the size', () => {
    const source = readFileSync(join(out, 'app.cjs'), 'latin1');
    const line = source.split('\n').findIndex((l) => [...l].some((c) => c.charCodeAt(0) > 0x7f));
    expect(line, `non-ASCII on line ${line + 1} of app.cjs (write it as a \\u escape in src/)`).toBe(-1);
  });

  it('writes the briefing pack from the bundle: docx stays a package, loaded on first use', () => {
    const source = readFileSync(join(out, 'app.cjs'), 'latin1');
    // ~450 KB of docx kept out of the source every process holds from start.
    expect(source).not.toMatch(/class \w*Paragraph\b/);
    const file = join(data, 'pack.docx');
    run('brief', '--format', 'docx', '--out', file, '--at', '2025-01-01T12:00:00Z');
    // A Word document is a zip whose first entry is [Content_Types].xml.
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(bytes.includes(Buffer.from('[Content_Types].xml'))).toBe(true);
  });

  it('keeps the exit codes of the contract', () => {
    expect(() => run('no-such-verb')).toThrow(expect.objectContaining({ status: 2 }));
    expect(() => run('ask')).toThrow(expect.objectContaining({ status: 2 }));
  });
});
