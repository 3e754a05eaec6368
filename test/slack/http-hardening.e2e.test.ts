import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { HttpLimits } from '../../src/http.js';
import { type RunningApp, startApp } from '../../src/main.js';
import { findCommitmentRow } from '../../src/store/commitments.repository.js';
import { FakeSlack } from '../support/fake-slack.js';
import { testConfig } from '../support/store.js';
import {
  blockActionBody,
  commandBody,
  EDITOR,
  eventually,
  NOW,
  postSigned,
  READER,
  SECRET,
  sign,
  TOKEN,
  viewSubmissionBody,
  waitFor,
} from './helpers.js';

/**
 * HTTP mode against malformed, unsigned, mistimed and slow requests: the real
 * app (our node:http server, the gate, Bolt) with FakeSlack, logs captured.
 */
describe('HTTP mode: what reaches POST /slack/events', () => {
  let fake: FakeSlack;
  let app: RunningApp | null = null;
  let logs: string[];
  let url: string;

  const start = async (options: { level?: string; limits?: Partial<HttpLimits> } = {}) => {
    logs = [];
    fake = await new FakeSlack().start();
    app = await startApp({
      config: testConfig({
        SLACK_BOT_TOKEN: TOKEN,
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: fake.url,
        EDITORS: EDITOR,
        LOG_LEVEL: options.level ?? 'info',
      }),
      port: 0,
      now: NOW,
      clock: () => NOW,
      logDestination: { write: (line: string) => void logs.push(line) } as never,
      httpLimits: options.limits,
    });
    url = `http://127.0.0.1:${app.port}/slack/events`;
    logs.length = 0; // start-up lines
  };
  afterEach(async () => {
    await app?.stop();
    app = null;
    await fake?.stop();
  });

  const status = async (id: string) => (await findCommitmentRow(app!.core.store.db, 'mexico-uk', id))?.status;
  /** Web API calls other than the start-up check. */
  const slackCalls = () => fake.calls.filter((c) => c.method !== 'auth.test');
  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
  const payload = (p: unknown) => form({ payload: JSON.stringify(p) });
  const nowSec = () => Math.floor(Date.now() / 1000);

  it('refuses malformed signed bodies with 400 and one short log line each; nothing runs, nothing changes', async () => {
    await start();
    const cmd = commandBody(fake, { command: '/commitments', text: 'update R1-4 done' });
    const withoutResponseUrl = new URLSearchParams(cmd.body);
    withoutResponseUrl.delete('response_url');
    const click = JSON.parse(
      new URLSearchParams(blockActionBody(fake, { actionId: 'x', value: 'y' }).body).get('payload')!,
    );
    const submit = JSON.parse(
      new URLSearchParams(viewSubmissionBody({ callbackId: 'c', viewId: 'V1', privateMetadata: '', values: {} })).get(
        'payload',
      )!,
    );
    const cases: [string, string, string?][] = [
      ['payload=null', 'payload=null'],
      ['payload of invalid JSON', 'payload=%7Bnot-json'],
      ['a JSON null', 'null', 'application/json'],
      ['a JSON array', '[1,2]', 'application/json'],
      ['an event envelope without an event', JSON.stringify({ type: 'event_callback' }), 'application/json'],
      ['a slash command without response_url', withoutResponseUrl.toString()],
      ['a slash command without a user', form({ command: '/dialogue', text: 'next', response_url: 'http://x/y' })],
      ['block_actions without a user', payload({ ...click, user: undefined })],
      ['block_actions without actions', payload({ ...click, actions: [] })],
      ['view_submission without a view', payload({ ...submit, view: undefined })],
      ['a form that is nothing Slack sends', form({ hello: 'world' })],
    ];
    for (const [what, body, contentType] of cases) {
      const before = logs.length;
      const res = await postSigned(url, body, { contentType: contentType ?? 'application/x-www-form-urlencoded' });
      expect(res.status, what).toBe(400);
      const lines = logs.slice(before);
      expect(lines, what).toHaveLength(1);
      expect(lines[0]!.length, what).toBeLessThan(300);
      expect(lines[0], what).toContain('slack request refused');
    }
    await app!.idle();
    expect(slackCalls()).toHaveLength(0);
    expect(await status('R1-4')).toBe('not-started');
    // The app is still up and answering.
    const ok = commandBody(fake, { text: 'next' });
    expect((await postSigned(url, ok.body)).status).toBe(200);
  });

  it('refuses unsigned and forged requests with 401, one short line each', async () => {
    await start();
    const { body, method } = commandBody(fake, { command: '/commitments', text: 'update R1-4 done' });
    const unsigned = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    expect(unsigned.status).toBe(401);
    const ts = nowSec();
    expect((await postSigned(url, body, { ts, signature: sign(body, ts, 'wrong-secret') })).status).toBe(401);
    expect((await postSigned(url, body, { ts, signature: 'v0=zz' })).status).toBe(401);
    expect(logs).toHaveLength(3);
    expect(logs.every((l) => l.length < 300)).toBe(true);
    await app!.idle();
    expect(fake.callsTo(method)).toHaveLength(0);
    expect(await status('R1-4')).toBe('not-started');
  });

  it('answers anything but POST with 405 and Allow: POST, writing no log line', async () => {
    await start();
    for (const method of ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'PATCH']) {
      const res = await fetch(url, { method, ...(method === 'PUT' || method === 'PATCH' ? { body: 'x' } : {}) });
      expect(res.status, method).toBe(405);
      expect(res.headers.get('allow'), method).toBe('POST');
    }
    expect(logs).toHaveLength(0);
  });

  it('a flood of junk writes a bounded log: lines are capped per minute, the rest counted', async () => {
    await start();
    for (let i = 0; i < 200; i++) {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'null' });
      expect(res.status).toBe(401);
    }
    expect(logs.length).toBeLessThanOrEqual(20);
    expect(logs.join('').length).toBeLessThan(20 * 300);
  });

  it('refuses timestamps more than five minutes off either way, with no side effect; accepts four minutes', async () => {
    await start();
    for (const offset of [6 * 60, 3600, 365 * 86_400, -6 * 60, -3600]) {
      const { body, method } = commandBody(fake, { command: '/commitments', text: 'update R1-4 done' });
      const res = await postSigned(url, body, { ts: nowSec() + offset });
      expect(res.status, `offset ${offset} s`).toBe(401);
      await app!.idle();
      expect(fake.callsTo(method), `offset ${offset} s`).toHaveLength(0);
    }
    expect(await status('R1-4')).toBe('not-started');
    expect(logs.filter((l) => l.includes('timestamp'))).toHaveLength(5);
    for (const offset of [4 * 60, -4 * 60]) {
      const { body } = commandBody(fake, { text: 'next' });
      expect((await postSigned(url, body, { ts: nowSec() + offset })).status, `offset ${offset} s`).toBe(200);
    }
    const { body } = commandBody(fake, { command: '/commitments', text: 'update R1-4 done' });
    expect((await postSigned(url, body, { ts: nowSec() + 200 })).status).toBe(200);
    await eventually(async () => (await status('R1-4')) === 'done', 'R1-4 done');
  });

  it('ULOCAL, the local-mode user, is nobody special in Slack: a change from user_id=ULOCAL is refused', async () => {
    await start();
    const { body, method } = commandBody(fake, {
      command: '/commitments',
      text: 'update R1-4 done',
      user_id: 'ULOCAL',
    });
    expect((await postSigned(url, body)).status).toBe(200);
    await app!.idle();
    expect(await status('R1-4')).toBe('not-started');
    const reply = JSON.stringify(fake.callsTo(method)[0]?.args ?? {});
    expect(reply).toMatch(/editor/i);
  });

  it('at LOG_LEVEL=debug no feed token reaches the log, though Bolt logs the Web API call that carries the link', async () => {
    await start({ level: 'debug' });
    // "Subscribe to calendar" on App Home: the private link goes out by DM (chat.postMessage), whose
    // request body and result Bolt's Web API client writes at debug.
    const click = blockActionBody(fake, {
      actionId: 'calendar.subscribe',
      value: 'mexico-uk',
      fromHome: true,
      user: READER,
    });
    expect((await postSigned(url, click.body)).status).toBe(200);
    const dm = await waitFor(() => fake.callsTo('chat.postMessage')[0]?.args, 'the DM');
    const token = /\/calendar\/([A-Za-z0-9_-]{20,})\.ics/.exec(JSON.stringify(dm))?.[1];
    expect(token).toBeTruthy();
    await app!.stop();
    const log = logs.join('');
    expect(log).toContain('"level":20');
    expect(log).toContain('/calendar/[redacted]');
    expect(log).not.toContain(token);
    expect(log).not.toContain(TOKEN);
    expect(log).not.toContain(SECRET);
  });

  it('refuses a body over the cap (413) and a body that trickles in (408), and goes on serving', async () => {
    await start({ limits: { requestTimeoutMs: 60_000, headersTimeoutMs: 60_000 } });
    const big = `text=${'x'.repeat(1024 * 1024 + 10)}`;
    const res = await postSigned(url, big);
    expect(res.status).toBe(413);
    const { port } = app!;
    const answer = await rawExchange(port, (s) => {
      s.write(
        'POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nabc',
      );
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    const ok = commandBody(fake, { text: 'next' });
    expect((await postSigned(url, ok.body)).status).toBe(200);
  });

  it('under a slowloris, /healthz still answers and the slow connections are cut', async () => {
    await start({ limits: { headersTimeoutMs: 1_000, requestTimeoutMs: 2_000, checkIntervalMs: 200 } });
    const { port } = app!;
    const slow: Socket[] = [];
    const closed: Promise<void>[] = [];
    for (let i = 0; i < 100; i++) {
      const s = connect(port, '127.0.0.1');
      s.on('error', () => {});
      s.write('POST /slack/events HTTP/1.1\r\nHost: x\r\n');
      closed.push(new Promise((resolve) => s.once('close', () => resolve())));
      slow.push(s);
    }
    const drip = setInterval(() => {
      for (const s of slow) if (!s.destroyed) s.write('X-Drip: 1\r\n');
    }, 100);
    try {
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      // The server, not the client, ends each of them (headers never completed).
      await Promise.all(closed);
    } finally {
      clearInterval(drip);
      for (const s of slow) s.destroy();
    }
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
  });

  it('caps open connections: past the cap a new one is refused, and served again once others go', async () => {
    await start({ limits: { maxConnections: 10 } });
    const { port } = app!;
    const held: Socket[] = [];
    for (let i = 0; i < 10; i++) {
      // Each asks for /healthz and keeps its connection open (keep-alive): the server counts it.
      const s = connect(port, '127.0.0.1');
      s.on('error', () => {});
      s.setEncoding('utf8');
      const answered = new Promise((resolve) => s.once('data', resolve));
      s.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
      expect(String(await answered)).toMatch(/^HTTP\/1\.1 200/);
      held.push(s);
    }
    const refused = await rawExchange(port, (s) => s.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n'));
    expect(refused).toBe('');
    for (const s of held) s.destroy();
    await eventually(
      async () => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null))?.status === 200,
      '/healthz served again',
    );
  });
});

/** Writes on a raw connection and resolves with everything the server sent before closing it. */
function rawExchange(port: number, write: (s: Socket) => void): Promise<string> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    let got = '';
    s.setEncoding('utf8');
    s.on('data', (d: string) => {
      got += d;
    });
    s.on('error', () => {});
    s.once('close', () => resolve(got));
    s.once('connect', () => write(s));
  });
}
