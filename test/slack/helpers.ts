import { createHmac } from 'node:crypto';
import { type RunningApp, startApp } from '../../src/main.js';
import { openStore } from '../../src/store/connection.js';
import { FakeSlack } from '../support/fake-slack.js';
import { type DialectName, resetStore, testConfig, workerSchema } from '../support/store.js';

export const SECRET = 'test-signing-secret-0123456789';
export const TOKEN = 'xoxb-test-token';
export const EDITOR = 'UEDITOR1';
export const READER = 'UREADER1';
export const CHANNEL = 'CDIALOGUE';
/** Inside 2025, before round 2 has a date: the UK is expected to host. */
export const NOW = new Date('2025-03-01T12:00:00Z');

export interface SlackHarness {
  readonly fake: FakeSlack;
  readonly app: RunningApp;
  readonly url: string;
  close(): Promise<void>;
}

/** The real app (Bolt over HTTP, our node:http server) against FakeSlack, on a fresh store. */
export async function startSlackApp(
  dialect: DialectName,
  tag: string,
  /** `fake`: share one FakeSlack between instances; `keep`: use the store as it is (a second replica). */
  options: { at?: Date; env?: Record<string, string>; fake?: FakeSlack; keep?: boolean } = {},
): Promise<SlackHarness> {
  const at = options.at ?? NOW;
  const fake = options.fake ?? (await new FakeSlack().start());
  const ownFake = !options.fake;
  const config = testConfig(
    { SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.url, EDITORS: EDITOR, ...options.env },
    dialect,
  );
  const schema = dialect === 'postgres' ? workerSchema(tag) : undefined;
  if (schema && !options.keep) {
    const store = await openStore(config.env.databaseUrl, { schema });
    await resetStore(store);
    await store.close();
  }
  const app = await startApp({
    config,
    schema,
    port: 0,
    now: at,
    clock: () => at,
    logDestination: { write: () => {} } as never,
  });
  return {
    fake,
    app,
    url: `http://127.0.0.1:${app.port}/slack/events`,
    async close() {
      await app.stop();
      if (ownFake) await fake.stop();
    },
  };
}

/** Signs a body exactly as Slack does: v0 HMAC-SHA256 over `v0:<ts>:<body>`. */
export function sign(body: string, ts: number, secret = SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
}

export interface PostOptions {
  readonly ts?: number;
  readonly signature?: string;
  readonly contentType?: string;
  /** Extra headers (e.g. Slack's x-slack-retry-num on a retried delivery). */
  readonly headers?: Record<string, string>;
}

/** Answers given in the ack itself (a slash command answered at once), by the response_url of the request. */
const ackAnswers = new Map<string, Json>();

export async function postSigned(url: string, body: string, options: PostOptions = {}): Promise<Response> {
  const ts = options.ts ?? Math.floor(Date.now() / 1000);
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': options.contentType ?? 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': options.signature ?? sign(body, ts),
      ...options.headers,
    },
    body,
  });
  const replyTo = options.contentType ? null : new URLSearchParams(body).get('response_url');
  if (replyTo && res.ok) {
    const text = await res.clone().text();
    if (text.trim()) ackAnswers.set(replyTo, JSON.parse(text) as Json);
  }
  return res;
}

/**
 * The private answer to a slash command, wherever Slack got it: in the ack
 * when it was ready at once, else the first post to its response_url.
 */
export function answerTo(fake: FakeSlack, method: string): Promise<Json> {
  const inAck = ackAnswers.get(`${fake.url}${method}`);
  return inAck ? Promise.resolve(inAck) : waitFor(() => fake.callsTo(method)[0]?.args as Json, `a reply on ${method}`);
}

let seq = 0;
/** A response_url on the fake: its calls are recorded under this method name. */
export function responseUrl(fake: FakeSlack): { url: string; method: string } {
  const method = `response/${++seq}`;
  return { url: `${fake.url}${method}`, method };
}

