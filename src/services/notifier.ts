import type { Reply } from '../presentation/reply.js';

/** Where a message goes: a channel, or a user's DM. */
export type Audience =
  | { readonly kind: 'channel'; readonly id: string }
  | { readonly kind: 'user'; readonly id: string };

export function audienceKey(a: Audience): string {
  return `${a.kind}:${a.id}`;
}

/** The inverse of `audienceKey` (`reminder_deliveries.audience`); null for anything else. */
export function parseAudience(key: string): Audience | null {
  const m = /^(channel|user):(\S+)$/.exec(key);
  return m ? { kind: m[1] as Audience['kind'], id: m[2]! } : null;
}

export interface Notification {
  readonly audience: Audience;
  readonly reply: Reply;
  /** The reminder key, for logs and idempotency on the receiving side. */
  readonly key?: string;
}

export interface DeliveryReceipt {
  /** The channel the message landed in (a DM's channel ID for users). */
  readonly channel: string;
  /** Slack's message timestamp, when there is one. */
  readonly ts: string | null;
}

/**
 * A send that failed. `retryable` failures (429, 5xx, network) are tried again
 * later, honouring `retryAfterMs` when Slack gave one; others (channel not
 * found, not in channel) are permanent.
 */
export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly retryAfterMs: number | null = null,
    /** Slack answered 429: the pass stops posting until `retryAfterMs` has passed. */
    readonly rateLimited = false,
  ) {
    super(message);
  }
}

/** What Slack says of a user: their zone (`tz`) and locale, when it says. */
export interface UserProfile {
  readonly timezone: string | null;
  readonly locale: string | null;
}

export interface FindPosted {
  readonly audience: Audience;
  readonly key: string;
  /** Look no further back than this. */
  readonly since: Date;
  /** `duplicateCheck: on`: a missing history scope is an error, not a reason to skip the check. */
  readonly required: boolean;
}

/** The outbound port: Slack in HTTP/Socket mode, stdout in local mode. */
export interface Notifier {
  send(notification: Notification): Promise<DeliveryReceipt>;
  /**
   * The bot's own message carrying this reminder key, posted since `since`,
   * if there is one (crash recovery); null when there is none or the check is
   * not possible (no history scope).
   */
  findPosted?(query: FindPosted): Promise<DeliveryReceipt | null>;
  /** A user's zone and locale (Slack `users.info`); null when unknown. */
  lookupUser?(userId: string): Promise<UserProfile | null>;
  /** Whether a channel is shared with another organisation (Slack Connect: `conversations.info`). */
  channelShared?(channelId: string): Promise<boolean>;
}
