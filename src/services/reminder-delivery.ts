import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import {
  type DueReminder,
  type PlannedReminder,
  planWindowStart,
  type ReminderStatus,
  reminderOccurrences,
  reminderStatus,
  type SkipReason,
  skipReasonCode,
  withTimeliness,
} from '../domain/reminders.js';
import type { Dialogue } from '../domain/types.js';
import { BoundedMap } from '../lib/bounded-map.js';
import type { Reply } from '../presentation/reply.js';
import { dialogueRevisions } from '../store/dialogues.repository.js';
import {
  type ClaimInput,
  claimDelivery,
  closePendingDelivery,
  findTickRows,
  markDeliveryRetry,
  markDeliverySent,
  recordDeliverySkipped,
} from '../store/reminders.repository.js';
import type { ReminderDeliveryRow } from '../store/reminders.table.js';
import { findUserPrefsMany, upsertUserProfile, userPrefsStamp } from '../store/users.repository.js';
import { type Audience, audienceKey, DeliveryError, type Notifier } from './notifier.js';
import { deliveryRecord, type PlanSource, type ReminderPlanner, resolveAudience } from './reminder-planning.js';

export interface TickOptions {
  /** How long a claim holds before another process may take it over. */
  readonly leaseMs?: number;
  /**
   * Where channel reminders go when no channel is set (local mode: stdout
   * shows them anyway). Without one, they wait, unrecorded, for a channel.
   */
  readonly fallbackChannel?: string | null;
  /** Print what the pass would send and change nothing (`dialogue-bot tick --at`). */
  readonly dryRun?: boolean;
  /** Called after a claim is committed and before the send (tests use it to simulate a crash). */
  readonly afterClaim?: (key: string) => void | Promise<void>;
  /** Called after Slack took a message and before it is recorded (tests use it to simulate a crash). */
  readonly afterPost?: (key: string) => void | Promise<void>;
}

export interface TickItem {
  readonly key: string;
  readonly dialogueId: string;
  readonly audience: Audience;
  readonly fireAt: string;
  readonly late: boolean;
  readonly summary: string;
  /** Slack's channel for the message (a DM's channel for users). */
  readonly channel?: string;
  readonly error?: string;
  readonly retryAt?: string;
}

export interface TickReport {
  readonly at: string;
  /** Nothing was posted or recorded: what is listed under `sent` is what the pass would send. */
  readonly dryRun: boolean;
  readonly sent: TickItem[];
  /** Failed sends, released for a retry. */
  readonly retrying: TickItem[];
  /** Not sent, and why (too old, failed, no channel). */
  readonly skipped: string[];
  readonly skippedWhy: { readonly key: string; readonly reason: SkipReason }[];
  /** Pending reminders the plan no longer has (their round moved or was postponed, or a commitment changed). */
  readonly dropped: string[];
  /** Channel reminders held back because no reminder channel is set. */
  readonly noChannel: string[];
  /** Claims of a process that died after Slack took the message: found in the channel, recorded, not posted again. */
  readonly recovered: string[];
  /** Slack said 429: posting stopped until this instant (Retry-After). */
  pausedUntil: string | null;
}

/** Counts of what passes did (a hook for metrics). */
export interface ReminderCounters {
  sent: number;
  late: number;
  skipped: number;
  failed: number;
  recovered: number;
}

const DEFAULT_LEASE_MS = 5 * 60_000;
const BACKOFF_BASE_MS = 60_000;
const BACKOFF_MAX_MS = 60 * 60_000;
/** A permanent failure (channel not found, not in channel) is tried again hourly until it goes stale. */
const PERMANENT_RETRY_MS = 60 * 60_000;
/** Slack profiles (tz, locale) of commitment owners are read again after this long. */
const PROFILE_MAX_AGE_MS = 24 * 3_600_000;
/** At most this many `users.info` calls per pass (Tier 4; the rest wait for the next pass). */
const PROFILE_LOOKUPS_PER_PASS = 10;
/** How far before a dead claim the duplicate check looks in the channel. */
const HISTORY_SLACK_MS = 2 * 60_000;

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

interface Snapshot {
  readonly revision: number;
  readonly prefs: string;
  readonly source: PlanSource;
  span?: { readonly from: number; readonly to: number; readonly items: PlannedReminder[] };
}

interface TickPlan {
  readonly dialogue: Dialogue;
  readonly plan: DueReminder[];
  readonly revision: number;
}

