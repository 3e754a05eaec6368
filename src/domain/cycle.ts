import { DateTime } from 'luxon';
import { localDate, localYear, wallClockToInstant } from './dates.js';
import { DomainError } from './errors.js';
import { type Dialogue, type Party, partyByCode } from './types.js';

export const ROUND_STATES = ['expected', 'scheduled', 'held', 'postponed', 'cancelled'] as const;
export type RoundState = (typeof ROUND_STATES)[number];

/** A round as recorded in the store. */
export interface Round {
  readonly dialogueId: string;
  readonly edition: number;
  /** The year it is (or was) expected or held in. */
  readonly year: number;
  /** Party code of the host. */
  readonly host: string;
  readonly state: RoundState;
  /** Local date in `timezone`; kept when postponed or cancelled so people can see what moved. */
  readonly date: string | null;
  /** Local `HH:MM` in `timezone`, or null when only the day is known. */
  readonly time: string | null;
  readonly timezone: string;
  readonly city: string | null;
  /** Why it was postponed or cancelled. */
  readonly reason: string | null;
  /** When the host was inferred rather than stated, how. */
  readonly hostInferred: string | null;
  /** Rises on every visible change (calendar SEQUENCE). */
  readonly sequence: number;
  readonly updatedAt: string;
}

/** A round in the cycle view: recorded or projected, with what the clock says about it. */
export interface CycleEntry extends Round {
  readonly projected: boolean;
  /** Expected (or postponed, or projected) for a year that has passed without being recorded. */
  readonly overdue: boolean;
  /** Scheduled for a day that has passed, not yet recorded as held. */
  readonly awaitingOutcome: boolean;
  /** Best guess of the day when no date is fixed: the anniversary of the last dated round. */
  readonly projectedDate: string | null;
}

const CLOSED: ReadonlySet<RoundState> = new Set(['held', 'cancelled']);

export function isClosed(state: RoundState): boolean {
  return CLOSED.has(state);
}

/** The other side, when hosting alternates; the same side otherwise. */
export function nextHost(dialogue: Dialogue, previousHost: string): string {
  if (!dialogue.alternateHost) return previousHost;
  const [a, b] = dialogue.parties;
  return previousHost === a.code ? b.code : a.code;
}

export function hostParty(dialogue: Dialogue, round: Pick<Round, 'host'>): Party {
  const party = partyByCode(dialogue, round.host);
  if (!party) throw new Error(`round host ${round.host} is not a party of ${dialogue.id}`);
  return party;
}

/** The instant a round starts, when its date is known (midnight local when no time is set). */
export function roundStart(round: Pick<Round, 'date' | 'time' | 'timezone'>): DateTime | null {
  return round.date ? wallClockToInstant(round.date, round.time, round.timezone) : null;
}

function anniversary(lastDated: string | null, year: number): string {
  if (!lastDated) return `${year}-07-01`;
  const { month, day } = DateTime.fromISO(lastDated, { zone: 'UTC' });
  const same = DateTime.fromObject({ year, month, day }, { zone: 'UTC' });
  // 29 February has no anniversary in a common year: use the 28th.
  return (same.isValid ? same : DateTime.fromObject({ year, month, day: 28 }, { zone: 'UTC' })).toISODate() as string;
}

export interface CycleOptions {
  /** How many rounds to project beyond the last recorded one. */
  readonly ahead?: number;
}

/**
 * The whole cycle as of `now`: every recorded round plus `ahead` projected ones.
 * Projection follows the last recorded round (held, scheduled or expected):
 * one edition per `cadenceYears`, the host alternating, skipping the turn of
 * no one when a round was cancelled (the host after a cancelled round is the
 * one that would have followed the last round that was not cancelled).
 */
export function buildCycle(
  dialogue: Dialogue,
  rounds: readonly Round[],
  now: Date,
  options: CycleOptions = {},
): CycleEntry[] {
  const ahead = options.ahead ?? 2;
  const sorted = [...rounds].sort((a, b) => a.edition - b.edition);
  const thisYear = localYear(now, dialogue.timezone);
  const entries: CycleEntry[] = [];
  let lastDated: string | null = null;
  let lastHost: string | null = null;

  const annotate = (round: Round, projected: boolean): CycleEntry => {
    const today = localDate(now, round.timezone);
    const open = round.state === 'expected' || round.state === 'postponed';
    const dated = round.state === 'scheduled' || round.state === 'held';
    const projectedDate = dated ? null : anniversary(lastDated, round.year);
    return {
      ...round,
      projected,
      overdue: (open || projected) && round.year < thisYear,
      awaitingOutcome: round.state === 'scheduled' && round.date !== null && round.date < today,
      projectedDate,
    };
  };

  for (const round of sorted) {
    entries.push(annotate(round, false));
    if (round.date && (round.state === 'held' || round.state === 'scheduled')) lastDated = round.date;
    if (round.state !== 'cancelled') lastHost = round.host;
  }

  const last = sorted.at(-1);
  let edition = last ? last.edition : 0;
  let year = last ? last.year : thisYear;
  let host = lastHost ?? dialogue.parties[1].code;
  for (let i = 0; i < ahead; i++) {
    edition += 1;
    year += dialogue.cadenceYears;
    host = nextHost(dialogue, host);
    entries.push(annotate(expectedRound(dialogue, edition, year, host, ''), true));
  }
  return entries;
}

