import { DateTime } from 'luxon';
import { nextRound } from '../../cycle.js';
import { type PlanContext, roundFacts } from '../context.js';

/**
 * The round people are waiting for, with no date fixed: monthly "no date
 * agreed yet" nudges, then "record the outcome" once its year has passed
 * unrecorded (a scheduled round whose day passed unrecorded gets those too).
 */
export function nudgeReminders(ctx: PlanContext): void {
  const { state, rules, window } = ctx;
  const entry = state.cycle.length > 0 ? nextRound(state.cycle) : null;
  const anchorDate = entry ? (entry.state === 'scheduled' ? entry.date : entry.projectedDate) : null;
  if (!entry || !anchorDate) return;
  const noDateNudges = entry.state !== 'scheduled';
  const anchor = DateTime.fromISO(anchorDate, { zone: 'UTC' });
  const firstOverdue = DateTime.fromObject({ year: entry.year + 1, month: 1, day: 1 }, { zone: 'UTC' });
  const start = noDateNudges
    ? anchor.minus({ months: rules.expectedRound.monthsBefore }).startOf('month')
    : firstOverdue;
  const last = DateTime.fromISO(window.lastDate, { zone: 'UTC' });
  // Skip the months before the window quickly: only a few years are ever walked.
  let month = start;
  const windowStart = DateTime.fromISO(window.firstDate, { zone: 'UTC' }).startOf('month').minus({ months: 1 });
  if (month < windowStart) month = windowStart;
  const facts = roundFacts(entry);
  const prefix = `${entry.dialogueId}:${entry.edition}`;
  for (; month <= last; month = month.plus({ months: 1 })) {
    const day = Math.min(anchor.day, month.daysInMonth ?? 28);
    const nominalDate = month.set({ day }).toISODate() as string;
    const ym = month.toFormat('yyyy-MM');
    if (month < firstOverdue) {
      ctx.add({
        key: `expected:${prefix}:${ym}`,
        kind: 'expected',
        audience: ctx.channel,
        nominalDate,
        anchor: null,
        content: { kind: 'expected', round: facts, projectedDate: entry.projectedDate },
      });
    } else {
      const since = Math.round(month.diff(firstOverdue, 'months').months);
      if (since % rules.expectedRound.overdueEveryMonths !== 0) continue;
      ctx.add({
        key: `overdue:${prefix}:${ym}`,
        kind: 'overdue-round',
        audience: ctx.channel,
        nominalDate,
        anchor: null,
        content: { kind: 'overdue-round', round: facts },
      });
    }
  }
}