/** Stops a pass after a 429. */
class RateLimited extends Error {}

/**
 * Reminder delivery: one scheduler pass plans what is due (through the
 * planner, as the preview does), claims each reminder in the store (exactly
 * one process wins), posts it and records it.
 */
export class ReminderDelivery {
  /** Identifies this process in claims (`claimed_by`). */
  readonly instanceId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  readonly counters: ReminderCounters = { sent: 0, late: 0, skipped: 0, failed: 0, recovered: 0 };

  constructor(private readonly planner: ReminderPlanner) {}

  private get ctx() {
    return this.planner.ctx;
  }

  /**
   * The data a tick plans from, per dialogue, reloaded only when the
   * dialogue's revision (every change bumps it, whichever replica made it) or
   * the users' preferences moved: a tick every minute then costs a few small queries.
   */
  private readonly snapshots = new Map<string, Snapshot>();

  private async tickPlans(now: Date): Promise<TickPlan[]> {
    const revisions = await dialogueRevisions(this.ctx.db);
    const prefs = await userPrefsStamp(this.ctx.db);
    const out: TickPlan[] = [];
    for (const [id, revision] of [...revisions].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      let snap = this.snapshots.get(id);
      if (!snap || snap.revision !== revision || snap.prefs !== prefs) {
        const dialogue = await this.planner.dialogues.get(id);
        snap = { revision, prefs, source: await this.planner.source(dialogue) };
        this.snapshots.set(id, snap);
      }
      // What the plan holds does not depend on the clock, only on the state: compute a day
      // ahead once and filter it each tick, until the state changes or the day is used up.
      const rules = this.planner.rules(id);
      const from = planWindowStart(now, rules).getTime();
      let span = snap.span;
      if (!span || span.from > from || span.to < now.getTime()) {
        const to = now.getTime() + 86_400_000;
        const state = this.planner.state(snap.source, now);
        span = { from, to, items: reminderOccurrences(state, rules, new Date(from), new Date(to)) };
        snap.span = span;
      }
      const nowMs = now.getTime();
      const plan = span.items
        .filter((r) => {
          const ms = Date.parse(r.fireAt);
          return ms >= from && ms <= nowMs;
        })
        .map((r) => withTimeliness(r, now, rules));
      out.push({ dialogue: snap.source.dialogue, plan, revision });
    }
    for (const id of this.snapshots.keys()) if (!revisions.has(id)) this.snapshots.delete(id);
    return out;
  }

  /** Posting is paused until this instant after Slack answered 429. */
  private pausedUntil = 0;

  /**
   * One scheduler pass as of `now`, for every dialogue. Failed sends are
   * released for a retry with backoff; reminders missed by more than the
   * catch-up window are recorded as skipped, never sent late. After a 429 the
   * pass stops posting and the next ones wait out Retry-After.
   * With `dryRun`, nothing is posted or recorded.
   */
  async runDue(now: Date, notifier: Notifier, options: TickOptions = {}): Promise<TickReport> {
    const report: TickReport = {
      at: now.toISOString(),
      dryRun: options.dryRun === true,
      sent: [],
      retrying: [],
      skipped: [],
      skippedWhy: [],
      dropped: [],
      noChannel: [],
      recovered: [],
      pausedUntil: null,
    };
    const nowMs = now.getTime();
    if (!options.dryRun && nowMs < this.pausedUntil) {
      report.pausedUntil = iso(this.pausedUntil);
      return report;
    }
    if (!options.dryRun && this.quiet && nowMs >= this.quiet.from && nowMs < this.quiet.until) {
      if ((await this.ctx.storeRevision()) === this.quiet.storeRevision) return report;
    }
    this.quiet = null;
    // Read before planning: a change landing during the pass then shows as a new count next tick.
    const storeRevision = await this.ctx.storeRevision();
    let plans = await this.tickPlans(now);
    if (!options.dryRun && notifier.lookupUser && (await this.refreshProfiles(now, notifier))) {
      plans = await this.tickPlans(now);
    }
    try {
      for (const tickPlan of plans) await this.runDialogue(tickPlan, now, notifier, options, report);
    } catch (error) {
      if (!(error instanceof RateLimited)) throw error;
      report.pausedUntil = iso(this.pausedUntil);
      return report;
    }
    if (!options.dryRun) this.quiet = this.quietAfter(plans, storeRevision, nowMs);
    return report;
  }

