import { DateTime } from 'luxon';
import { daysBetween, localDate, localYear, wallClockToInstant } from './dates.js';
import { type ConfirmReason, DomainError, NoChange } from './errors.js';
import { type Dialogue, type Party, partyByCode } from './types.js';

export const ROUND_STATES = ['expected', 'scheduled', 'held', 'postponed', 'cancelled'] as const;
export type RoundState = (typeof ROUND_STATES)[number];

export function isRoundState(value: string): value is RoundState {
  return (ROUND_STATES as readonly string[]).includes(value);
}

/** A round as recorded in the store. */
export interface Round {
  readonly dialogueId: string;
  readonly edition: number;
  /**
   * The edition as the governments count it: meetings held (or still to be
   * held), in order. A cancelled occurrence keeps its row, and its history,
   * without a number, so the next meeting held is still "the second".
   * `edition` stays the occurrence's stable key (reminder keys, calendar UIDs).
   * Undefined when not worked out yet (buildCycle always sets it).
   */
  readonly number?: number | null;
  /** The year it is (or was) expected or held in. */
  readonly year: number;
  /** Party code of the host. */
  readonly host: string;
  readonly state: RoundState;
  /** Local date in `timezone`; kept when postponed or cancelled so people can see what moved. */
  readonly date: string | null;
  /** Local `HH:MM` in `timezone`, or null when only the day is known. */
  readonly time: string | null;
  /** Local `HH:MM` it ends, when given (only with a start time). */
  readonly endTime?: string | null;
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
  readonly number: number | null;
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
  /** How many rounds to project beyond the last recorded one (at most MAX_AHEAD). */
  readonly ahead?: number;
}

/** The projection horizon: never more than this many rounds beyond the last recorded one. */
export const MAX_AHEAD = 5;

/** A date may be fixed at most this many years ahead (a typo like 2205 is refused). */
export const SCHEDULE_HORIZON_YEARS = 5;

