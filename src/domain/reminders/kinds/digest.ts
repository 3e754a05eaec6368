import { DateTime } from 'luxon';
import { isOpenCommitment } from '../../commitments.js';
import { commitmentFacts, type PlanContext } from '../context.js';

/** Weekly: open commitments by status, overdue ones flagged (or, without the digest, overdue ones alone). */
export function digestReminders(ctx: PlanContext): void {
  const { state, rules, window } = ctx;
  const open = state.commitments.filter(isOpenCommitment);
  const weekly = rules.weeklyDigest.enabled;
  const overdueWeekly = !weekly && rules.commitments.overdueDigest;
  if ((!weekly && !overdueWeekly) || open.length === 0) return;
  const dialogueId = state.dialogue.id;
  let day = DateTime.fromISO(window.firstDate, { zone: 'UTC' });
  const weekday = rules.weeklyDigest.weekday;
  day = day.plus({ days: (weekday - day.weekday + 7) % 7 });
  for (; (day.toISODate() as string) <= window.lastDate; day = day.plus({ weeks: 1 })) {
    const nominalDate = day.toISODate() as string;
    const overdue = open.filter((c) => c.dueDate !== null && c.dueDate < nominalDate).map(commitmentFacts);
    if (!weekly && (overdue.length === 0 || !rules.commitments.overdueDigest)) continue;
    const week = `${day.weekYear}-W${String(day.weekNumber).padStart(2, '0')}`;
    ctx.add({
      key: weekly ? `digest:${dialogueId}:${week}` : `overdue-digest:${dialogueId}:${week}`,
      kind: 'digest',
      audience: ctx.channel,
      nominalDate,
      anchor: null,
      content: {
        kind: 'digest',
        open: weekly ? open.map(commitmentFacts) : [],
        overdue: rules.commitments.overdueDigest ? overdue : [],
        overdueOnly: !weekly,
      },
    });
  }
}