  /**
   * After a pass in which everything due was already finished (sent, failed
   * or skipped), nothing new can fall due before the next planned moment (or
   * the end of the planned span) unless a dialogue changes. Until then a tick
   * costs one single-row query, however many dialogues there are.
   */
  private quiet: { storeRevision: number; from: number; until: number } | null = null;

  private quietAfter(plans: TickPlan[], storeRevision: number, nowMs: number): typeof this.quiet {
    let until = Number.POSITIVE_INFINITY;
    for (const { dialogue, plan } of plans) {
      if (!plan.every((r) => this.finished.get(r.key) === r.fireAt)) return null;
      const span = this.snapshots.get(dialogue.id)?.span;
      if (!span) return null;
      until = Math.min(until, span.to);
      for (const item of span.items) {
        const ms = Date.parse(item.fireAt);
        if (ms > nowMs) until = Math.min(until, ms);
      }
    }
    return until > nowMs ? { storeRevision, from: nowMs, until } : null;
  }

  /**
   * Keys this process has seen finished (sent, failed, or skipped for that very
   * moment), with the moment planned. Those never change back, so a tick whose
   * whole plan is finished, with the dialogue unchanged since the last full
   * pass, needs no query for deliveries at all.
   */
  private readonly finished = new BoundedMap<string, string>(50_000);
  private readonly checkedRevision = new Map<string, number>();
  /** Keys whose "waiting for a channel" was logged (once, not every minute). */
  private readonly waitingLogged = new BoundedMap<string, true>(10_000);

  private noteFinished(row: ReminderDeliveryRow, fireAt: string): void {
    if (row.status === 'sent' || row.status === 'failed' || (row.status === 'skipped' && row.due_at === fireAt)) {
      this.finished.set(row.key, fireAt);
    }
  }

  /** When each owner's Slack profile was last read (ms), as far as this process knows. */
  private readonly profileChecked = new Map<string, number>();

  /**
   * Keeps commitment owners' zones and locales fresh (users.info, at most a
   * few per pass, each owner at most daily). True when something changed.
   */
  private async refreshProfiles(now: Date, notifier: Notifier): Promise<boolean> {
    const owners = new Set<string>();
    for (const snap of this.snapshots.values())
      for (const c of snap.source.commitments)
        if (c.dueDate && c.status !== 'done' && c.status !== 'dropped')
          for (const o of Object.values(c.owners)) if (o) owners.add(o);
    const unknown = [...owners].filter((o) => !this.profileChecked.has(o));
    for (const row of await findUserPrefsMany(this.ctx.db, unknown))
      this.profileChecked.set(row.user_id, row.profile_checked_at ? Date.parse(row.profile_checked_at) : 0);
    const nowMs = now.getTime();
    const due = [...owners]
      .filter((o) => nowMs - (this.profileChecked.get(o) ?? 0) >= PROFILE_MAX_AGE_MS)
      .slice(0, PROFILE_LOOKUPS_PER_PASS);
    let changed = false;
    for (const userId of due) {
      this.profileChecked.set(userId, nowMs);
      try {
        const profile = await notifier.lookupUser!(userId);
        if (!profile) continue;
        await upsertUserProfile(this.ctx.db, userId, profile, now.toISOString());
        changed = true;
      } catch (error) {
        this.ctx.logger.warn({ err: error, user: userId }, 'users.info failed; keeping the owner’s known zone');
      }
    }
    return changed;
  }

  private suppressed(report: TickReport, key: string, reason: SkipReason, dialogueId: string): void {
    report.skipped.push(key);
    report.skippedWhy.push({ key, reason });
    this.counters.skipped++;
    this.ctx.logger.info({ key, dialogue: dialogueId, reason: skipReasonCode(reason) }, 'reminder skipped');
  }

