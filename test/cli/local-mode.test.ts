import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO } from '../support/store.js';

/** Resolves with everything printed so far once `pattern` appears on stdout. */
function waitFor(
  child: ChildProcessWithoutNullStreams,
  pattern: RegExp,
  seen: { out: string },
): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const m = seen.out.match(pattern);
      if (m) {
        child.stdout.off('data', check);
        child.off('exit', onExit);
        resolve(m);
      }
    };
    const onExit = (code: number | null) => reject(new Error(`exited (${code}) before ${pattern}: ${seen.out}`));
    child.stdout.on('data', check);
    child.once('exit', onExit);
    check();
  });
}

describe('local mode (dialogue-bot start without Slack credentials)', () => {
  let child: ChildProcessWithoutNullStreams | null = null;
  afterEach(() => {
    child?.kill('SIGKILL');
  });

  it('says it is in local mode, answers slash commands on stdin, serves /healthz and stops cleanly on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dt-local-'));
    child = spawn(process.execPath, [join(REPO, 'node_modules/tsx/dist/cli.mjs'), join(REPO, 'src/cli.ts'), 'start'], {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? '',
        PORT: '0',
        DATABASE_URL: `sqlite:${join(dir, 'data/dialogue.db')}`,
        CONFIG_DIR: join(REPO, 'config'),
        LOG_LEVEL: 'warn',
      },
    });
    const seen = { out: '' };
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      seen.out += d;
    });
    const [, port] = await waitFor(child, /Health: http:\/\/localhost:(\d+)\/healthz/, seen);
    expect(seen.out).toContain('LOCAL MODE');
    expect(seen.out).toMatch(/To connect Slack: set SLACK_BOT_TOKEN/);

    child.stdin.write('/dialogue next\n');
    await waitFor(child, /Next: round 2[\s\S]*Last round:/, seen);
    expect(seen.out).toContain('Expected in the United Kingdom in 2025');

    child.stdin.write('hello\n');
    await waitFor(child, /Commands start with \/dialogue or \/commitments/, seen);

    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true, db: true, scheduler: true });

    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    child = null;
  });
});
