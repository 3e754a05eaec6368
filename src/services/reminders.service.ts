import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Commitment } from '../domain/commitments.js';
import { buildCycle, type Round } from '../domain/cycle.js';
import {
  type DueReminder,
  type PlannedReminder,
  planReminders,
  planWindowStart,
  type ReminderAudience,
  type ReminderRules,
  type ReminderState,
  reminderOccurrences,
  withTimeliness,
} from '../domain/reminders.js';
import type { Dialogue, Lang } from '../domain/types.js';
import type { Reply } from '../presentation/reply.js';
import { dialogueRevisions } from '../store/dialogues.repository.js';
import {
  type ClaimInput,
  claimDelivery,
  closePendingDelivery,
  findTickRows,
  listDeliveryRows,
  markDeliveryRetry,
  markDeliverySent,
  recordDeliverySkipped,
} from '../store/reminders.repository.js';
import type { ReminderDeliveryRow } from '../store/reminders.table.js';
import { findUserPrefs } from '../store/users.repository.js';
import type { CommitmentService } from './commitments.service.js';
import type { ServiceContext } from './context.js';
import type { CycleService } from './cycle.service.js';
import type { DialogueService } from './dialogues.service.js';
import { type Audience, audienceKey, DeliveryError, type Notifier } from './notifier.js';
import { reminderReply } from './reminder-messages.js';

export type DeliveryStatus = 'claimed' | 'sent' | 'skipped' | 'retry' | 'dropped' | 'failed';

export interface TickOptions {
  /** How long a claim holds before another process may take it over. */
  readonly leaseMs?: number;
  /**
   * Where channel reminders go when no channel is set (local mode: stdout
   * shows them anyway). Without one, they wait, unrecorded, for a channel.
   */
  readonly fallbackChannel?: string | null;
  /** Called after a claim is committed and before the send (tests use it to simulate a crash). */
  readonly afterClaim?: (key: string) => void | Promise<void>;
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
  readonly sent: TickItem[];
  /** Failed sends, released for a retry. */
  readonly retrying: TickItem[];
  /** Too old to send: recorded as skipped (or failed, when attempts were made). */
  readonly skipped: string[];
  /** Pending reminders the plan no longer has (their round or due date moved). */
  readonly dropped: string[];
  /** Channel reminders held back because no reminder channel is set. */
  readonly noChannel: string[];
}

export interface PreviewItem {
  readonly reminder: PlannedReminder;
  readonly audience: ReminderAudience;
  readonly reply: Reply;
  /** What the store says about it, when it was processed already. */
  readonly status: DeliveryStatus | null;
}

const DEFAULT_LEASE_MS = 5 * 60_000;
const BACKOFF_BASE_MS = 60_000;
const BACKOFF_MAX_MS = 60 * 60_000;
/** A permanent failure (channel not found, not in channel) is tried again hourly until it goes stale. */
const PERMANENT_RETRY_MS = 60 * 60_000;

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function audienceOf(a: ReminderAudience, fallbackChannel: string | null): Audience | null {
  if (a.kind === 'user') return a;
  const id = a.id ?? fallbackChannel;
  return id ? { kind: 'channel', id } : null;
}

/** Reminder planning and delivery: plan → claim → send → record. */
export class ReminderService {
  /** Identifies this process in claims (`claimed_by`). */
  readonly instanceId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

  constructor(
    readonly ctx: ServiceContext,
    readonly dialogues: DialogueService,
    readonly cycle: CycleService,
    readonly commitments: CommitmentService,
  ) {}

  rules(dialogueId: string): ReminderRules {
    return this.ctx.settingsFor(dialogueId)?.reminders ?? this.ctx.config.app.reminders;
  }

  /** The zone reminder times are reckoned in. */
  zone(dialogue: Dialogue): string {
    return this.rules(dialogue.id).timezone ?? dialogue.timezone;
  }

  async state(dialogue: Dialogue, now: Date): Promise<ReminderState> {
    const rounds = await this.cycle.rounds(dialogue.id);
    return stateOf(dialogue, rounds, await this.commitments.list(dialogue.id), now);
  }

  /**
   * The data a tick plans from, per dialogue, reloaded only when the
   * dialogue's revision moved (every change bumps it, whichever replica made
   * it): a tick every minute then costs two small queries.
   */
  private readonly snapshots = new Map<string, Snapshot>();

