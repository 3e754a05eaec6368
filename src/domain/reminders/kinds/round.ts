import { type PlanContext, roundFacts } from '../context.js';
import { addDays } from '../working-days.js';

/**
 * A scheduled round: N days before, and the morning of. The key names the
 * date announced (`round:<dialogue>:<n>@<date>:T-<days>`), so a round that
 * moves gets every offset of its new date, and nothing of the old one twice.
 */
export function roundReminders(ctx: PlanContext): void {
  const { state, rules } = ctx;
  const offsets = [...new Set([...rules.scheduledRound.daysBefore, ...(rules.scheduledRound.morningOf ? [0] : [])])];
  for (const entry of state.cycle) {
    if (entry.state !== 'scheduled' || !entry.date) continue;
    for (const n of offsets) {
      ctx.add({
        key: `round:${state.dialogue.id}:${entry.edition}@${entry.date}:T-${n}`,
        kind: 'round',
        audience: ctx.channel,
        nominalDate: addDays(entry.date, -n),
        anchor: entry.date,
        content: { kind: 'round', round: roundFacts(entry), daysBefore: n },
      });
    }
  }
}
