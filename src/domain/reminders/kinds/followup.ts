import { isClosed } from '../../cycle.js';
import { type PlanContext, roundFacts } from '../context.js';
import { addDays } from '../working-days.js';

/** The morning after a round: record the outcome, import the statement, what comes next. */
export function followupReminders(ctx: PlanContext): void {
  const { state, rules } = ctx;
  if (!rules.afterHeld.enabled) return;
  for (const entry of state.cycle) {
    if (!entry.date || (entry.state !== 'held' && entry.state !== 'scheduled')) continue;
    const after = state.cycle.find((e) => e.edition > entry.edition && !isClosed(e.state));
    ctx.add({
      key: `followup:${state.dialogue.id}:${entry.edition}@${entry.date}`,
      kind: 'followup',
      audience: ctx.channel,
      nominalDate: addDays(entry.date, 1),
      anchor: null,
      content: {
        kind: 'followup',
        round: roundFacts(entry),
        held: entry.state === 'held',
        next: after ? roundFacts(after) : null,
      },
    });
  }
}
