import type { Commitment } from '../domain/commitments.js';
import { buildCycle, type Round } from '../domain/cycle.js';
import {
  type DeliveryRecord,
  type OwnerProfile,
  type PlannedReminder,
  type ReminderAudience,
  type ReminderRules,
  type ReminderSnooze,
  type ReminderState,
  type ReminderStatus,
  type RoundMove,
  reminderOccurrences,
  reminderStatus,
  skipReasonOf,
} from '../domain/reminders.js';
import type { Dialogue, Lang } from '../domain/types.js';
import { reminderReply } from '../presentation/reminder-messages.js';
import { inLanguages, type Reply } from '../presentation/reply.js';
import { listDeliveryRows, listRoundDateChanges, listSnoozes } from '../store/reminders.repository.js';
import type { ReminderDeliveryRow } from '../store/reminders.table.js';
import { findUserPrefs, findUserPrefsMany } from '../store/users.repository.js';
import { ChannelService, type SharedLookup } from './channels.service.js';
import type { CommitmentService } from './commitments.service.js';
import type { ServiceContext } from './context.js';
import type { CycleService } from './cycle.service.js';
import type { DialogueService } from './dialogues.service.js';
import { langFromLocale } from './users.service.js';
import { workingCalendar } from './working-days.js';

/** What the store says of a reminder, as the plan's status function reads it. */
export function deliveryRecord(row: ReminderDeliveryRow | undefined): DeliveryRecord | undefined {
  if (!row) return undefined;
  return {
    status: row.status as DeliveryRecord['status'],
    dueAt: row.due_at,
    sentAt: row.sent_at,
    late: Number(row.late) === 1,
    reason: row.reason,
    lastError: row.last_error,
    attempts: Number(row.attempts),
  };
}

/** The data a plan is made from, as loaded from the store for one dialogue. */
export interface PlanSource {
  readonly dialogue: Dialogue;
  readonly rounds: readonly Round[];
  readonly commitments: readonly Commitment[];
  readonly moves: readonly RoundMove[];
  readonly owners: ReadonlyMap<string, OwnerProfile>;
  readonly snoozes: readonly ReminderSnooze[];
}

/** One line of the preview: a planned reminder (or a recorded one no longer planned) and its status. */
export interface PreviewItem {
  readonly key: string;
  readonly kind: string;
  readonly dialogueId: string;
  readonly fireAt: string;
  /** The zone its day and time are reckoned in (the owner's for DMs). */
  readonly zone: string;
  readonly audience: ReminderAudience;
  /** The planned reminder; null for a recorded one the plan no longer has (e.g. sent for a date abandoned since). */
  readonly reminder: PlannedReminder | null;
  /** The message as it would read at its moment; null when no longer planned. */
  readonly reply: Reply | null;
  readonly status: ReminderStatus;
}

/**
 * Reminder planning: loads what the plan needs (rounds, commitments, moves,
 * owners' zones, snoozes), runs THE plan (src/domain/reminders) and gives
 * each reminder its status from the store. The preview and the tick both
 * come through here, so what one promises the other does.
 */
export class ReminderPlanner {
  constructor(
    readonly ctx: ServiceContext,
    readonly dialogues: DialogueService,
    readonly cycle: CycleService,
    readonly commitments: CommitmentService,
    /** What languages a channel is written to in (shared by both delegations: both). */
    readonly channels: ChannelService = new ChannelService(ctx),
  ) {}

  rules(dialogueId: string): ReminderRules {
    return this.ctx.settingsFor(dialogueId)?.reminders ?? this.ctx.config.app.reminders;
  }

  /** The zone channel reminders are reckoned in. */
  zone(dialogue: Dialogue): string {
    return this.rules(dialogue.id).timezone ?? dialogue.timezone;
  }

  async source(dialogue: Dialogue): Promise<PlanSource> {
    const db = this.ctx.db;
    const rounds = await this.cycle.rounds(dialogue.id);
    const commitments = await this.commitments.list(dialogue.id);
    const ownerIds = [...new Set(commitments.flatMap((c) => Object.values(c.owners).filter((o): o is string => !!o)))];
    const owners = new Map<string, OwnerProfile>();
    for (const row of await findUserPrefsMany(db, ownerIds)) owners.set(row.user_id, { timezone: row.timezone });
    const snoozes = (await listSnoozes(db, dialogue.id)).map((s) => ({
      key: s.key,
      userId: s.user_id,
      until: s.until,
    }));
    const moves = movesOf(await listRoundDateChanges(db, dialogue.id, ''), rounds);
    return { dialogue, rounds, commitments, moves, owners, snoozes };
  }

  state(source: PlanSource, now: Date): ReminderState {
    return {
      dialogue: source.dialogue,
      cycle: buildCycle(source.dialogue, source.rounds, now, { ahead: 2 }),
      commitments: source.commitments,
      channel: source.dialogue.reminderChannel,
      calendar: workingCalendar,
      moves: source.moves,
      owners: source.owners,
      snoozes: source.snoozes,
    };
  }

  /** The language a reminder is written in: a user's `/dialogue lang`, else their Slack locale, else the app's. */
  /**
   * A reminder as its audience reads it: a person in their language; a
   * channel in its own (the dialogue's `language`, else the app's), or in
   * English and Spanish in one message when it is shared by both
   * delegations. `lookup` asks Slack about a channel not known yet (the tick;
   * a preview asks nothing).
   */
  async replyFor(
    dialogue: Dialogue,
    reminder: Parameters<typeof reminderReply>[1],
    audience: ReminderAudience,
    now: Date,
    options: Parameters<typeof reminderReply>[3] = {},
    lookup?: SharedLookup,
  ): Promise<Reply> {
    if (audience.kind === 'user') return reminderReply(dialogue, reminder, await this.langFor(audience), options);
    const langs =
      lookup && audience.id
        ? await this.channels.langsAsking(dialogue.id, audience.id, now, lookup)
        : this.channels.langs(dialogue.id, audience.id, now);
    return inLanguages(langs.map((lang) => reminderReply(dialogue, reminder, lang, options)));
  }

