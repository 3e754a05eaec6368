import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { type RunningApp, startApp } from '../../src/main.js';
import { findCommitmentRow } from '../../src/store/commitments.repository.js';
import { FakeSlack } from '../support/fake-slack.js';
import { FakeSocketSlack } from '../support/fake-socket.js';
import { testConfig } from '../support/store.js';
import { blockActionBody, commandBody, EDITOR, eventBody, eventually, NOW, READER, TOKEN, waitFor } from './helpers.js';

const APP_TOKEN = 'xapp-1-A0FAKE-1234567890-abcdef0123456789';

/**
 * Socket Mode end to end: the real app (Bolt's SocketModeReceiver, our
 * supervisor) opens a real WebSocket to a loopback Slack (FakeSocketSlack,
 * with FakeSlack answering apps.connections.open and the rest of the Web
 * API). Reconnect backoff is shortened (50 ms doubling to 1 s); the outages
 * themselves last as long as they say.
 */
describe('Socket Mode over a real WebSocket', () => {
  let fake: FakeSlack;
  let socket: FakeSocketSlack;
  let app: RunningApp | null = null;
  let logs: string[];

  const start = async (env: Record<string, string> = {}) => {
    const config = testConfig({
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_APP_TOKEN: APP_TOKEN,
      SLACK_API_URL: fake.url,
      EDITORS: EDITOR,
      LOG_LEVEL: 'debug',
      ...env,
    });
    app = await startApp({
      config,
      port: 0,
      now: NOW,
      clock: () => NOW,
      logDestination: { write: (line: string) => void logs.push(line) } as never,
      socket: { minBackoffMs: 50, maxBackoffMs: 1_000, helloTimeoutMs: 2_000 },
    });
    return app;
  };
  const health = async () => {
    const res = await fetch(`http://127.0.0.1:${app!.port}/healthz`);
    return { status: res.status, body: (await res.json()) as Record<string, boolean> };
  };
  /** Polls /healthz until it answers `status` (the socket comes and goes in the background). */
  const healthBecomes = (status: number) =>
    eventually(async () => (await health()).status === status, `/healthz ${status}`);
  const status = async (id: string) => (await findCommitmentRow(app!.core.store.db, 'mexico-uk', id))?.status;
  // biome-ignore lint/suspicious/noExplicitAny: Slack JSON
  const asObject = (form: string): Record<string, any> => Object.fromEntries(new URLSearchParams(form));

  /** `/dialogue next` over the socket: acked within 3 s, answered in the ack or through its response_url. */
  const askNext = async () => {
    const { body, method } = commandBody(fake, { text: 'next', user_id: READER });
    const ack = await socket.send('slash_commands', asObject(body));
    const text = ack.payload?.text ?? (await waitFor(() => fake.callsTo(method)[0]?.args.text, 'the answer'));
    expect(text).toContain('Next: round 2');
  };

  beforeEach(async () => {
    logs = [];
    fake = await new FakeSlack().start();
    socket = await new FakeSocketSlack(fake).start();
  });
  afterEach(async () => {
    await app?.stop();
    app = null;
    await socket.stop();
    await fake.stop();
  });

  it('answers a slash command, a button and an event over the socket, acking each within 3 s', async () => {
    await start();
    expect(socket.connections).toBe(1);
    expect(fake.callsTo('apps.connections.open')[0]?.token).toBe(APP_TOKEN);
    expect(await health()).toEqual({ status: 200, body: { ok: true, db: true, scheduler: true, socket: true } });

    await askNext();

    const click = blockActionBody(fake, { actionId: 'commitment.done:R1-8', value: 'mexico-uk|R1-8', fromHome: true });
    const clickAck = await socket.send('interactive', JSON.parse(asObject(click.body).payload));
    expect(clickAck.envelope_id).toBeTruthy();
    await eventually(async () => (await status('R1-8')) === 'done', 'R1-8 done');

    const opened = await socket.send(
      'events_api',
      JSON.parse(eventBody({ type: 'app_home_opened', user: READER, channel: 'DHOME', tab: 'home' })),
    );
    expect(opened.envelope_id).toBeTruthy();
    const home = await waitFor(() => fake.callsTo('views.publish')[0]?.args, 'views.publish');
    expect(home.user_id).toBe(READER);
  });

  it('on Slack’s `disconnect` opens a new connection and goes on answering', async () => {
    await start();
    socket.disconnect();
    await socket.until(() => socket.connections === 2 && socket.open, 'a second connection');
    expect(fake.callsTo('apps.connections.open')).toHaveLength(2);
    await healthBecomes(200);
    await askNext();
  });

  it('survives a 10 s outage (Web API answering 503, socket server down): /healthz 503, then reconnects', async () => {
    await start();
    fake.on('apps.connections.open', () => ({ status: 503, body: { ok: false, error: 'service_unavailable' } }));
    await socket.stop();
    await healthBecomes(503);
    const down = await health();
    expect(down.body).toEqual({ ok: false, db: true, scheduler: true, socket: false });
    await new Promise((r) => setTimeout(r, 10_000)); // the outage
    expect((await health()).status).toBe(503);
    expect(fake.callsTo('apps.connections.open').length).toBeGreaterThan(3); // it kept trying
    socket = await new FakeSocketSlack(fake).start(socket.port);
    await healthBecomes(200);
    await askNext();
  }, 60_000);

  it('survives a 60 s outage (Web API and socket server both unreachable) and never exits', async () => {
    await start();
    const apiPort = fake.port;
    const socketPort = socket.port;
    await socket.stop();
    await fake.stop();
    await healthBecomes(503);
    await new Promise((r) => setTimeout(r, 60_000)); // the outage
    expect((await health()).status).toBe(503);
    await fake.start(apiPort);
    socket = await new FakeSocketSlack(fake).start(socketPort);
    await healthBecomes(200);
    await askNext();
    expect(logs.some((l) => l.includes('Slack socket lost'))).toBe(true);
  }, 120_000);

  it('keeps tokens and feed links out of its debug log, Bolt’s socket lines included', async () => {
    await start();
    await askNext(); // the reader's language is known now: the next answer travels in the ack, over the socket
    const { body, method } = commandBody(fake, { text: 'subscribe', user_id: READER });
    const ack = await socket.send('slash_commands', asObject(body));
    const answer = JSON.stringify(
      ack.payload?.text ? ack.payload : await waitFor(() => fake.callsTo(method)[0]?.args, 'the answer'),
    );
    const token = /\/calendar\/([A-Za-z0-9_-]{20,})\.ics/.exec(answer)?.[1];
    expect(token).toBeTruthy();
    await app!.stop();
    const log = logs.join('');
    expect(log).toContain('"level":20'); // debug lines were written
    expect(log).toContain('/calendar/[redacted]'); // the feed link was logged, redacted
    expect(log).not.toContain(token);
    expect(log).not.toContain(APP_TOKEN);
    expect(log).not.toContain(TOKEN);
  });

  it('refuses to start when Slack refuses the app token (invalid_auth), with a clear message', async () => {
    fake.on('apps.connections.open', () => ({ body: { ok: false, error: 'invalid_auth' } }));
    await expect(start()).rejects.toThrow(/Slack refused SLACK_APP_TOKEN \(apps\.connections\.open: invalid_auth\)/);
    app = null;
  });

  it('a SLACK_APP_TOKEN that is not an app-level token fails at start: exit 2, a clear message, no Slack call', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['start'], {
      stdout: { write: (t: string) => out.push(t) },
      stderr: { write: (t: string) => err.push(t) },
      env: {
        SLACK_BOT_TOKEN: TOKEN,
        SLACK_APP_TOKEN: 'xoxb-this-is-a-bot-token',
        SLACK_API_URL: fake.url,
        DATABASE_URL: 'sqlite::memory:',
        CONFIG_DIR: `${new URL('../..', import.meta.url).pathname}config`,
        LOG_LEVEL: 'silent',
        PORT: '0',
      },
      cwd: process.cwd(),
    });
    expect(code).toBe(2);
    expect(err.join('')).toMatch(/SLACK_APP_TOKEN: not an app-level token \(it starts "xoxb-", expected "xapp-…"\)/);
    expect(err.join('')).not.toContain('this-is-a-bot-token');
    expect(fake.calls).toHaveLength(0);
  });
});
