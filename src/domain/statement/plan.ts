import type { Commitment } from '../commitments.js';
import { buildCycle, markHeld, nextHost, nextRound, type Round } from '../cycle.js';
import { localDate } from '../dates.js';
import { type Dialogue, partyByCode } from '../types.js';
import { findNames, partyFromStatement } from './parties.js';
import type {
  ImportNote,
  ImportPlan,
  ImportProblem,
  ParsedStatement,
  PlannedCommitment,
  PlannedDelegate,
  PlannedNextRound,
} from './types.js';

/** What the store holds that an import depends on. */
export interface ImportState {
  readonly dialogue: Dialogue;
  readonly rounds: readonly Round[];
  readonly commitments: readonly Pick<Commitment, 'id' | 'text'>[];
  /** Delegates already recorded, by edition. */
  readonly delegates: ReadonlyMap<number, readonly PlannedDelegate[]>;
}

export interface PlanOutcome {
  readonly plan: ImportPlan | null;
  readonly problems: ImportProblem[];
  readonly notes: ImportNote[];
}

const problem = (code: ImportProblem['code'], params: ImportProblem['params'] = {}): ImportProblem => ({
  code,
  params,
});

const sameText = (a: string, b: string) => a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();

/** `R2-7a`: round, paragraph (its number, else its position), then a letter when a paragraph holds several. */
export function commitmentIds(statement: ParsedStatement, edition: number): string[] {
  const keyOf = (c: ParsedStatement['commitments'][number]) => c.paragraph ?? String(c.position);
  const counts = new Map<string, number>();
  for (const c of statement.commitments) counts.set(keyOf(c), (counts.get(keyOf(c)) ?? 0) + 1);
  const seen = new Map<string, number>();
  return statement.commitments.map((c) => {
    const key = keyOf(c);
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    const suffix = counts.get(key)! > 1 ? String.fromCharCode(97 + n) : '';
    return `R${edition}-${key}${suffix}`;
  });
}

/** The round as the statement records it: held on its date, hosted where it met, via the `markHeld` transition. */
export function heldFromStatement(
  dialogue: Dialogue,
  round: Round,
  input: { date: string; host: string; city: string | null; hostStated: boolean },
  now: Date,
): Round {
  const party = partyByCode(dialogue, input.host)!;
  const onHostClock = { ...round, timezone: party.timezone };
  const held = markHeld(onHostClock, input.date, now);
  return {
    ...held,
    host: input.host,
    city: input.city ?? held.city,
    // Where it met says who hosted: no longer an inference.
    hostInferred: input.hostStated ? null : held.hostInferred,
  };
}

function stripEntry<T extends Round>(entry: T): Round {
  return {
    dialogueId: entry.dialogueId,
    edition: entry.edition,
    year: entry.year,
    host: entry.host,
    state: entry.state,
    date: entry.date,
    time: entry.time,
    timezone: entry.timezone,
    city: entry.city,
    reason: entry.reason,
    hostInferred: entry.hostInferred,
    sequence: entry.sequence,
    updatedAt: entry.updatedAt,
  };
}

/**
 * What recording a statement in a dialogue would change, computed from the
 * store's state alone (pure). The edition is the statement's own, or the next
 * open round; a statement imported before plans no change at all.
 */
