import { DateTime } from 'luxon';
import { type PlanContext, roundFacts } from '../context.js';

/** A scheduled round that moved: one notice to the channel, at once (old date → new date). */
export function movedNotices(ctx: PlanContext): void {
  const { state } = ctx;
  for (const move of state.moves ?? []) {
    const entry = state.cycle.find((e) => e.edition === move.edition);
    // Only while the round still stands at the date it moved to.
    if (entry?.state !== 'scheduled' || entry.date !== move.to.date) continue;
    const at = DateTime.fromISO(move.at, { zone: 'utc' });
    ctx.add({
      key: `moved:${state.dialogue.id}:${move.edition}@${move.to.date}:from-${move.from.date}`,
      kind: 'moved',
      audience: ctx.channel,
      nominalDate: at.setZone(ctx.zone).toISODate() as string,
      anchor: null,
      fireAt: at,
      content: { kind: 'moved', round: roundFacts(entry), from: move.from },
    });
  }
}
