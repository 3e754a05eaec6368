import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Router } from './commands/router.js';
import type { RouteHandler } from './http.js';
import type { TickReport } from './services/reminders.service.js';

/**
 * What `GET /metrics` tells Prometheus (text format, prom-client): reminders
 * by kind and outcome, Slack Web API calls and errors by method (429s apart),
 * command and feed latency, whether the database answers, and when the
 * scheduler last ticked. One registry per running app.
 */
export interface Metrics {
  readonly registry: Registry;
  /** Counts a scheduler pass's outcomes and remembers when it ran. */
  observeTick(report: TickReport, at: Date): void;
  /** A Slack Web API call made (by method). */
  slackCall(method: string): void;
  /** A Slack Web API call that failed: `rate_limited` for 429s, else Slack's error code or the HTTP/network cause. */
  slackError(method: string, error: string): void;
  /** Times every command through the router. */
  instrumentRouter(router: Router): Router;
  /** Times a route's requests until the response is finished. */
  timeRoute(name: string, handler: RouteHandler): RouteHandler;
  /** The `GET /metrics` handler: from loopback, or from anywhere with `Authorization: Bearer <token>` when a token is set. */
  handler(token: string | null): RouteHandler;
}

export interface MetricsSources {
  /** Whether the database answers (sampled at each scrape). */
  readonly dbUp: () => Promise<boolean>;
}

/** The reminder kind is the first part of its stable key (`round:mexico-uk:2:T-30` → `round`). */
export function reminderKind(key: string): string {
  const kind = key.split(':', 1)[0] ?? '';
  return /^[a-z][a-z-]{0,30}$/.test(kind) ? kind : 'other';
}

/** Slack method names only (`chat.postMessage`); anything else is one label, so labels stay few. */
function methodLabel(method: string): string {
  return /^[a-zA-Z]+(\.[a-zA-Z]+){1,3}$/.test(method) ? method : 'other';
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function bearerMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  if (!m) return false;
  const given = Buffer.from(m[1]!);
  const want = Buffer.from(token);
  return given.length === want.length && timingSafeEqual(given, want);
}

export function createMetrics(sources: MetricsSources): Metrics {
  const registry = new Registry();
  const reminders = new Counter({
    name: 'dialogue_reminders_total',
    help: 'Reminders by kind and outcome: sent (on time), late (sent after downtime), skipped (too old), failed (a send failed; retried later).',
    labelNames: ['kind', 'outcome'] as const,
    registers: [registry],
  });
  const slackCalls = new Counter({
    name: 'dialogue_slack_api_calls_total',
    help: 'Slack Web API calls by method.',
    labelNames: ['method'] as const,
    registers: [registry],
  });
  const slackErrors = new Counter({
    name: 'dialogue_slack_api_errors_total',
    help: 'Slack Web API calls that failed, by method and error (rate limits are counted apart).',
    labelNames: ['method', 'error'] as const,
    registers: [registry],
  });
  const slackRateLimited = new Counter({
    name: 'dialogue_slack_api_rate_limited_total',
    help: 'Slack Web API answers of 429 (rate limited), by method.',
    labelNames: ['method'] as const,
    registers: [registry],
  });
  const commands = new Histogram({
    name: 'dialogue_command_duration_seconds',
    help: 'Time to answer a slash command through the router, by command, verb and reply kind.',
    labelNames: ['command', 'verb', 'kind'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const routes = new Histogram({
    name: 'dialogue_http_request_duration_seconds',
    help: 'Time to serve an HTTP request, by route (feed = calendar feeds) and status.',
    labelNames: ['route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [registry],
  });
  new Gauge({
    name: 'dialogue_database_up',
    help: '1 when the database answers a probe, else 0 (sampled at each scrape).',
    registers: [registry],
    async collect() {
      this.set((await sources.dbUp().catch(() => false)) ? 1 : 0);
    },
  });
  const lastTick = new Gauge({
    name: 'dialogue_scheduler_last_tick_seconds',
    help: 'Unix time of the last scheduler pass that finished (0 before the first).',
    registers: [registry],
  });
  lastTick.set(0);
  // Every label set known up front shows as 0, so rate() works from the first reminder.
  for (const kind of ['round', 'expected', 'overdue', 'followup', 'commitment', 'digest', 'overdue-digest'])
    for (const outcome of ['sent', 'late', 'skipped', 'failed']) reminders.labels(kind, outcome).inc(0);

  return {
    registry,
    observeTick(report, at) {
      for (const item of report.sent) reminders.labels(reminderKind(item.key), item.late ? 'late' : 'sent').inc();
      for (const key of report.skipped) reminders.labels(reminderKind(key), 'skipped').inc();
      for (const item of report.retrying) reminders.labels(reminderKind(item.key), 'failed').inc();
      lastTick.set(Math.floor(at.getTime() / 1000));
    },
    slackCall: (method) => slackCalls.labels(methodLabel(method)).inc(),
    slackError(method, error) {
      if (error === 'rate_limited') slackRateLimited.labels(methodLabel(method)).inc();
      else slackErrors.labels(methodLabel(method), /^[a-z0-9_]{1,40}$/.test(error) ? error : 'other').inc();
    },
    instrumentRouter(router) {
      const answer: Router['answer'] = async (request) => {
        const end = commands.startTimer();
        const result = await router.answer(request);
        const verb =
          result.reply.kind === 'usage' ? '(usage)' : (request.text.trim().split(/\s+/)[0] ?? '').toLowerCase();
        end({
          command: request.command,
          verb: /^[a-z-]{0,20}$/.test(verb) ? verb || '(empty)' : '(usage)',
          kind: result.reply.kind,
        });
        return result;
      };
      return { ...router, answer, handle: async (request) => (await answer(request)).reply };
    },
    timeRoute(name, handler) {
      return (req: IncomingMessage, res: ServerResponse) => {
        const end = routes.startTimer({ route: name });
        res.once('finish', () => end({ status: String(res.statusCode) }));
        return handler(req, res);
      };
    },
    handler(token) {
      return async (req, res) => {
        const allowed =
          LOOPBACK.has(req.socket.remoteAddress ?? '') ||
          (token !== null && bearerMatches(req.headers.authorization, token));
        if (!allowed) {
          const body = token
            ? 'unauthorized\n'
            : 'forbidden: /metrics answers on loopback only (or set METRICS_TOKEN)\n';
          res.writeHead(token ? 401 : 403, {
            'content-type': 'text/plain; charset=utf-8',
            ...(token ? { 'www-authenticate': 'Bearer' } : {}),
          });
          res.end(body);
          return;
        }
        const text = await registry.metrics();
        res.writeHead(200, { 'content-type': registry.contentType, 'content-length': Buffer.byteLength(text) });
        res.end(req.method === 'HEAD' ? undefined : text);
      };
    },
  };
}
