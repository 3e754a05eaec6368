import { DateTime } from 'luxon';
import { isOpenCommitment } from '../../commitments.js';
import { partyByCode } from '../../types.js';
import { commitmentFacts, type PlanContext } from '../context.js';
import type { ReminderAudience } from '../types.js';
import { addDays } from '../working-days.js';

/** Where and in whose day an owner's DM falls: their own zone, else their side's capital; their side's holidays. */
export function ownerDay(ctx: PlanContext, userId: string, side: string): { zone: string; country: string } {
  const party = partyByCode(ctx.state.dialogue, side);
  const zone = ctx.state.owners?.get(userId)?.timezone ?? party?.timezone ?? ctx.zone;
  const country = party ? ctx.state.calendar.countryOfSide(party.code, ctx.rules) : ctx.rules.workingDays.country;
  return { zone, country };
}

/**
 * Commitments: N days before the due date, a DM to each owner at the
 * configured time of the owner's own day, off the weekends and holidays of
 * the owner's side (the channel, in the dialogue's day, when it has no owner).
 * The key names the due date, so a new due date re-arms every offset.
 */
export function commitmentReminders(ctx: PlanContext): void {
  const { state, rules } = ctx;
  const dialogueId = state.dialogue.id;
  for (const c of state.commitments) {
    if (!isOpenCommitment(c) || !c.dueDate) continue;
    const facts = commitmentFacts(c);
    const owners = Object.entries(c.owners).filter((e): e is [string, string] => !!e[1]);
    const seen = new Set<string>();
    const targets: { audience: ReminderAudience; who: string; zone?: string; country?: string }[] = [];
    for (const [side, userId] of owners) {
      if (seen.has(userId)) continue;
      seen.add(userId);
      targets.push({ audience: { kind: 'user', id: userId }, who: userId, ...ownerDay(ctx, userId, side) });
    }
    if (targets.length === 0) targets.push({ audience: ctx.channel, who: 'channel' });
    for (const n of new Set(rules.commitments.daysBefore)) {
      for (const target of targets) {
        ctx.add({
          key: `commitment:${dialogueId}:${c.id}@${c.dueDate}:T-${n}:${target.who}`,
          kind: 'commitment',
          audience: target.audience,
          nominalDate: addDays(c.dueDate, -n),
          anchor: c.dueDate,
          zone: target.zone,
          country: target.country,
          content: { kind: 'commitment', commitment: facts, daysBefore: n },
        });
      }
    }
  }
}

/** The key of a commitment DM, split: which commitment, which due date, which owner. */
export function parseCommitmentKey(key: string): { id: string; dueDate: string; user: string } | null {
  const m = /^commitment:[^:]+:([^@]+)@(\d{4}-\d{2}-\d{2}):T-\d+:([^:~]+)$/.exec(key);
  return m ? { id: m[1]!, dueDate: m[2]!, user: m[3]! } : null;
}

/** A snoozed commitment DM: the same reminder again, once, at the instant it was snoozed to. */
export function snoozedReminders(ctx: PlanContext): void {
  const { state } = ctx;
  for (const snooze of state.snoozes ?? []) {
    const parsed = parseCommitmentKey(snooze.key);
    if (!parsed || parsed.user !== snooze.userId) continue;
    const c = state.commitments.find((x) => x.id === parsed.id);
    // Done, dropped or given another due date since: nothing to come back to.
    if (!c || !isOpenCommitment(c) || c.dueDate !== parsed.dueDate) continue;
    const side = Object.entries(c.owners).find(([, u]) => u === snooze.userId)?.[0];
    if (!side) continue;
    const { zone } = ownerDay(ctx, snooze.userId, side);
    const until = DateTime.fromISO(snooze.until, { zone: 'utc' });
    const day = until.setZone(zone).toISODate() as string;
    ctx.add({
      key: `${snooze.key}~snooze@${day}`,
      kind: 'commitment',
      audience: { kind: 'user', id: snooze.userId },
      nominalDate: day,
      anchor: null,
      zone,
      fireAt: until,
      content: {
        kind: 'commitment',
        commitment: commitmentFacts(c),
        daysBefore: Math.round(
          DateTime.fromISO(parsed.dueDate, { zone: 'UTC' }).diff(DateTime.fromISO(day, { zone: 'UTC' }), 'days').days,
        ),
        snoozed: true,
      },
    });
  }
}
