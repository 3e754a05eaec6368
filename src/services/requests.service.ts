import {
  claimRequestKey,
  findRequestAnswer,
  forgetRequestsBefore,
  storeRequestAnswer,
} from '../store/request-log.repository.js';
import type { ServiceContext } from './context.js';

/** How long the answer to a request is kept (Slack retries within minutes; a replayed signature is stale after 5). */
const KEEP_MS = 24 * 60 * 60_000;
/** How long a second delivery waits for the first one's answer before saying it is still being handled. */
const WAIT_MS = 2_000;
const POLL_MS = 25;

export type RequestClaim<A> = { readonly first: true } | { readonly first: false; readonly answer: A | null };

/**
 * At most once per request: the first delivery of a request (by a hash of
 * its signed body) claims it in the store, whichever replica it reached;
 * a second delivery (a replay, a Slack retry with x-slack-retry-num) gets
 * the first one's answer instead of applying the change again.
 */
export class RequestLogService {
  private claims = 0;

  constructor(private readonly ctx: ServiceContext) {}

  async claim<A>(key: string, now: Date): Promise<RequestClaim<A>> {
    if (++this.claims % 200 === 1)
      await forgetRequestsBefore(this.ctx.db, new Date(now.getTime() - KEEP_MS).toISOString()).catch(() => {});
    if (await claimRequestKey(this.ctx.db, key, now.toISOString())) return { first: true };
    const until = Date.now() + WAIT_MS;
    for (;;) {
      const row = await findRequestAnswer(this.ctx.db, key);
      if (row?.answer) return { first: false, answer: JSON.parse(row.answer) as A };
      if (Date.now() > until) return { first: false, answer: null };
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  async complete<A>(key: string, answer: A): Promise<void> {
    await storeRequestAnswer(this.ctx.db, key, JSON.stringify(answer));
  }
}
