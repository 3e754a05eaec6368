import { ErrorCode, WebClient, WebClientEvent } from '@slack/web-api';
import type { Metrics } from '../metrics.js';

/**
 * Counts Slack Web API calls and errors by method. Bolt makes its own
 * WebClients (one per token, from a pool), so there is no instance to wrap
 * before a request needs one: `WebClient.prototype.apiCall` is wrapped once,
 * and each call is counted for the app its client belongs to, known by the
 * logger Bolt shares with every client it makes (or by the client itself,
 * for the ones we make). Clients of no app are not counted.
 */

type Sink = Pick<Metrics, 'slackCall' | 'slackError'>;

const sinks = new WeakMap<object, Sink>();
const watched = new WeakSet<object>();
let installed = false;

function sinkOf(client: WebClient): Sink | undefined {
  return sinks.get(client) ?? sinks.get((client as unknown as { logger: object }).logger);
}

function errorLabel(error: unknown): string {
  const e = error as { code?: string; data?: { error?: unknown }; statusCode?: number };
  switch (e?.code) {
    case ErrorCode.RateLimitedError:
      return 'rate_limited';
    case ErrorCode.PlatformError:
      return typeof e.data?.error === 'string' ? e.data.error : 'platform_error';
    case ErrorCode.HTTPError:
      return e.statusCode === 429 ? 'rate_limited' : `http_${e.statusCode ?? 'error'}`;
    case ErrorCode.RequestError:
      return 'network';
    default:
      return 'other';
  }
}

function install(): void {
  if (installed) return;
  installed = true;
  const original = WebClient.prototype.apiCall;
  WebClient.prototype.apiCall = async function apiCall(this: WebClient, method, options) {
    const sink = sinkOf(this);
    if (!sink) return original.call(this, method, options);
    if (!watched.has(this)) {
      watched.add(this);
      // A client that waits out a 429 itself (Bolt's) never throws for it: it says so with this event.
      this.on(WebClientEvent.RATE_LIMITED, (_seconds: number, info?: { url?: string }) => {
        const m = /\/([a-zA-Z.]+)\/?$/.exec(info?.url ?? '');
        sinkOf(this)?.slackError(m?.[1] ?? 'other', 'rate_limited');
      });
    }
    sink.slackCall(method);
    try {
      return await original.call(this, method, options);
    } catch (error) {
      // A 429 with Retry-After was counted by the RATE_LIMITED event already.
      if ((error as { code?: string }).code !== ErrorCode.RateLimitedError) sink.slackError(method, errorLabel(error));
      throw error;
    }
  };
}

/** Counts the calls of clients sharing this Bolt logger (every client of one app), or of this one client. */
export function countSlackCalls(owner: object, metrics: Sink): void {
  install();
  sinks.set(owner, metrics);
}