/** A round expected in a year, hosted by `host`, with nothing else known yet. */
export function expectedRound(
  dialogue: Dialogue,
  edition: number,
  year: number,
  host: string,
  updatedAt: string,
): Round {
  const party = partyByCode(dialogue, host);
  if (!party) throw new Error(`${host} is not a party of ${dialogue.id}`);
  return {
    dialogueId: dialogue.id,
    edition,
    year,
    host,
    state: 'expected',
    date: null,
    time: null,
    timezone: party.timezone,
    city: null,
    reason: null,
    hostInferred: null,
    sequence: 0,
    updatedAt,
  };
}

/** The round people are waiting for: the first one neither held nor cancelled. */
export function nextRound(cycle: readonly CycleEntry[]): CycleEntry {
  const next = cycle.find((entry) => !isClosed(entry.state));
  if (!next) throw new Error('a cycle always projects at least one open round');
  return next;
}

/** The last round that was held, if any. */
export function lastHeldRound(cycle: readonly CycleEntry[]): CycleEntry | undefined {
  return cycle.filter((entry) => entry.state === 'held').at(-1);
}

function guardOpen(round: Round): void {
  if (round.state === 'held') throw new DomainError('round.already_held', { edition: round.edition });
  if (round.state === 'cancelled') throw new DomainError('round.cancelled', { edition: round.edition });
}

export interface ScheduleInput {
  readonly date: string;
  readonly time: string | null;
  readonly city: string | null;
}

/** expected | scheduled | postponed → scheduled. The date must not be in the past in the host's zone. */
export function scheduleRound(round: Round, input: ScheduleInput, now: Date): Round {
  guardOpen(round);
  const today = localDate(now, round.timezone);
  if (input.date < today) throw new DomainError('date.in_past', { date: input.date });
  if (input.date === today && input.time) {
    const start = wallClockToInstant(input.date, input.time, round.timezone);
    if (start.toMillis() < now.getTime()) throw new DomainError('date.in_past', { date: input.date });
  }
  return {
    ...round,
    state: 'scheduled',
    date: input.date,
    time: input.time,
    year: Number(input.date.slice(0, 4)),
    city: input.city ?? (round.state === 'scheduled' ? round.city : null),
    reason: null,
  };
}

/** Any open round → held, on a date that is not in the future. */
export function markHeld(round: Round, date: string | null, now: Date): Round {
  guardOpen(round);
  if (!date) throw new DomainError('round.held_needs_date', { edition: round.edition });
  const today = localDate(now, round.timezone);
  if (date > today) throw new DomainError('round.held_in_future', { date });
  const sameDay = round.date === date;
  return {
    ...round,
    state: 'held',
    date,
    time: sameDay ? round.time : null,
    year: Number(date.slice(0, 4)),
    reason: null,
  };
}

/** expected | scheduled → postponed. The old date is kept so people can see what moved. */
export function postponeRound(round: Round, reason: string | null): Round {
  guardOpen(round);
  if (round.state === 'postponed') throw new DomainError('round.already_postponed', { edition: round.edition });
  return { ...round, state: 'postponed', reason };
}

/** Any open round → cancelled. */
export function cancelRound(round: Round, reason: string | null): Round {
  if (round.state === 'cancelled') throw new DomainError('round.already_cancelled', { edition: round.edition });
  guardOpen(round);
  return { ...round, state: 'cancelled', reason };
}

/** The fields whose change people see (calendar, messages): a change of any bumps the sequence. */
export function visiblyDiffers(a: Round, b: Round): boolean {
  return (
    a.state !== b.state ||
    a.date !== b.date ||
    a.time !== b.time ||
    a.city !== b.city ||
    a.host !== b.host ||
    a.year !== b.year ||
    a.reason !== b.reason
  );
}
