import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeSlack } from '../support/fake-slack.js';
import { REPO } from '../support/store.js';
import { commandBody, postSigned, SECRET, waitFor } from './helpers.js';

describe('dialogue-bot start in HTTP mode (a real process)', () => {
  let child: ChildProcessWithoutNullStreams | null = null;
  let fake: FakeSlack | null = null;
  afterEach(async () => {
    child?.kill('SIGKILL');
    await fake?.stop();
  });

  it('on SIGTERM finishes the command in flight (its answer reaches Slack), then exits 0', async () => {
    fake = await new FakeSlack().start();
    // A slow users.info keeps the command's work in flight after its ack.
    fake.on('users.info', (args) => ({ body: { ok: true, user: { id: args.user, locale: 'en-GB' } }, delayMs: 700 }));
    const dir = mkdtempSync(join(tmpdir(), 'dt-slack-'));
    child = spawn(process.execPath, [join(REPO, 'node_modules/tsx/dist/cli.mjs'), join(REPO, 'src/cli.ts'), 'start'], {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? '',
        PORT: '0',
        DATABASE_URL: `sqlite:${join(dir, 'dialogue.db')}`,
        CONFIG_DIR: join(REPO, 'config'),
        LOG_LEVEL: 'info',
        SLACK_BOT_TOKEN: 'xoxb-process',
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: fake.url,
      },
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      out += d;
    });
    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    const port = await waitFor(() => /"port":(\d+),"mode":"http"/.exec(out)?.[1], 'the app to start', 60_000);
    expect(out).not.toContain('xoxb-process'); // the token never reaches the logs

    const { body, method } = commandBody(fake, { text: 'next', user_id: 'UREADER1' });
    const res = await postSigned(`http://127.0.0.1:${port}/slack/events`, body);
    expect(res.status).toBe(200);
    await waitFor(() => fake!.callsTo('users.info').length > 0, 'users.info in flight');
    expect(fake.callsTo(method)).toHaveLength(0);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    child = null;
    // The answer went out before the process ended.
    expect(fake.callsTo(method)[0]?.args.text).toContain('Next: round 2');
    expect(out).toContain('stopped');
    // Deadlines for a real process compiled by tsx at start (slow on a busy machine), not timing goals.
  }, 120_000);
});