  private async runDialogue(
    { dialogue, plan, revision }: TickPlan,
    now: Date,
    notifier: Notifier,
    options: TickOptions,
    report: TickReport,
  ): Promise<void> {
    const db = this.ctx.db;
    const dryRun = options.dryRun === true;
    if (
      !dryRun &&
      this.checkedRevision.get(dialogue.id) === revision &&
      plan.every((r) => this.finished.get(r.key) === r.fireAt)
    )
      return;
    if (!dryRun) this.checkedRevision.set(dialogue.id, revision);
    const at = now.toISOString();
    const nowMs = now.getTime();
    const planned = new Set(plan.map((r) => r.key));
    const found = await findTickRows(db, dialogue.id, [...planned]);
    const rows = new Map(found.map((r) => [r.key, r]));
    if (!dryRun)
      for (const r of plan) {
        const row = rows.get(r.key);
        if (row) this.noteFinished(row, r.fireAt);
      }
    const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    const fallback = options.fallbackChannel ?? null;
    const rules = this.planner.rules(dialogue.id);

    // Pending work the plan no longer has: its round moved or was postponed, or its commitment changed.
    for (const row of found) {
      if (planned.has(row.key) || (row.status !== 'retry' && row.status !== 'claimed')) continue;
      if (dryRun || (await closePendingDelivery(db, row.key, 'dropped', at, 'no longer planned'))) {
        report.dropped.push(row.key);
        if (!dryRun)
          this.ctx.logger.info({ key: row.key, dialogue: dialogue.id }, 'pending reminder dropped: no longer planned');
      }
    }

    for (const reminder of plan) {
      const row = rows.get(reminder.key);
      const audience = resolveAudience(reminder.audience, fallback);
      const status: ReminderStatus = reminderStatus(reminder, deliveryRecord(row), now, rules, audience !== null);
      const input: ClaimInput = {
        key: reminder.key,
        dialogueId: dialogue.id,
        kind: reminder.kind,
        audience: audience ? audienceKey(audience) : 'channel:',
        dueAt: reminder.fireAt,
        late: status.kind === 'late',
      };
      switch (status.kind) {
        case 'sent':
          continue;
        case 'skipped': {
          // Recorded already (for this very moment), or to record now.
          const recorded =
            row && (row.status === 'failed' || (row.status === 'skipped' && row.due_at === reminder.fireAt));
          if (recorded) continue;
          if (dryRun) {
            report.skipped.push(reminder.key);
            report.skippedWhy.push({ key: reminder.key, reason: status.reason });
          } else if (await this.recordSkipped(input, row, at, status.reason)) {
            if (status.reason.code === 'failed') this.counters.failed++;
            this.suppressed(report, reminder.key, status.reason, dialogue.id);
          }
          continue;
        }
        case 'waiting-channel':
          report.noChannel.push(reminder.key);
          if (!dryRun && !this.waitingLogged.has(reminder.key)) {
            this.waitingLogged.set(reminder.key, true);
            this.ctx.logger.info(
              { key: reminder.key, dialogue: dialogue.id },
              'reminder waiting: no reminder channel set',
            );
          }
          continue;
        default:
          break;
      }
      if (!audience || !claimable(row, reminder.fireAt, at)) continue;
      const late = status.kind === 'late';
      if (dryRun) {
        const reply = await this.planner.replyFor(dialogue, reminder, audience, now, { late, sentAt: now });
        report.sent.push({
          key: reminder.key,
          dialogueId: dialogue.id,
          audience,
          fireAt: reminder.fireAt,
          late,
          summary: reply.summary,
        });
        continue;
      }
      // A claim whose holder died: it may have died after Slack took the message.
      const deadClaim = row?.status === 'claimed' ? row : null;
      if (!(await claimDelivery(db, input, this.instanceId, at, iso(nowMs + leaseMs)))) continue;
      await options.afterClaim?.(reminder.key);
      if (deadClaim && (await this.alreadyPosted(dialogue, reminder, audience, deadClaim, notifier, now, report)))
        continue;
      await this.send(dialogue, reminder, audience, late, now, notifier, report, (row?.attempts ?? 0) + 1, options);
    }
  }

  private async recordSkipped(
    input: ClaimInput,
    row: ReminderDeliveryRow | undefined,
    at: string,
    reason: SkipReason,
  ): Promise<boolean> {
    if (!row) {
      await recordDeliverySkipped(this.ctx.db, input, at, skipReasonCode(reason));
      return true;
    }
    const tried = Number(row.attempts) > 0 && row.last_error !== null;
    return closePendingDelivery(this.ctx.db, input.key, tried ? 'failed' : 'skipped', at, skipReasonCode(reason));
  }

