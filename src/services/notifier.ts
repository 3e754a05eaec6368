import type { Reply } from '../presentation/reply.js';

/** Where a message goes: a channel, or a user's DM. */
export type Audience =
  | { readonly kind: 'channel'; readonly id: string }
  | { readonly kind: 'user'; readonly id: string };

export function audienceKey(a: Audience): string {
  return `${a.kind}:${a.id}`;
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
  ) {
    super(message);
  }
}

/** The outbound port: Slack in HTTP/Socket mode, stdout in local mode. */
export interface Notifier {
  send(notification: Notification): Promise<DeliveryReceipt>;
}
