/**
 * Signed slash-command load: every request is signed afresh (timestamp and
 * HMAC, as Slack does) and carries its send instant in its response_url, so
 * the fake Slack can time the whole round trip of the answer.
 */
import { createHmac } from 'node:crypto';
import autocannon from 'autocannon';
import { messages } from '../src/i18n/index.js';
import { SIGNING_SECRET } from './procs.js';

interface Request {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
}

/** autocannon with the per-request hook (bench/autocannon.d.ts types only what the feed bench uses). */
const cannon = autocannon as unknown as (options: {
  url: string;
  connections: number;
  duration: number;
  requests: (Request & {
    setupRequest?: (request: Request) => Request;
    onResponse?: (status: number, body: string) => void;
  })[];
}) => ReturnType<typeof autocannon>;

export interface SlashCommand {
  readonly command: '/dialogue' | '/commitments';
  readonly text: string;
}

export const USER = 'UBENCH1';
export const CHANNEL = 'CBENCH01';

/** A slash command body as Slack posts it (form-encoded), answered at `responseUrl`. */
export function commandBody(c: SlashCommand, responseUrl: string): string {
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: 'T0FAKE',
    team_domain: 'fake',
    channel_id: CHANNEL,
    channel_name: 'dialogue',
    user_id: USER,
    user_name: 'bench',
    command: c.command,
    text: c.text,
    api_app_id: 'A0FAKE',
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: '1.2.3',
  }).toString();
}

export function signedHeaders(body: string, ts = Math.floor(Date.now() / 1000)): Record<string, string> {
  const signature = `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
  return {
    'content-type': 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': String(ts),
    'x-slack-signature': signature,
  };
}

/** One signed request with its send instant stamped into the response_url. */
export function stampedRequest(c: SlashCommand, fakeUrl: string): { body: string; headers: Record<string, string> } {
  const body = commandBody(c, `${fakeUrl}response/${(performance.timeOrigin + performance.now()).toFixed(3)}`);
  return { body, headers: signedHeaders(body) };
}

export interface LoadResult {
  readonly reqPerSec: number;
  readonly p50: number;
  readonly p99: number;
  readonly ok: number;
  readonly total: number;
  readonly errors: number;
  /** 200s whose body was the answer itself (Slack shows it at once; nothing goes to the response_url). */
  readonly answeredInAck: number;
  /** Of those, answers that were the app's apology for an internal error. */
  readonly failedInAck: number;
}

const INTERNAL_ERROR = JSON.stringify(messages('en').errors.internal).slice(1, -1);

/** autocannon POSTing signed `c` to /slack/events for `duration` s. */
export async function slashLoad(
  port: number,
  c: SlashCommand,
  fakeUrl: string,
  connections: number,
  duration: number,
): Promise<LoadResult> {
  let answeredInAck = 0;
  let failedInAck = 0;
  const r = await cannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration,
    requests: [
      {
        method: 'POST',
        path: '/slack/events',
        setupRequest: (req) => ({ ...req, ...stampedRequest(c, fakeUrl) }),
        onResponse: (status, body) => {
          if (status !== 200 || !body) return;
          answeredInAck++;
          if (body.includes(INTERNAL_ERROR)) failedInAck++;
        },
      },
    ],
  });
  const statuses = Object.entries(r.statusCodeStats).map(([code, s]) => [Number(code), s.count] as const);
  const total = statuses.reduce((a, [, n]) => a + n, 0);
  const ok = statuses.filter(([code]) => code >= 200 && code < 300).reduce((a, [, n]) => a + n, 0);
  return {
    reqPerSec: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    ok,
    total,
    errors: r.errors + r.timeouts,
    answeredInAck,
    failedInAck,
  };
}