  /**
   * Before posting again a reminder whose previous holder died: did Slack
   * already take it? Looks for the bot's own message carrying the key in the
   * channel's last minutes (when allowed: `duplicateCheck`). Found → recorded
   * as sent, not posted again.
   */
  private async alreadyPosted(
    dialogue: Dialogue,
    reminder: DueReminder,
    audience: Audience,
    deadClaim: ReminderDeliveryRow,
    notifier: Notifier,
    now: Date,
    report: TickReport,
  ): Promise<boolean> {
    const mode = this.planner.rules(dialogue.id).duplicateCheck ?? 'auto';
    if (mode === 'off' || !notifier.findPosted) return false;
    const since = new Date(Date.parse(deadClaim.updated_at) - HISTORY_SLACK_MS);
    try {
      const found = await notifier.findPosted({ audience, key: reminder.key, since, required: mode === 'on' });
      if (!found) return false;
      const recorded = await markDeliverySent(this.ctx.db, reminder.key, this.instanceId, now.toISOString(), found);
      if (recorded) this.finished.set(reminder.key, reminder.fireAt);
      report.recovered.push(reminder.key);
      this.counters.recovered++;
      this.ctx.logger.warn(
        { key: reminder.key, channel: found.channel, ts: found.ts },
        'reminder was already posted by a process that died before recording it; recorded, not posted again',
      );
      return true;
    } catch (error) {
      this.ctx.logger.warn(
        { err: error, key: reminder.key },
        'could not check the channel for an earlier post; posting',
      );
      return false;
    }
  }

  private async send(
    dialogue: Dialogue,
    reminder: DueReminder,
    audience: Audience,
    late: boolean,
    now: Date,
    notifier: Notifier,
    report: TickReport,
    attempt: number,
    options: TickOptions,
  ): Promise<void> {
    const at = now.toISOString();
    let reply: Reply;
    try {
      // A channel shared by both delegations gets both languages (Slack is asked once, then remembered).
      const lookup = notifier.channelShared?.bind(notifier);
      reply = await this.planner.replyFor(dialogue, reminder, audience, now, { late, sentAt: now }, lookup);
    } catch (error) {
      // Cannot even build the message: release it so the next tick tries again.
      await markDeliveryRetry(
        this.ctx.db,
        reminder.key,
        this.instanceId,
        at,
        iso(now.getTime() + BACKOFF_BASE_MS),
        String(error),
      );
      throw error;
    }
    const base = {
      key: reminder.key,
      dialogueId: dialogue.id,
      audience,
      fireAt: reminder.fireAt,
      late,
      summary: reply.summary,
    };
    let receipt: Awaited<ReturnType<Notifier['send']>>;
    try {
      receipt = await notifier.send({ audience, reply, key: reminder.key });
    } catch (error) {
      const retryable = !(error instanceof DeliveryError) || error.retryable;
      const wait = !retryable
        ? PERMANENT_RETRY_MS
        : error instanceof DeliveryError && error.retryAfterMs !== null
          ? error.retryAfterMs
          : Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
      const retryAt = iso(now.getTime() + wait);
      const message = error instanceof Error ? error.message : String(error);
      await markDeliveryRetry(this.ctx.db, reminder.key, this.instanceId, at, retryAt, message);
      report.retrying.push({ ...base, error: message, retryAt });
      this.ctx.logger.warn({ key: reminder.key, err: message, retryable, retryAt }, 'reminder send failed; will retry');
      if (error instanceof DeliveryError && error.rateLimited) {
        // Slack asked us to slow down: trying every remaining reminder now would only earn more 429s.
        this.pausedUntil = Math.max(this.pausedUntil, now.getTime() + wait);
        throw new RateLimited();
      }
      return;
    }
    await options.afterPost?.(reminder.key);
    const recorded = await markDeliverySent(this.ctx.db, reminder.key, this.instanceId, at, receipt);
    if (recorded) this.finished.set(reminder.key, reminder.fireAt);
    else
      this.ctx.logger.error(
        { key: reminder.key },
        'reminder sent but its claim had been taken over (lease too short?)',
      );
    report.sent.push({ ...base, channel: receipt.channel });
    this.counters.sent++;
    if (late) this.counters.late++;
    this.ctx.logger.info({ key: reminder.key, audience: audienceKey(audience), late }, 'reminder sent');
  }
}

/** Whether a reminder due now may be claimed, given what the store holds for it. */
function claimable(row: ReminderDeliveryRow | undefined, fireAt: string, at: string): boolean {
  if (!row) return true;
  switch (row.status) {
    case 'sent':
    case 'failed':
      return false;
    case 'skipped':
      return row.due_at !== fireAt;
    case 'retry':
      return (row.next_attempt_at ?? '') <= at;
    case 'claimed':
      return (row.lease_until ?? '') < at;
    default:
      return true;
  }
}