  async langFor(audience: ReminderAudience): Promise<Lang> {
    if (audience.kind === 'user') {
      const prefs = await findUserPrefs(this.ctx.db, audience.id);
      if (prefs?.lang === 'en' || prefs?.lang === 'es') return prefs.lang;
      const fromLocale = langFromLocale(prefs?.locale);
      if (fromLocale) return fromLocale;
    }
    return this.ctx.config.app.language;
  }

  /**
   * Every reminder whose moment lies in `[from, to]` as of the state at
   * `now`, each with its status (will send, sent, late, skipped and why,
   * waiting for a channel), and the recorded ones in that span the plan no
   * longer has. `lang` fixes the language (else each audience's own).
   */
  async preview(
    now: Date,
    from: Date,
    to: Date,
    options: { dialogueId?: string; lang?: Lang; fallbackChannel?: string | null } = {},
  ): Promise<PreviewItem[]> {
    const all = options.dialogueId ? [await this.dialogues.get(options.dialogueId)] : await this.dialogues.list();
    const out: PreviewItem[] = [];
    for (const dialogue of all) {
      const rules = this.rules(dialogue.id);
      const items = reminderOccurrences(this.state(await this.source(dialogue), now), rules, from, to);
      const rows = await listDeliveryRows(this.ctx.db, dialogue.id, from.toISOString(), to.toISOString());
      const byKey = new Map(rows.map((r) => [r.key, r]));
      const planned = new Set<string>();
      for (const reminder of items) {
        planned.add(reminder.key);
        const audience = resolveAudience(reminder.audience, options.fallbackChannel ?? null);
        const status = reminderStatus(reminder, deliveryRecord(byKey.get(reminder.key)), now, rules, audience !== null);
        const late = { late: status.kind === 'late' };
        // In the asker's language when one is given; else as it will be sent (a shared channel: both).
        const reply = options.lang
          ? reminderReply(dialogue, reminder, options.lang, late)
          : await this.replyFor(dialogue, reminder, audience ?? reminder.audience, now, late);
        out.push({
          key: reminder.key,
          kind: reminder.kind,
          dialogueId: dialogue.id,
          fireAt: reminder.fireAt,
          zone: reminder.zone,
          audience: audience ?? reminder.audience,
          reminder,
          reply,
          status,
        });
      }
      for (const row of rows) {
        if (planned.has(row.key)) continue;
        out.push({
          key: row.key,
          kind: row.kind,
          dialogueId: dialogue.id,
          fireAt: row.due_at,
          zone: this.zone(dialogue),
          audience: audienceOfRow(row.audience),
          reminder: null,
          reply: null,
          status: recordedStatus(row, rules),
        });
      }
    }
    return out.sort((a, b) => a.fireAt.localeCompare(b.fireAt) || a.key.localeCompare(b.key));
  }
}

/** A recorded reminder the plan no longer has: what became of it. */
function recordedStatus(row: ReminderDeliveryRow, rules: ReminderRules): ReminderStatus {
  switch (row.status) {
    case 'sent':
      return { kind: 'sent', at: row.sent_at ?? row.due_at, late: Number(row.late) === 1 };
    case 'failed':
      return { kind: 'skipped', reason: { code: 'failed', error: row.last_error } };
    case 'skipped':
      return { kind: 'skipped', reason: skipReasonOf(row.reason, rules) };
    default:
      // dropped, or pending and about to be dropped by the next pass
      return { kind: 'skipped', reason: { code: 'other', text: row.reason ?? 'dropped' } };
  }
}

export function resolveAudience(
  a: ReminderAudience,
  fallbackChannel: string | null,
): { kind: 'channel'; id: string } | { kind: 'user'; id: string } | null {
  if (a.kind === 'user') return a;
  const id = a.id ?? fallbackChannel;
  return id ? { kind: 'channel', id } : null;
}

function audienceOfRow(key: string): ReminderAudience {
  const m = /^(channel|user):(.*)$/.exec(key);
  if (m?.[1] === 'user') return { kind: 'user', id: m[2]! };
  return { kind: 'channel', id: m?.[2] || null };
}

/** Date changes of scheduled rounds, from the audit log, as moves (old date → new date). */
export function movesOf(
  rows: readonly {
    entity_id: string;
    at: string;
    field: string | null;
    from_value: string | null;
    to_value: string | null;
  }[],
  rounds: readonly Round[],
): RoundMove[] {
  const byChange = new Map<string, typeof rows>();
  for (const row of rows) {
    const id = `${row.entity_id}@${row.at}`;
    byChange.set(id, [...(byChange.get(id) ?? []), row]);
  }
  const out: RoundMove[] = [];
  for (const change of byChange.values()) {
    const date = change.find((r) => r.field === 'date');
    if (!date?.from_value || !date.to_value || date.from_value === date.to_value) continue;
    const edition = Number(date.entity_id);
    const round = rounds.find((r) => r.edition === edition);
    if (!round) continue;
    const time = change.find((r) => r.field === 'time');
    out.push({
      edition,
      from: { date: date.from_value, time: time ? time.from_value : round.time },
      to: { date: date.to_value, time: time ? time.to_value : round.time },
      timezone: round.timezone,
      at: date.at,
    });
  }
  return out;
}
