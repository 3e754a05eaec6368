import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { openCore } from '../../src/core.js';
import { createHttpServer } from '../../src/http.js';
import { createPageRoute } from '../../src/page/route.js';
import { captureIo } from '../support/cli.js';

// The CLI opens its own store from DATABASE_URL: a SQLite file of this test's own.
describe('dialogue-bot page', () => {
  let dir: string;
  let env: Record<string, string>;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'page-cli-'));
    env = {
      ...(captureIo(dir).io.env as Record<string, string>),
      PUBLIC_URL: 'https://dialogue.example.org/',
      EDITORS: 'UEDITOR1',
    };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function cli(...args: string[]) {
    const { io, out, err } = captureIo(dir, env);
    const code = await runCli(['page', ...args], io);
    return { code, stdout: out.join(''), stderr: err.join('') };
  }
  const linkOf = (out: string) => /https:\/\/dialogue\.example\.org(\/page\/[A-Za-z0-9_-]{43})\n/.exec(out)?.[1];

  it('prints the user’s private link, the same one each time', async () => {
    const first = await cli('--user', 'UANA1');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('This is a new address.');
    const path = linkOf(first.stdout);
    expect(path).toBeDefined();
    const again = await cli('--user', 'UANA1');
    expect(again.stdout).toContain('same address');
    expect(linkOf(again.stdout)).toBe(path);
  });

  it('makes a viewer link with --share for an editor only, and the link opens the page', async () => {
    const refused = await cli('--user', 'UANA1', '--share', 'minister');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/editor/i);
    const made = await cli('--user', 'UEDITOR1', '--share', 'Minister');
    expect(made.code).toBe(0);
    expect(made.stdout).toContain('“minister”');
    expect(made.stdout).toContain('hides Slack names');
    const path = linkOf(made.stdout)!;
    expect(linkOf((await cli('--user', 'UEDITOR1', '--share', 'minister')).stdout)).toBe(path);
    expect((await cli('--user', 'UEDITOR1', '--share', 'no spaces allowed')).code).toBe(2);

    const core = await openCore({ env, cwd: dir });
    const http = createHttpServer(
      { health: async () => ({ ok: true, db: true, scheduler: true }), page: createPageRoute(core) },
      core.logger,
    );
    try {
      const port = await http.listen(0);
      const res = await fetch(`http://127.0.0.1:${port}${path}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('Slack names and internal notes are not shown');
    } finally {
      await http.close();
      await core.close();
    }
  });

  it('needs --user', async () => {
    const r = await cli();
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--user');
  });
});
