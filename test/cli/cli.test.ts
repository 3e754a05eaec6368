import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { captureIo } from '../support/cli.js';

function io(env: Record<string, string> = {}) {
  return captureIo(mkdtempSync(join(tmpdir(), 'dt-cli-')), env);
}

describe('dialogue-bot CLI', () => {
  it('status --at 2024-06-01 lists round 1 held, round 2 expected and projects round 3', async () => {
    const c = io();
    expect(await runCli(['status', '--at', '2024-06-01T00:00:00Z'], c.io)).toBe(0);
    const text = c.out.join('');
    expect(text).toContain('Round 1 · 2024 · Mexico · held 16 January 2024');
    expect(text).toContain('Round 2 · 2025 · The United Kingdom · expected, date not fixed');
    expect(text).toContain('Round 3 · 2026 · Mexico · projected');
  });

  it('ask "/dialogue next" --at 2024-06-01 says expected in the UK in 2025, date not fixed', async () => {
    const c = io();
    expect(await runCli(['ask', '/dialogue next', '--at', '2024-06-01T12:00:00Z'], c.io)).toBe(0);
    expect(c.out.join('')).toContain('Expected in the United Kingdom in 2025 — date not fixed yet.');
  });

  it('changes persist across invocations on the same database', async () => {
    const c = io();
    expect(await runCli(['ask', '/commitments update R1-8 in-progress', '--at', '2024-06-01T12:00:00Z'], c.io)).toBe(0);
    expect(await runCli(['ask', '/commitments show R1-8'], c.io)).toBe(0);
    expect(c.out.join('')).toContain('Status: in progress');
  });

  it('ask with a non-editor --user is refused (exit 2); bad input exits 2', async () => {
    const c = io();
    expect(await runCli(['ask', '/commitments update R1-8 done', '--user', 'U0NOBODY'], c.io)).toBe(2);
    expect(c.out.join('')).toMatch(/only the dialogue’s editors/);
    expect(await runCli(['ask', '/dialogue schedule 2025-02-30'], c.io)).toBe(2);
    expect(await runCli(['ask', '/dialogue next', '--at', 'yesterday'], c.io)).toBe(2);
    expect(c.err.join('')).toContain('--at: not an ISO date-time: "yesterday"');
    expect(await runCli(['frobnicate'], c.io)).toBe(2);
  });

  it('check-config exits 0 on the repo config and 2 naming file, path and problem', async () => {
    const ok = io();
    expect(await runCli(['check-config'], ok.io)).toBe(0);
    expect(ok.out.join('')).toContain('config OK');
    const bad = io({ PORT: 'x' });
    expect(await runCli(['check-config'], bad.io)).toBe(2);
    expect(bad.err.join('')).toContain('environment: PORT: not a port number: "x"');
    const missing = io({ CONFIG_DIR: '/nonexistent/config' });
    expect(await runCli(['check-config'], missing.io)).toBe(2);
    expect(missing.err.join('')).toMatch(/default\.yml: cannot read: ENOENT/);
  });
});

describe('every CLI verb has help', () => {
  it.each(['import', 'feed'])('%s --help prints its usage and exits 0', async (verb) => {
    const c = io();
    expect(await runCli([verb, '--help'], c.io)).toBe(0);
    expect(c.out.join('')).toContain(`dialogue-bot ${verb}`);
  });
});
