import type { DueReminder, ReminderRules, ReminderState } from '../domain/reminders.js';
import { parseCommitmentKey, planReminders } from '../domain/reminders.js';
import type { Dialogue, Lang } from '../domain/types.js';
import { insertSnooze, listDeliveryHistory } from '../store/reminders.repository.js';
import type { ReminderDeliveryRow } from '../store/reminders.table.js';
import type { ChannelService } from './channels.service.js';
import type { CommitmentService } from './commitments.service.js';
import type { ServiceContext } from './context.js';
import type { CycleService } from './cycle.service.js';
import type { DialogueService } from './dialogues.service.js';
import type { Notifier } from './notifier.js';
import { ReminderDelivery, type TickOptions, type TickReport } from './reminder-delivery.js';
import { type PreviewItem, ReminderPlanner } from './reminder-planning.js';

export type { TickOptions, TickReport } from './reminder-delivery.js';
export type { PreviewItem } from './reminder-planning.js';

/** How far ahead "Snooze" puts a reminder. */
export const SNOOZE_DAYS = 7;

/** Reminders: planning (preview, statuses) and delivery (the tick), one plan for both. */
export class ReminderService {
  readonly planner: ReminderPlanner;
  readonly delivery: ReminderDelivery;

  constructor(
    readonly ctx: ServiceContext,
    readonly dialogues: DialogueService,
    readonly cycle: CycleService,
    readonly commitments: CommitmentService,
    channels?: ChannelService,
  ) {
    this.planner = new ReminderPlanner(ctx, dialogues, cycle, commitments, channels);
    this.delivery = new ReminderDelivery(this.planner);
  }

  /** Identifies this process in claims (`claimed_by`). */
  get instanceId(): string {
    return this.delivery.instanceId;
  }

  rules(dialogueId: string): ReminderRules {
    return this.planner.rules(dialogueId);
  }

  /** The zone channel reminders are reckoned in. */
  zone(dialogue: Dialogue): string {
    return this.planner.zone(dialogue);
  }

  async state(dialogue: Dialogue, now: Date): Promise<ReminderState> {
    return this.planner.state(await this.planner.source(dialogue), now);
  }

  /** What is due at `now`, with its timeliness (the tick's plan, without sending). */
  async plan(dialogueId: string, now: Date): Promise<DueReminder[]> {
    const dialogue = await this.dialogues.get(dialogueId);
    return planReminders(await this.state(dialogue, now), this.rules(dialogueId), now);
  }

  /** Reminders whose moment lies in `[from, to]`, as of the state at `now`, each with its status. */
  preview(
    now: Date,
    from: Date,
    to: Date,
    options: { dialogueId?: string; lang?: Lang; fallbackChannel?: string | null } = {},
  ): Promise<PreviewItem[]> {
    return this.planner.preview(now, from, to, options);
  }

  /** What was sent, skipped, failed or dropped, and why (`dialogue-bot reminders --history`). */
  history(dialogueId: string | null): Promise<ReminderDeliveryRow[]> {
    return listDeliveryHistory(this.ctx.db, dialogueId);
  }

  /** `/dialogue remind-here`. */
  setChannel(dialogueId: string, actor: string, channelId: string, now: Date): Promise<void> {
    return this.dialogues.setReminderChannel(dialogueId, actor, channelId, now);
  }

  /**
   * "Snooze 7 days" on a commitment DM: that reminder (and only it) comes back
   * once, 7 days later, to the same owner. Only the owner it was sent to may
   * snooze it; recorded and audited. Returns when it comes back; null when it
   * cannot be snoozed (not theirs, or the commitment is closed or has a new due date).
   */
  async snooze(key: string, userId: string, now: Date): Promise<{ until: string; changed: boolean } | null> {
    const parsed = parseCommitmentKey(key.replace(/~snooze@.*$/, ''));
    if (!parsed || parsed.user !== userId) return null;
    const dialogueId = key.split(':')[1]!;
    const commitment = (await this.commitments.list(dialogueId)).find((c) => c.id === parsed.id);
    if (
      !commitment ||
      commitment.dueDate !== parsed.dueDate ||
      commitment.status === 'done' ||
      commitment.status === 'dropped'
    )
      return null;
    const base = key.replace(/~snooze@.*$/, '');
    const until = new Date(now.getTime() + SNOOZE_DAYS * 86_400_000).toISOString();
    const at = now.toISOString();
    return this.ctx.change(dialogueId, at, async (trx) => {
      const changed = await insertSnooze(trx, {
        key: base,
        until,
        dialogue_id: dialogueId,
        user_id: userId,
        created_at: at,
      });
      const audit = changed
        ? [
            {
              dialogue_id: dialogueId,
              entity: 'commitment',
              entity_id: parsed.id,
              at,
              actor: userId,
              action: 'snooze',
              field: 'reminder',
              from_value: base,
              to_value: until,
              note: null,
            },
          ]
        : [];
      return { result: { until, changed }, audit, events: [] };
    });
  }

  /** One scheduler pass as of `now` (see ReminderDelivery.runDue). */
  runDue(now: Date, notifier: Notifier, options: TickOptions = {}): Promise<TickReport> {
    return this.delivery.runDue(now, notifier, options);
  }
}