/** Edition numbers by occurrence: meetings not cancelled, counted in order; null for a cancelled one. */
export function editionNumbers(rounds: readonly Pick<Round, 'edition' | 'state'>[]): Map<number, number | null> {
  const out = new Map<number, number | null>();
  let n = 0;
  for (const r of [...rounds].sort((a, b) => a.edition - b.edition)) {
    if (r.state === 'cancelled') out.set(r.edition, null);
    else out.set(r.edition, ++n);
  }
  return out;
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
  const ahead = Math.max(0, Math.min(options.ahead ?? 2, MAX_AHEAD));
  const numbers = editionNumbers(rounds);
  const sorted = [...rounds]
    .sort((a, b) => a.edition - b.edition)
    .map((r) => ({ ...r, number: numbers.get(r.edition) ?? null }));
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
      number: round.number ?? null,
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
  let number = [...numbers.values()].reduce<number>((m, n) => Math.max(m, n ?? 0), 0);
  let year = last ? last.year : thisYear;
  let host = lastHost ?? dialogue.parties[1].code;
  for (let i = 0; i < ahead; i++) {
    edition += 1;
    year += dialogue.cadenceYears;
    host = nextHost(dialogue, host);
    number += 1;
    entries.push(annotate({ ...expectedRound(dialogue, edition, year, host, ''), number }, true));
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
    number: null,
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

/** What people call a round in messages: its edition number, else (cancelled) its year. */
export function roundLabel(round: Pick<Round, 'number' | 'edition'>): number {
  return round.number ?? round.edition;
}

function guardOpen(round: Round): void {
  if (round.state === 'held') throw new DomainError('round.already_held', { edition: roundLabel(round) });
  if (round.state === 'cancelled') throw new DomainError('round.cancelled', { edition: roundLabel(round) });
}

/**
 * A timed round given without an end time is shown this long in calendars;
 * the schedule answer and the feed's description both say so.
 */
export const DEFAULT_ROUND_MINUTES = 60;

export interface ScheduleInput {
  readonly date: string;
  readonly time: string | null;
  /** Local `HH:MM` it ends (only with a start time, and after it). */
  readonly endTime?: string | null;
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
  const limit = DateTime.fromISO(today, { zone: 'UTC' }).plus({ years: SCHEDULE_HORIZON_YEARS }).toISODate() as string;
  if (input.date > limit) throw new DomainError('date.too_far', { date: input.date, years: SCHEDULE_HORIZON_YEARS });
  if (
    round.state === 'scheduled' &&
    round.date === input.date &&
    round.time === input.time &&
    (input.city === null || input.city === round.city)
  )
    throw new NoChange({ code: 'round.same_schedule', number: round.number ?? null, date: input.date });
  return {
    ...round,
    state: 'scheduled',
    date: input.date,
    time: input.time,
    endTime: input.time && input.endTime && input.endTime > input.time ? input.endTime : null,
    year: Number(input.date.slice(0, 4)),
    city: input.city ?? (round.state === 'scheduled' ? round.city : null),
    reason: null,
  };
}

/**
 * Any open round → held, on a date that is not in the future and not before
 * the last round held. The same date as the last round held is the same
 * outcome recorded twice: a no-op that says so.
 */
export function markHeld(round: Round, date: string | null, now: Date, lastHeld?: Round): Round {
  guardOpen(round);
  if (!date) throw new DomainError('round.held_needs_date', { edition: roundLabel(round) });
  const today = localDate(now, round.timezone);
  if (date > today) throw new DomainError('round.held_in_future', { date });
  if (lastHeld?.date) {
    if (date === lastHeld.date)
      throw new NoChange({ code: 'round.same_outcome', number: lastHeld.number ?? null, date: lastHeld.date });
    if (date < lastHeld.date)
      throw new DomainError('round.held_before_last', {
        date,
        last: lastHeld.date,
        edition: roundLabel(lastHeld),
      });
  }
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

/**
 * Postponing and cancelling apply to a round that exists (recorded as expected
 * or scheduled), never to one that is only projected.
 */
export function requireRecorded(entry: CycleEntry): void {
  if (entry.projected) throw new DomainError('round.only_projected', { edition: roundLabel(entry), year: entry.year });
}

/** expected | scheduled → postponed. The old date is kept so people can see what moved. */
export function postponeRound(round: Round, reason: string | null): Round {
  guardOpen(round);
  if (round.state === 'postponed') throw new DomainError('round.already_postponed', { edition: roundLabel(round) });
  return { ...round, state: 'postponed', reason };
}

/** Any open round → cancelled. */
export function cancelRound(round: Round, reason: string | null): Round {
  if (round.state === 'cancelled') throw new DomainError('round.already_cancelled', { edition: roundLabel(round) });
  guardOpen(round);
  return { ...round, state: 'cancelled', reason };
}

/** How far from its scheduled date (or how soon after the last round held) a round may be recorded as held without asking. */
export const HELD_DRIFT_DAYS = 30;

/**
 * What makes recording a round as held on `date` worth a second look: far
 * from the date it was scheduled for, or within days of the last round held
 * (the same meeting recorded twice, a day off?).
 */
export function heldConfirmations(
  round: Round,
  date: string,
  lastHeld: Round | undefined,
  cadenceYears: number,
): ConfirmReason[] {
  const out: ConfirmReason[] = [];
  if (round.state === 'scheduled' && round.date) {
    const days = Math.abs(daysBetween(round.date, date));
    if (days > HELD_DRIFT_DAYS) out.push({ code: 'held_far_from_scheduled', date, scheduled: round.date, days });
  }
  if (lastHeld?.date) {
    const days = daysBetween(lastHeld.date, date);
    if (days >= 0 && days <= HELD_DRIFT_DAYS && cadenceYears > 0)
      out.push({ code: 'held_soon_after_last', date, last: lastHeld.date, days });
  }
  return out;
}

/**
 * A date on a weekend, or on a public holiday of either side, asks first.
 * `isWorkingDay(date, country)` is the holiday calendar (pure, passed in).
 */
export function scheduleConfirmations(
  dialogue: Dialogue,
  date: string,
  isWorkingDay: (date: string, country: string) => boolean,
): ConfirmReason[] {
  const weekday = DateTime.fromISO(date, { zone: 'UTC' }).weekday;
  if (weekday >= 6) return [{ code: 'weekend', date }];
  return dialogue.parties
    .filter((p) => !isWorkingDay(date, p.code))
    .map((p): ConfirmReason => ({ code: 'holiday', date, party: { code: p.code, name: p.name } }));
}

/** The fields whose change people see (calendar, messages): a change of any bumps the sequence. */
export function visiblyDiffers(a: Round, b: Round): boolean {
  return (
    a.state !== b.state ||
    a.date !== b.date ||
    a.time !== b.time ||
    (a.endTime ?? null) !== (b.endTime ?? null) ||
    a.city !== b.city ||
    a.host !== b.host ||
    a.year !== b.year ||
    a.reason !== b.reason
  );
}