export function planImport(statement: ParsedStatement, state: ImportState, now: Date): PlanOutcome {
  const { dialogue, rounds } = state;
  const problems: ImportProblem[] = [];
  const notes: ImportNote[] = [];
  const date = statement.meeting.date;
  if (!date) return { plan: null, problems: [problem('statement.no_date')], notes };

  const unknown = statement.parties.filter((p) => !partyFromStatement(dialogue, p));
  // Another dialogue's statement: nothing else about it is worth checking.
  if (unknown.length > 0) {
    const params = {
      parties: statement.parties.join(' · '),
      dialogue: dialogue.id,
      expected: dialogue.parties.map((p) => p.name.en).join(' · '),
    };
    return { plan: null, problems: [problem('statement.parties_mismatch', params)], notes };
  }

  const cycle = buildCycle(dialogue, rounds, now, { ahead: 1 });
  const open = stripEntry(nextRound(cycle));
  const heldSameDay = rounds.find((r) => r.state === 'held' && r.date === date);
  const wanted = statement.editionNumber ?? heldSameDay?.edition ?? open.edition;
  const stored = rounds.find((r) => r.edition === wanted);
  let round: Round = open;
  let roundAction: ImportPlan['roundAction'] = 'hold';
  if (stored?.state === 'held') {
    if (stored.date !== date)
      problems.push(problem('round.held_on_other_date', { edition: wanted, recorded: stored.date ?? '', date }));
    round = stored;
    roundAction = 'unchanged';
  } else if (stored?.state === 'cancelled') {
    problems.push(problem('round.cancelled', { edition: wanted }));
  } else if (rounds.length === 0) {
    // Nothing recorded yet: the statement starts the record at its own edition.
    round = { ...open, edition: wanted };
  } else if (wanted !== open.edition) {
    problems.push(problem('statement.edition_ahead', { edition: wanted, open: open.edition }));
  }

  // Where it met decides the host when it names one of the sides or a capital; else the round's expected host.
  const placeParty = statement.meeting.place ? partyFromStatement(dialogue, statement.meeting.place) : undefined;
  const host = roundAction === 'unchanged' ? round.host : (placeParty?.code ?? round.host);
  if (roundAction === 'hold' && placeParty && placeParty.code !== round.host)
    notes.push({ code: 'round.host_from_place', params: { place: statement.meeting.place!, host: placeParty.code } });
  const place = statement.meeting.place;
  // A country's name says who hosted, not where: only a city is kept as the venue.
  const city = place && findNames(place)[0]?.kind !== 'name' ? place : null;
  const hostZone = partyByCode(dialogue, host)!.timezone;
  if (roundAction === 'hold' && date > localDate(now, hostZone))
    problems.push(problem('statement.date_in_future', { date }));

  const delegates: PlannedDelegate[] = [];
  for (const d of statement.delegates) {
    const party = d.party ? partyFromStatement(dialogue, d.party) : undefined;
    if (!party) notes.push({ code: 'delegate.side_unknown', params: { name: d.name } });
    else delegates.push({ party: party.code, name: d.name, title: d.title, lead: d.lead });
  }
  const recorded = state.delegates.get(round.edition) ?? [];
  const delegatesAction: ImportPlan['delegatesAction'] =
    recorded.length === 0 && delegates.length > 0 ? 'record' : 'unchanged';

  const ids = commitmentIds(statement, round.edition);
  const existing = new Map(state.commitments.map((c) => [c.id, c.text]));
  const commitments: PlannedCommitment[] = statement.commitments.map((c, i) => {
    const id = ids[i]!;
    const have = existing.get(id);
    // Its own text: for one item of a list, that item alone (an earlier import may have kept the whole sentence).
    const text = c.itemText ?? c.text;
    if (have !== undefined && !sameText(have, text) && !sameText(have, c.text))
      problems.push(problem('commitment.conflict', { id }));
    return {
      id,
      edition: round.edition,
      paragraph: c.paragraph,
      text,
      sourceText: c.text,
      item: c.item,
      theme: c.theme,
      isNew: have === undefined,
    };
  });

  const year = Number(date.slice(0, 4));
  let nextRoundPlan: PlannedNextRound | null = null;
  const next = statement.nextMeeting;
  if (next && (next.host || next.year)) {
    const nextParty = next.host ? partyFromStatement(dialogue, next.host) : undefined;
    if (next.host && !nextParty) notes.push({ code: 'next.not_recorded', params: { host: next.host } });
    const edition = round.edition + 1;
    const planned = {
      edition,
      host: nextParty?.code ?? nextHost(dialogue, host),
      year: next.year ?? year + dialogue.cadenceYears,
      source: next.text,
    };
    const have = rounds.find((r) => r.edition === edition);
    const action: PlannedNextRound['action'] = !have
      ? 'record'
      : have.state === 'expected' && (have.host !== planned.host || have.year !== planned.year)
        ? 'update'
        : 'unchanged';
    nextRoundPlan = { ...planned, action };
  }

  if (problems.length > 0) return { plan: null, problems, notes };

  // What the cycle shows afterwards: the round held, the next one as recorded or projected.
  const after = rounds.filter((r) => r.edition !== round.edition && r.edition !== nextRoundPlan?.edition);
  const hostStated = placeParty !== undefined;
  after.push(
    roundAction === 'hold' ? heldFromStatement(dialogue, round, { date, host, city, hostStated }, now) : round,
  );
  const nextStored = rounds.find((r) => r.edition === nextRoundPlan?.edition);
  if (nextRoundPlan && nextRoundPlan.action !== 'unchanged') {
    const party = partyByCode(dialogue, nextRoundPlan.host)!;
    after.push({
      ...(nextStored ?? open),
      dialogueId: dialogue.id,
      edition: nextRoundPlan.edition,
      host: nextRoundPlan.host,
      year: nextRoundPlan.year,
      state: 'expected',
      timezone: party.timezone,
      date: null,
      time: null,
    });
  } else if (nextStored) after.push(nextStored);
  const upcoming = nextRound(buildCycle(dialogue, after, now, { ahead: 1 }));

  const plan: ImportPlan = {
    dialogueId: dialogue.id,
    // The statement every commitment it records cites (a statement without a title is named by its date).
    source: { title: statement.title ?? date, url: statement.url },
    edition: round.edition,
    date,
    host,
    hostStated,
    city: roundAction === 'hold' ? city : round.city,
    roundAction,
    delegates,
    delegatesAction,
    commitments,
    nextRound: nextRoundPlan,
    upcoming: { edition: upcoming.edition, host: upcoming.host, year: upcoming.year },
    noop:
      roundAction === 'unchanged' &&
      delegatesAction === 'unchanged' &&
      commitments.every((c) => !c.isNew) &&
      (nextRoundPlan === null || nextRoundPlan.action === 'unchanged'),
  };
  return { plan, problems, notes };
}
