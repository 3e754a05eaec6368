import { ErrorCode, LogLevel, WebClient } from '@slack/web-api';
import type { DeliveryReceipt, Notification, Notifier } from '../services/notifier.js';
import { DeliveryError } from '../services/notifier.js';
import { renderSlackMessage } from './render.js';

/** Platform errors that are Slack's trouble, not ours: try again later. */
const TRANSIENT = new Set(['ratelimited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

/** A send never waits longer than this (the tick's claim on the reminder is a lease of minutes). */
const SEND_TIMEOUT_MS = 30_000;

export interface SlackNotifierOptions {
  readonly token: string;
  /** `SLACK_API_URL`: Slack's own when null. */
  readonly apiUrl?: string | null;
}

/**
 * The Web API client for reminders. It does not retry or wait out rate limits
 * by itself: a failed send must come back to the tick at once, so that the
 * claim is released and the retry (with backoff, honouring Retry-After) is
 * recorded in the store, where every replica sees it.
 */
export function reminderWebClient(options: SlackNotifierOptions): WebClient {
  return new WebClient(options.token, {
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: SEND_TIMEOUT_MS,
    logLevel: LogLevel.ERROR,
  });
}

/** Maps a Web API failure to a DeliveryError: retryable (429, 5xx, network) or permanent. */
export function deliveryError(error: unknown): DeliveryError {
  const e = error as {
    code?: string;
    retryAfter?: number;
    statusCode?: number;
    data?: { error?: string };
    message?: string;
  };
  switch (e?.code) {
    case ErrorCode.RateLimitedError:
      return new DeliveryError('rate limited (429)', true, Math.max(1, e.retryAfter ?? 1) * 1000);
    case ErrorCode.HTTPError:
      return new DeliveryError(`HTTP ${e.statusCode ?? '?'}`, true);
    case ErrorCode.RequestError:
      return new DeliveryError(`network: ${e.message ?? 'request failed'}`, true);
    case ErrorCode.PlatformError: {
      const code = e.data?.error ?? 'unknown_error';
      return new DeliveryError(code, TRANSIENT.has(code));
    }
    default:
      return new DeliveryError(e?.message ?? String(error), true);
  }
}

/**
 * Posts reminders through Slack's Web API: to a channel, or to a user's DM
 * with the app (chat.postMessage with the user ID as channel).
 */
export function createSlackNotifier(client: WebClient): Notifier {
  return {
    async send(n: Notification): Promise<DeliveryReceipt> {
      try {
        const res = await client.chat.postMessage({
          channel: n.audience.id,
          ...renderSlackMessage(n.reply),
          unfurl_links: false,
          unfurl_media: false,
        });
        return { channel: res.channel ?? n.audience.id, ts: res.ts ?? null };
      } catch (error) {
        throw deliveryError(error);
      }
    },
  };
}
