import { randomUUID } from 'node:crypto';
import type { Reply } from '../presentation/reply.js';
import { claimOutboxRow, dueOutboxRows, finishOutboxRow, listOutboxRows } from '../store/outbox.repository.js';
import type { OutboxRow } from '../store/outbox.table.js';
import type { ServiceContext } from './context.js';
import { DeliveryError } from './notifier.js';

/** One announcement to deliver: to a channel, else (or when the bot cannot post there) through a response URL. */
export interface OutgoingAnnouncement {
  readonly channel: string | null;
  readonly responseUrl: string | null;
  readonly reply: Reply;
}

/**
 * The outbound port for announcements (Slack's Web API, or stdout in local
 * mode). It throws a DeliveryError, as the reminders' notifier does:
 * retryable (429, 5xx, network) or permanent.
 */
export interface AnnouncementSender {
  announce(a: OutgoingAnnouncement): Promise<void>;
}

export interface OutboxReport {
  readonly sent: number;
  readonly retrying: number;
  readonly failed: number;
}

/** The same retry policy as reminder deliveries: exponential from a minute, at most an hour, Retry-After honoured. */
const LEASE_MS = 5 * 60_000;
const BACKOFF_BASE_MS = 60_000;
const BACKOFF_MAX_MS = 60 * 60_000;
/** An announcement still failing after this many attempts is given up (and logged): it is news only for a while. */
const MAX_ATTEMPTS = 12;
/** Rows read from the store at a time by a delivery pass (a pass reads as many batches as are due). */
const OUTBOX_BATCH = 50;

/** A delivery pass's instants, worked out once: `now` (and `at`, as ISO text) for the data, the wall clock for leases. */
interface PassClock {
  readonly now: Date;
  readonly at: string;
  readonly wall: number;
  readonly wallAt: string;
}

/**
 * Delivers the announcements changes wrote to the outbox in their own
 * transaction: at once after commit (the Slack front end listens), and on
 * every scheduler tick for anything left behind (a crash, a Slack outage, a
 * change made from the CLI). Each is claimed in the store for a lease before
 * it is sent, so replicas never post one twice; a process that dies holding a
 * claim loses it when the lease runs out.
 */
export class OutboxService {
  private readonly instanceId = randomUUID();

  constructor(private readonly ctx: ServiceContext) {}

  /**
   * Delivers what is due at `now`. Leases run on the wall clock (`wallNow`,
   * default Date.now()): they measure how long a process may hold a claim,
   * whatever instant `now` stands for (tests and `tick --at` pass other instants).
   */
  async deliverDue(
    sender: AnnouncementSender,
    now: Date,
    options: { readonly wallNow?: number } = {},
  ): Promise<OutboxReport> {
    const wall = options.wallNow ?? Date.now();
    const clock: PassClock = { now, at: now.toISOString(), wall, wallAt: new Date(wall).toISOString() };
    const report = { sent: 0, retrying: 0, failed: 0 };
    // The store is read a batch at a time; a pass goes on until a batch comes back short, so a
    // pile-up (changes made while a pass ran, or while Slack was away) is never left for the next
    // tick. Each row read is finished before the next read: sent, failed, or put off to a later
    // attempt (a put-off row comes back in this pass only when Slack said to retry at once, at
    // most MAX_ATTEMPTS times), and a row another process holds is not read; so the pass ends.
    for (;;) {
      const rows = await dueOutboxRows(this.ctx.db, clock.at, clock.wallAt, OUTBOX_BATCH);
      await this.deliverRows(rows, sender, clock, report);
      if (rows.length < OUTBOX_BATCH) return report;
    }
  }

  private async deliverRows(
    rows: readonly OutboxRow[],
    sender: AnnouncementSender,
    { now, at, wall, wallAt }: PassClock,
    report: { sent: number; retrying: number; failed: number },
  ): Promise<void> {
    for (const row of rows) {
      const id = Number(row.id);
      const leaseUntil = new Date(wall + LEASE_MS).toISOString();
      if (!(await claimOutboxRow(this.ctx.db, id, this.instanceId, wallAt, leaseUntil))) continue;
      const attempt = Number(row.attempts) + 1;
      try {
        await sender.announce({
          channel: row.channel,
          responseUrl: row.response_url,
          reply: JSON.parse(row.message) as Reply,
        });
        await finishOutboxRow(this.ctx.db, id, this.instanceId, { status: 'sent', sentAt: at });
        report.sent += 1;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const retryable = !(error instanceof DeliveryError) || error.retryable;
        if (!retryable || attempt >= MAX_ATTEMPTS) {
          await finishOutboxRow(this.ctx.db, id, this.instanceId, { status: 'failed', error: message });
          report.failed += 1;
          this.ctx.logger.error({ outbox: id, err: message, attempt }, 'announcement could not be delivered');
          continue;
        }
        const wait =
          error instanceof DeliveryError && error.retryAfterMs !== null
            ? error.retryAfterMs
            : Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
        await finishOutboxRow(this.ctx.db, id, this.instanceId, {
          status: 'pending',
          error: message,
          nextAttemptAt: new Date(now.getTime() + wait).toISOString(),
        });
        report.retrying += 1;
        this.ctx.logger.warn({ outbox: id, err: message, attempt }, 'announcement failed; will retry');
      }
    }
  }

  /** Everything in the outbox (tests, operators). */
  async list(dialogueId?: string) {
    return (await listOutboxRows(this.ctx.db, dialogueId)).map((r) => ({
      id: Number(r.id),
      changeId: r.change_id === null ? null : Number(r.change_id),
      channel: r.channel,
      status: r.status,
      attempts: Number(r.attempts),
      nextAttemptAt: r.next_attempt_at,
      lastError: r.last_error,
      reply: JSON.parse(r.message) as Reply,
    }));
  }
}
