import { ErrorCode, LogLevel, WebClient } from '@slack/web-api';
import type { DeliveryReceipt, FindPosted, Notification, Notifier, UserProfile } from '../services/notifier.js';
import { DeliveryError } from '../services/notifier.js';
import { isSharedChannel } from './connect.js';
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
      return new DeliveryError('rate limited (429)', true, Math.max(1, e.retryAfter ?? 1) * 1000, true);
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

/** The `event_type` of the message metadata a reminder carries (its key), for the duplicate check. */
export const REMINDER_EVENT = 'dialogue_reminder';

/** Scopes conversations.history needs for channels, private channels and DMs. */
const HISTORY_SCOPES = ['channels:history', 'groups:history', 'im:history'];

function platformCode(error: unknown): string | null {
  const data = (error as { data?: { error?: unknown } } | null)?.data;
  return typeof data?.error === 'string' ? data.error : null;
}

/**
 * Posts reminders through Slack's Web API: to a channel, or to a user's DM
 * with the app (chat.postMessage with the user ID as channel). Each message
 * carries its reminder key as metadata, so that after a crash between the
 * post and the record the tick can find it (`findPosted`) instead of posting
 * it again.
 */
export function createSlackNotifier(client: WebClient): Notifier {
  /** Whether the token has the history scopes: unknown until a call tells (x-oauth-scopes). */
  let historyAllowed: boolean | null = null;
  let botUserId: string | null = null;
  let botId: string | null = null;
  const noteScopes = (res: { response_metadata?: { scopes?: string[] } }) => {
    const scopes = res.response_metadata?.scopes;
    if (scopes && scopes.length > 0) historyAllowed = HISTORY_SCOPES.every((s) => scopes.includes(s));
  };
  return {
    async send(n: Notification): Promise<DeliveryReceipt> {
      try {
        const res = await client.chat.postMessage({
          channel: n.audience.id,
          ...renderSlackMessage(n.reply),
          unfurl_links: false,
          unfurl_media: false,
          ...(n.key ? { metadata: { event_type: REMINDER_EVENT, event_payload: { key: n.key } } } : {}),
        });
        noteScopes(res);
        return { channel: res.channel ?? n.audience.id, ts: res.ts ?? null };
      } catch (error) {
        throw deliveryError(error);
      }
    },

    async findPosted(q: FindPosted): Promise<DeliveryReceipt | null> {
      if (historyAllowed === false && !q.required) return null;
      if (!botUserId) {
        const me = await client.auth.test();
        noteScopes(me);
        botUserId = (me.user_id as string | undefined) ?? null;
        botId = (me.bot_id as string | undefined) ?? null;
        if (historyAllowed === false && !q.required) return null;
      }
      let channel = q.audience.id;
      if (q.audience.kind === 'user') {
        const open = await client.conversations.open({ users: q.audience.id });
        channel = open.channel?.id ?? channel;
      }
      try {
        const res = await client.conversations.history({
          channel,
          oldest: (q.since.getTime() / 1000).toFixed(6),
          include_all_metadata: true,
          limit: 200,
        });
        for (const m of res.messages ?? []) {
          const meta = m.metadata as { event_type?: string; event_payload?: { key?: unknown } } | undefined;
          const ours = (botId !== null && m.bot_id === botId) || (botUserId !== null && m.user === botUserId);
          if (ours && meta?.event_type === REMINDER_EVENT && meta.event_payload?.key === q.key)
            return { channel, ts: m.ts ?? null };
        }
        return null;
      } catch (error) {
        if (platformCode(error) === 'missing_scope' && !q.required) {
          historyAllowed = false;
          return null;
        }
        throw error;
      }
    },

    channelShared(channelId: string): Promise<boolean> {
      return isSharedChannel(client, channelId);
    },

    async lookupUser(userId: string): Promise<UserProfile | null> {
      const res = await client.users.info({ user: userId, include_locale: true });
      const user = res.user;
      if (!user) return null;
      return { timezone: user.tz ?? null, locale: user.locale ?? null };
    },
  };
}
