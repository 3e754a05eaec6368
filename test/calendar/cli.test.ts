import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCalendarRoute } from '../../src/calendar/route.js';
import { runCli } from '../../src/cli.js';
import { openCore } from '../../src/core.js';
import { createHttpServer } from '../../src/http.js';
import { hashFeedToken } from '../../src/services/feed-token.js';
import { captureIo } from '../support/cli.js';

// The CLI opens its own store from DATABASE_URL: a SQLite file of this test's own.
describe('dialogue-bot feed', () => {
  let dir: string;
  let env: Record<string, string>;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'feed-cli-'));
    // The CLI and the test's own core open the same SQLite file.
    env = { ...(captureIo(dir).io.env as Record<string, string>), PUBLIC_URL: 'https://dialogue.example.org/' };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function cli(...args: string[]) {
    const { io, out, err } = captureIo(dir, env);
    const code = await runCli(['feed', ...args], io);
    return { code, stdout: out.join(''), stderr: err.join('') };
  }

  const tokenOf = (out: string) =>
    /https:\/\/dialogue\.example\.org\/calendar\/([A-Za-z0-9_-]{43})\.ics/.exec(out)?.[1];

  async function liveHashes(user: string): Promise<string[]> {
    const core = await openCore({ env, cwd: dir });
    try {
      const rows = await core.store.db
        .selectFrom('subscriptions')
        .select('token_hash')
        .where('user_id', '=', user)
        .where('revoked_at', 'is', null)
        .execute();
      return rows.map((r) => r.token_hash);
    } finally {
      await core.close();
    }
  }

  it('creates a feed and prints both URLs, saying a token was created', async () => {
    const { code, stdout } = await cli('--user', 'UANA1');
    expect(code).toBe(0);
    expect(stdout).toContain('New feed created for UANA1.');
    const token = tokenOf(stdout)!;
    expect(token).toBeDefined();
    expect(stdout).toContain(`webcal://dialogue.example.org/calendar/${token}.ics`);
    expect(await liveHashes('UANA1')).toEqual([hashFeedToken(token)]);
  });

  it('prints the same address on every call; only --reset rotates it, and says the old one stopped', async () => {
    const first = tokenOf((await cli('--user', 'UANA1')).stdout)!;
    const again = await cli('--user', 'UANA1', '--mine', '--lang', 'es');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('existing address (unchanged)');
    expect(tokenOf(again.stdout)).toBe(first);
    expect(again.stdout).toContain(`${first}.ics?mine=1`);
    expect(await liveHashes('UANA1')).toEqual([hashFeedToken(first)]);
    const reset = await cli('--user', 'UANA1', '--reset');
    expect(reset.code).toBe(0);
    expect(reset.stdout).toMatch(/the previous address has stopped working/);
    const second = tokenOf(reset.stdout)!;
    expect(second).not.toBe(first);
    expect(await liveHashes('UANA1')).toEqual([hashFeedToken(second)]);
  });

  it('explains itself with --help and refuses bad input with exit code 2', async () => {
    const help = await cli('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--reset: a NEW address/);
    expect((await cli()).code).toBe(2);
    const badUser = await cli('--user', 'ana');
    expect(badUser.code).toBe(2);
    expect(badUser.stderr).toContain('not a Slack user ID');
    expect((await cli('--user', 'UANA1', '--lang', 'fr')).code).toBe(2);
    const badDialogue = await cli('--user', 'UANA1', '--dialogue', 'nope');
    expect(badDialogue.code).toBe(2);
    expect(badDialogue.stderr).toContain('mexico-uk');
  });

  it('a feed reset by the CLI on the server’s SQLite file answers 404 at the server’s next fetch', async () => {
    const first = tokenOf((await cli('--user', 'UANA1')).stdout)!;
    const core = await openCore({ env, cwd: dir });
    const http = createHttpServer(
      { health: async () => ({ ok: true, db: true, scheduler: true }), calendar: createCalendarRoute(core) },
      core.logger,
    );
    const base = `http://127.0.0.1:${await http.listen(0)}`;
    try {
      const served = await fetch(`${base}/calendar/${first}.ics`);
      expect(served.status).toBe(200);
      const etag = served.headers.get('etag')!;
      expect((await fetch(`${base}/calendar/${first}.ics`, { headers: { 'if-none-match': etag } })).status).toBe(304);
      // The CLI is another process on the same file: the server learns of it from the store alone.
      expect(tokenOf((await cli('--user', 'UANA1')).stdout)).toBe(first);
      expect((await fetch(`${base}/calendar/${first}.ics`)).status).toBe(200);
      const second = tokenOf((await cli('--user', 'UANA1', '--reset')).stdout)!;
      expect((await fetch(`${base}/calendar/${first}.ics`, { headers: { 'if-none-match': etag } })).status).toBe(404);
      expect((await fetch(`${base}/calendar/${second}.ics`)).status).toBe(200);
    } finally {
      await http.close();
      await core.close();
    }
  });
});