export function commandBody(
  fake: FakeSlack,
  overrides: Partial<Record<'command' | 'text' | 'user_id' | 'channel_id', string>> = {},
): { body: string; method: string } {
  const r = responseUrl(fake);
  const params = new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: 'T0FAKE',
    team_domain: 'fake',
    channel_id: CHANNEL,
    channel_name: 'dialogue',
    user_id: EDITOR,
    user_name: 'editor',
    command: '/dialogue',
    text: '',
    api_app_id: 'A0FAKE',
    is_enterprise_install: 'false',
    response_url: r.url,
    trigger_id: `trigger.${seq}`,
    ...overrides,
  });
  return { body: params.toString(), method: r.method };
}

type Json = Record<string, unknown>;

export function blockActionBody(
  fake: FakeSlack,
  o: { actionId: string; value: string; user?: string; fromHome?: boolean; channel?: string },
): { body: string; method: string } {
  const r = responseUrl(fake);
  const user = o.user ?? EDITOR;
  const payload: Json = {
    type: 'block_actions',
    team: { id: 'T0FAKE', domain: 'fake' },
    user: { id: user, username: 'u', team_id: 'T0FAKE' },
    api_app_id: 'A0FAKE',
    token: 'legacy-verification-token',
    trigger_id: `trigger.${seq}`,
    actions: [
      {
        type: 'button',
        action_id: o.actionId,
        block_id: 'b1',
        value: o.value,
        text: { type: 'plain_text', text: 'x' },
        action_ts: `${Date.now() / 1000}`,
      },
    ],
    ...(o.fromHome
      ? {
          container: { type: 'view', view_id: 'VHOME' },
          view: { id: 'VHOME', type: 'home', team_id: 'T0FAKE', hash: 'h', private_metadata: '', callback_id: '' },
        }
      : {
          container: {
            type: 'message',
            message_ts: '1700000000.000100',
            channel_id: o.channel ?? CHANNEL,
            is_ephemeral: true,
          },
          channel: { id: o.channel ?? CHANNEL, name: 'dialogue' },
          response_url: r.url,
          message: { ts: '1700000000.000100', text: 'x' },
        }),
  };
  return { body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), method: r.method };
}

export function viewSubmissionBody(o: {
  callbackId: string;
  viewId: string;
  privateMetadata: string;
  values: Json;
  user?: string;
}): string {
  const payload = {
    type: 'view_submission',
    team: { id: 'T0FAKE', domain: 'fake' },
    user: { id: o.user ?? EDITOR, username: 'u', team_id: 'T0FAKE' },
    api_app_id: 'A0FAKE',
    token: 'legacy-verification-token',
    trigger_id: 'trigger.view',
    view: {
      id: o.viewId,
      team_id: 'T0FAKE',
      type: 'modal',
      callback_id: o.callbackId,
      private_metadata: o.privateMetadata,
      hash: 'hash1',
      state: { values: o.values },
      blocks: [],
      title: { type: 'plain_text', text: 'x' },
      app_id: 'A0FAKE',
      bot_id: 'BBOT',
    },
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export function eventBody(event: Json): string {
  return JSON.stringify({
    token: 'legacy-verification-token',
    team_id: 'T0FAKE',
    api_app_id: 'A0FAKE',
    event,
    type: 'event_callback',
    event_id: `Ev${++seq}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: 'T0FAKE', user_id: 'UBOT', is_bot: true, is_enterprise_install: false }],
  });
}

/** Polls until `check` returns a value (work after ack is asynchronous). */
export async function waitFor<T>(
  check: () => T | undefined | null | false,
  what: string,
  timeoutMs = 5_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = check();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Polls an asynchronous check (a database read, an HTTP probe) until it holds. */
export async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Every text a Slack message carries: fallback and all mrkdwn/plain text in blocks. */
export function allText(message: Json | undefined): string {
  return JSON.stringify(message ?? {});
}
