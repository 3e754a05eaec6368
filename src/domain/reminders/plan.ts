import { planContext } from './context.js';
import { commitmentReminders, snoozedReminders } from './kinds/commitment.js';
import { digestReminders } from './kinds/digest.js';
import { followupReminders } from './kinds/followup.js';
import { movedNotices } from './kinds/moved.js';
import { nudgeReminders } from './kinds/nudges.js';
import { roundReminders } from './kinds/round.js';
import type { DueReminder, PlannedReminder, ReminderRules, ReminderState, Timeliness } from './types.js';

/** A reminder processed this long after its moment counts as late. */
export const LATE_AFTER_MS = 15 * 60_000;
/** How far behind the catch-up window the plan still looks, so that missed reminders are recorded as skipped. */
export const SKIP_LOOKBACK_DAYS = 7;

/** One generator per kind of reminder; each adds what the state calls for. */
const GENERATORS = [
  roundReminders,
  movedNotices,
  nudgeReminders,
  followupReminders,
  commitmentReminders,
  snoozedReminders,
  digestReminders,
];

/**
 * Every reminder whose moment lies in `[from, to]`, sorted by time then key.
 * THE plan: the preview (`dialogue-bot reminders`, `/dialogue reminders`) and
 * the tick both read it, so what one shows is what the other sends.
 */
export function reminderOccurrences(
  state: ReminderState,
  rules: ReminderRules,
  from: Date,
  to: Date,
): PlannedReminder[] {
  if (!rules.enabled || to.getTime() < from.getTime()) return [];
  const out: PlannedReminder[] = [];
  const ctx = planContext(state, rules, from, to, out);
  for (const generate of GENERATORS) generate(ctx);
  return out.sort((a, b) => a.fireAt.localeCompare(b.fireAt) || a.key.localeCompare(b.key));
}

/**
 * The reminders due at `now`: every one whose moment has come, back to the
 * catch-up window (on time or late, to send) and a week beyond it (stale: to
 * record as skipped, never to send weeks late).
 */
export function planReminders(state: ReminderState, rules: ReminderRules, now: Date): DueReminder[] {
  return reminderOccurrences(state, rules, planWindowStart(now, rules), now).map((r) => withTimeliness(r, now, rules));
}

/** How far back the plan at `now` looks: the catch-up window and the skip look-back behind it. */
export function planWindowStart(now: Date, rules: Pick<ReminderRules, 'catchUpHours'>): Date {
  return new Date(now.getTime() - rules.catchUpHours * 3_600_000 - SKIP_LOOKBACK_DAYS * 86_400_000);
}

export function withTimeliness(r: PlannedReminder, now: Date, rules: Pick<ReminderRules, 'catchUpHours'>): DueReminder {
  return { ...r, timeliness: timeliness(r.fireAt, now, rules) };
}

export function timeliness(fireAt: string, now: Date, rules: Pick<ReminderRules, 'catchUpHours'>): Timeliness {
  const age = now.getTime() - Date.parse(fireAt);
  if (age > rules.catchUpHours * 3_600_000) return 'stale';
  return age > LATE_AFTER_MS ? 'late' : 'on-time';
}
