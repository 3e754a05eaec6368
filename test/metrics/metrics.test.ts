import type { IncomingMessage, ServerResponse } from 'node:http';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterEach, describe, expect, it } from 'vitest';
import { createMetrics, reminderKind } from '../../src/metrics.js';
import { answerTo, commandBody, postSigned, type SlackHarness, startSlackApp } from '../slack/helpers.js';
import { DIALECTS } from '../support/store.js';

interface Family {
  name: string;
  type: string;
  help: string;
  metrics: { value?: string; labels?: Record<string, string>; count?: string; buckets?: Record<string, string> }[];
}

const AT = new Date('2024-06-01T12:00:00Z');
/** A tick with reminders due for the seeded dialogue (REMINDER_CHANNEL set). */
const DUE = new Date('2024-07-16T08:00:00Z');

let lastText = '';

async function scrape(h: SlackHarness, headers: Record<string, string> = {}): Promise<Family[]> {
  const res = await fetch(`http://127.0.0.1:${h.app.port}/metrics`, { headers });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  lastText = await res.text();
  return parsePrometheusTextFormat(lastText) as Family[];
}

/** A histogram's observation count for one label set, from the last scrape's `<name>_count{…}` line. */
function observations(name: string, labels: Record<string, string>): number {
  const line = lastText
    .split('\n')
    .find((l) => l.startsWith(`${name}_count{`) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

function value(families: Family[], name: string, labels: Record<string, string> = {}): number {
  const family = families.find((f) => f.name === name);
  if (!family) throw new Error(`no metric ${name}`);
  const sample = family.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));
  return Number(sample?.value ?? sample?.count ?? 0);
}

describe.each(DIALECTS)('GET /metrics (%s)', (dialect) => {
  let h: SlackHarness;
  afterEach(async () => {
    await h?.close();
  });

  it('is Prometheus text, and its counters move when a reminder is sent or fails', async () => {
    h = await startSlackApp(dialect, 'metrics', { at: AT, env: { REMINDER_CHANNEL: 'C0REMIND' } });
    const before = await scrape(h);
    const types = Object.fromEntries(before.map((f) => [f.name, f.type]));
    expect(types).toMatchObject({
      dialogue_reminders_total: 'COUNTER',
      dialogue_slack_api_calls_total: 'COUNTER',
      dialogue_slack_api_errors_total: 'COUNTER',
      dialogue_slack_api_rate_limited_total: 'COUNTER',
      dialogue_command_duration_seconds: 'HISTOGRAM',
      dialogue_http_request_duration_seconds: 'HISTOGRAM',
      dialogue_database_up: 'GAUGE',
      dialogue_scheduler_last_tick_seconds: 'GAUGE',
    });
    expect(value(before, 'dialogue_database_up')).toBe(1);
    expect(value(before, 'dialogue_scheduler_last_tick_seconds')).toBe(0);

    const report = await h.app.runTick(DUE);
    expect(report.sent.length).toBeGreaterThan(0);
    expect(h.fake.callsTo('chat.postMessage').length).toBe(report.sent.length);
    const after = await scrape(h);
    const kinds = new Set(report.sent.map((s) => reminderKind(s.key)));
    for (const kind of kinds) {
      const n = report.sent.filter((s) => reminderKind(s.key) === kind && !s.late).length;
      const labels = { kind, outcome: 'sent' };
      expect(value(after, 'dialogue_reminders_total', labels) - value(before, 'dialogue_reminders_total', labels)).toBe(
        n,
      );
    }
    const posts = { method: 'chat.postMessage' };
    expect(
      value(after, 'dialogue_slack_api_calls_total', posts) - value(before, 'dialogue_slack_api_calls_total', posts),
    ).toBe(report.sent.length);
    expect(value(after, 'dialogue_scheduler_last_tick_seconds')).toBe(DUE.getTime() / 1000);

    // A 429 from Slack: the reminder counts as failed (retried later), the call as rate limited.
    h.fake.failNext('chat.postMessage', {
      status: 429,
      headers: { 'retry-after': '30' },
      body: { ok: false, error: 'ratelimited' },
    });
    const next = await h.app.runTick(new Date('2024-08-16T08:00:00Z'));
    expect(next.retrying.length).toBeGreaterThan(0);
    const third = await scrape(h);
    const failedKind = reminderKind(next.retrying[0]!.key);
    expect(
      value(third, 'dialogue_reminders_total', { kind: failedKind, outcome: 'failed' }) -
        value(after, 'dialogue_reminders_total', { kind: failedKind, outcome: 'failed' }),
    ).toBe(next.retrying.filter((r) => reminderKind(r.key) === failedKind).length);
    expect(value(third, 'dialogue_slack_api_rate_limited_total', posts)).toBe(1);
  });

  it('times commands and feeds', async () => {
    h = await startSlackApp(dialect, 'metrics', { at: AT });
    const { body, method } = commandBody(h.fake, { text: 'next' });
    expect((await postSigned(h.url, body)).status).toBe(200);
    await answerTo(h.fake, method);
    expect((await fetch(`http://127.0.0.1:${h.app.port}/calendar/not-a-token.ics`)).status).toBe(404);
    const families = await scrape(h);
    expect(families.find((f) => f.name === 'dialogue_command_duration_seconds')?.type).toBe('HISTOGRAM');
    expect(
      observations('dialogue_command_duration_seconds', { command: '/dialogue', verb: 'next', kind: 'answer' }),
    ).toBe(1);
    expect(observations('dialogue_http_request_duration_seconds', { route: 'feed', status: '404' })).toBe(1);
    // Slack calls of Bolt's own clients count too (users.info for the locale of a first command).
    expect(value(families, 'dialogue_slack_api_calls_total', { method: 'users.info' })).toBeGreaterThan(0);
  });
});

describe('who may read /metrics', () => {
  async function ask(remoteAddress: string, token: string | null, authorization?: string) {
    const metrics = createMetrics({ dbUp: async () => true });
    let status = 0;
    let text = '';
    const req = { socket: { remoteAddress }, headers: authorization ? { authorization } : {}, method: 'GET' };
    const res = {
      writeHead: (s: number) => {
        status = s;
      },
      end: (b?: string) => {
        text = b ?? '';
      },
    };
    await metrics.handler(token)(req as unknown as IncomingMessage, res as unknown as ServerResponse);
    return { status, text };
  }

  it('answers loopback; elsewhere only with the bearer token', async () => {
    expect((await ask('127.0.0.1', null)).status).toBe(200);
    expect((await ask('::1', null)).status).toBe(200);
    const refused = await ask('10.1.2.3', null);
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('METRICS_TOKEN');
    expect((await ask('10.1.2.3', 's3cret')).status).toBe(401);
    expect((await ask('10.1.2.3', 's3cret', 'Bearer wrong!')).status).toBe(401);
    const ok = await ask('10.1.2.3', 's3cret', 'Bearer s3cret');
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('dialogue_database_up 1');
  });
});