  private async tickPlans(now: Date): Promise<TickPlan[]> {
    const revisions = await dialogueRevisions(this.ctx.db);
    const out: TickPlan[] = [];
    for (const [id, revision] of [...revisions].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      let snap = this.snapshots.get(id);
      if (!snap || snap.revision !== revision) {
        const dialogue = await this.dialogues.get(id);
        snap = {
          revision,
          dialogue,
          rounds: await this.cycle.rounds(id),
          commitments: await this.commitments.list(id),
        };
        this.snapshots.set(id, snap);
      }
      // What the plan holds does not depend on the clock, only on the state: compute a day
      // ahead once and filter it each tick, until the state changes or the day is used up.
      const rules = this.rules(id);
      const from = planWindowStart(now, rules).getTime();
      let span = snap.span;
      if (!span || span.from > from || span.to < now.getTime()) {
        const to = now.getTime() + 86_400_000;
        // The state (buildCycle) only when the span is rebuilt: per tick and dialogue it cost more than all else.
        const state = stateOf(snap.dialogue, snap.rounds, snap.commitments, now);
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
      out.push({ dialogue: snap.dialogue, plan, revision });
    }
    for (const id of this.snapshots.keys()) if (!revisions.has(id)) this.snapshots.delete(id);
    return out;
  }

  /** What is due at `now`, with its timeliness (the tick's plan, without sending). */
  async plan(dialogueId: string, now: Date): Promise<DueReminder[]> {
    const dialogue = await this.dialogues.get(dialogueId);
    return planReminders(await this.state(dialogue, now), this.rules(dialogueId), now);
  }

  /** Reminders whose moment lies in `[from, to]`, as of the state at `now`, with what the store says of each. */
  async preview(
    now: Date,
    from: Date,
    to: Date,
    options: { dialogueId?: string; lang?: Lang; fallbackChannel?: string | null } = {},
  ): Promise<PreviewItem[]> {
    const all = options.dialogueId ? [await this.dialogues.get(options.dialogueId)] : await this.dialogues.list();
    const out: PreviewItem[] = [];
    const lang = options.lang ?? this.ctx.config.app.language;
    for (const dialogue of all) {
      const state = await this.state(dialogue, now);
      const items = reminderOccurrences(state, this.rules(dialogue.id), from, to);
      const rows = new Map(
        (await listDeliveryRows(this.ctx.db, dialogue.id, from.toISOString(), to.toISOString())).map((r) => [r.key, r]),
      );
      for (const reminder of items) {
        const row = rows.get(reminder.key);
        const channel = reminder.audience.kind === 'channel' ? (reminder.audience.id ?? options.fallbackChannel) : null;
        out.push({
          reminder,
          audience: reminder.audience.kind === 'channel' ? { kind: 'channel', id: channel ?? null } : reminder.audience,
          reply: reminderReply(dialogue, reminder, lang, { zone: this.zone(dialogue) }),
          status: row && row.due_at === reminder.fireAt ? (row.status as DeliveryStatus) : null,
        });
      }
    }
    return out.sort((a, b) => a.reminder.fireAt.localeCompare(b.reminder.fireAt));
  }

  /** `/dialogue remind-here`. */
  setChannel(dialogueId: string, actor: string, channelId: string, now: Date): Promise<void> {
    return this.dialogues.setReminderChannel(dialogueId, actor, channelId, now);
  }

  private async langFor(audience: Audience): Promise<Lang> {
    if (audience.kind === 'user') {
      const prefs = await findUserPrefs(this.ctx.db, audience.id);
      if (prefs?.lang === 'en' || prefs?.lang === 'es') return prefs.lang;
    }
    return this.ctx.config.app.language;
  }

  /**
   * One scheduler pass as of `now`, for every dialogue: plan what is due,
   * claim each reminder in the store (exactly one process wins), send it,
   * record the outcome. Failed sends are released for a retry with backoff;
   * reminders missed by more than the catch-up window are recorded as
   * skipped, never sent late.
   */
  async runDue(now: Date, notifier: Notifier, options: TickOptions = {}): Promise<TickReport> {
    const report: TickReport = {
      at: now.toISOString(),
      sent: [],
      retrying: [],
      skipped: [],
      dropped: [],
      noChannel: [],
    };
    const nowMs = now.getTime();
    if (this.quiet && nowMs >= this.quiet.from && nowMs < this.quiet.until) {
      if ((await this.ctx.storeRevision()) === this.quiet.storeRevision) return report;
    }
    this.quiet = null;
    // Read before planning: a change landing during the pass then shows as a new count next tick.
    const storeRevision = await this.ctx.storeRevision();
    const plans = await this.tickPlans(now);
    for (const tickPlan of plans) {
      await this.runDialogue(tickPlan, now, notifier, options, report);
    }
    this.quiet = this.quietAfter(plans, storeRevision, nowMs);
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
  private readonly finished = new Map<string, string>();
  private readonly checkedRevision = new Map<string, number>();

  private noteFinished(row: ReminderDeliveryRow, fireAt: string): void {
    if (row.status === 'sent' || row.status === 'failed' || (row.status === 'skipped' && row.due_at === fireAt)) {
      if (this.finished.size > 50_000) this.finished.clear();
      this.finished.set(row.key, fireAt);
    }
  }

  private async runDialogue(
    { dialogue, plan, revision }: TickPlan,
    now: Date,
    notifier: Notifier,
    options: TickOptions,
    report: TickReport,
  ): Promise<void> {
    const db = this.ctx.db;
    if (this.checkedRevision.get(dialogue.id) === revision && plan.every((r) => this.finished.get(r.key) === r.fireAt))
      return;
    this.checkedRevision.set(dialogue.id, revision);
    const at = now.toISOString();
    const nowMs = now.getTime();
    const planned = new Set(plan.map((r) => r.key));
    const found = await findTickRows(db, dialogue.id, [...planned]);
    const rows = new Map(found.map((r) => [r.key, r]));
    for (const r of plan) {
      const row = rows.get(r.key);
      if (row) this.noteFinished(row, r.fireAt);
    }
    const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    const fallback = options.fallbackChannel ?? null;

    // Pending work the plan no longer has: its round or due date moved, or it was done.
    for (const row of found) {
      if (planned.has(row.key) || (row.status !== 'retry' && row.status !== 'claimed')) continue;
      if (await closePendingDelivery(db, row.key, 'dropped', at)) report.dropped.push(row.key);
    }

    for (const reminder of plan) {
      const row = rows.get(reminder.key);
      const audience = audienceOf(reminder.audience, fallback);
      const input: ClaimInput = {
        key: reminder.key,
        dialogueId: dialogue.id,
        kind: reminder.kind,
        audience: audience ? audienceKey(audience) : 'channel:',
        dueAt: reminder.fireAt,
        late: reminder.timeliness === 'late',
      };
      if (reminder.timeliness === 'stale') {
        if (await this.recordStale(input, row, at)) report.skipped.push(reminder.key);
        continue;
      }
      if (!claimable(row, reminder.fireAt, at)) continue;
      if (!audience) {
        report.noChannel.push(reminder.key);
        continue;
      }
      if (!(await claimDelivery(db, input, this.instanceId, at, iso(nowMs + leaseMs)))) continue;
      await options.afterClaim?.(reminder.key);
      await this.send(dialogue, reminder, audience, now, notifier, report, (row?.attempts ?? 0) + 1);
    }
  }

  private async recordStale(input: ClaimInput, row: ReminderDeliveryRow | undefined, at: string): Promise<boolean> {
    if (!row) {
      await recordDeliverySkipped(this.ctx.db, input, at);
      return true;
    }
    const tried = Number(row.attempts) > 0 && row.last_error !== null;
    return closePendingDelivery(this.ctx.db, input.key, tried ? 'failed' : 'skipped', at);
  }

  private async send(
    dialogue: Dialogue,
    reminder: DueReminder,
    audience: Audience,
    now: Date,
    notifier: Notifier,
    report: TickReport,
    attempt: number,
  ): Promise<void> {
    const at = now.toISOString();
    const late = reminder.timeliness === 'late';
    let reply: Reply;
    try {
      const lang = await this.langFor(audience);
      reply = reminderReply(dialogue, reminder, lang, { late, zone: this.zone(dialogue) });
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
    try {
      const receipt = await notifier.send({ audience, reply, key: reminder.key });
      const recorded = await markDeliverySent(this.ctx.db, reminder.key, this.instanceId, at);
      if (recorded) this.finished.set(reminder.key, reminder.fireAt);
      if (!recorded)
        this.ctx.logger.error(
          { key: reminder.key },
          'reminder sent but its claim had been taken over (lease too short?)',
        );
      report.sent.push({ ...base, channel: receipt.channel });
      this.ctx.logger.info({ key: reminder.key, audience: audienceKey(audience), late }, 'reminder sent');
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
    }
  }
}

interface TickPlan {
  readonly dialogue: Dialogue;
  readonly plan: DueReminder[];
  readonly revision: number;
}

interface Snapshot {
  readonly revision: number;
  readonly dialogue: Dialogue;
  readonly rounds: Round[];
  readonly commitments: Commitment[];
  span?: { readonly from: number; readonly to: number; readonly items: PlannedReminder[] };
}

function stateOf(
  dialogue: Dialogue,
  rounds: readonly Round[],
  commitments: readonly Commitment[],
  now: Date,
): ReminderState {
  return {
    dialogue,
    cycle: buildCycle(dialogue, rounds, now, { ahead: 2 }),
    commitments,
    channel: dialogue.reminderChannel,
  };
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
