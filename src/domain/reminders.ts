import { createRequire } from 'node:module';
import type Holidays from 'date-holidays';
import { DateTime } from 'luxon';
import type { Commitment, CommitmentStatus } from './commitments.js';
import { isOpenCommitment } from './commitments.js';
import { type CycleEntry, isClosed, nextRound } from './cycle.js';
import { wallClockToInstant } from './dates.js';
import type { Dialogue } from './types.js';

/**
 * The reminder plan: from the dialogue's state, the rules and an instant, which
 * reminders exist and when each fires. Pure: no clock reads, no I/O. Every
 * reminder has a stable key, so the tick can record it once and re-planning
 * (a round moved, a due date changed) never makes the same reminder twice.
 */

/** The rules as config holds them (default.yml, overridable per dialogue). */
export interface ReminderRules {
  readonly enabled: boolean;
  /** Local `HH:MM` at which day-based reminders fire. */
  readonly time: string;
  /** Zone of `time`; the dialogue's zone when unset. */
  readonly timezone?: string | undefined;
  readonly catchUpHours: number;
  readonly scheduledRound: { readonly daysBefore: readonly number[]; readonly morningOf: boolean };
  readonly expectedRound: { readonly monthsBefore: number; readonly overdueEveryMonths: number };
  readonly afterHeld: { readonly enabled: boolean };
  readonly commitments: { readonly daysBefore: readonly number[]; readonly overdueDigest: boolean };
  readonly weeklyDigest: { readonly enabled: boolean; readonly weekday: number };
  readonly workingDays: { readonly enabled: boolean; readonly country: string };
}

/** Where a reminder goes. A channel reminder with no channel configured has `id: null`. */
export type ReminderAudience =
  | { readonly kind: 'channel'; readonly id: string | null }
  | { readonly kind: 'user'; readonly id: string };

export interface ReminderState {
  readonly dialogue: Dialogue;
  /** The cycle as built at the instant planned for (recorded and projected rounds). */
  readonly cycle: readonly CycleEntry[];
  readonly commitments: readonly Commitment[];
  /** The reminder channel, when one is set. */
  readonly channel: string | null;
}

export type ReminderKind = 'round' | 'expected' | 'overdue-round' | 'followup' | 'commitment' | 'digest';

export interface RoundFacts {
  readonly edition: number;
  readonly host: string;
  readonly year: number;
  readonly date: string | null;
  readonly time: string | null;
  readonly timezone: string;
  readonly city: string | null;
}

export interface CommitmentFacts {
  readonly id: string;
  readonly text: string;
  readonly summary: { readonly en: string; readonly es: string } | null;
  /** The words in each language, when known (see `commitmentTextFor`). */
  readonly texts?: Commitment['texts'];
  readonly status: CommitmentStatus;
  readonly dueDate: string | null;
  readonly owners: readonly string[];
}

/** What a reminder says, as data: front ends turn it into words in the reader's language. */
export type ReminderContent =
  | { readonly kind: 'round'; readonly round: RoundFacts; readonly daysBefore: number }
  | { readonly kind: 'expected'; readonly round: RoundFacts; readonly projectedDate: string | null }
  | { readonly kind: 'overdue-round'; readonly round: RoundFacts }
  | { readonly kind: 'followup'; readonly round: RoundFacts; readonly held: boolean; readonly next: RoundFacts | null }
  | { readonly kind: 'commitment'; readonly commitment: CommitmentFacts; readonly daysBefore: number }
  | {
      readonly kind: 'digest';
      /** Open commitments by status (weekly digest); empty when only overdue ones are reported. */
      readonly open: readonly CommitmentFacts[];
      /** Open commitments whose due date has passed (as of the digest's day). */
      readonly overdue: readonly CommitmentFacts[];
      readonly overdueOnly: boolean;
    };

export interface PlannedReminder {
  readonly key: string;
  readonly dialogueId: string;
  readonly kind: ReminderKind;
  readonly audience: ReminderAudience;
  /** The instant it fires (UTC ISO). */
  readonly fireAt: string;
  /** The local day it was meant for, before moving off a weekend or holiday. */
  readonly nominalDate: string;
  /** The local day it fires on. */
  readonly date: string;
  readonly content: ReminderContent;
}

export type Timeliness = 'on-time' | 'late' | 'stale';

export interface DueReminder extends PlannedReminder {
  /** on-time: fires now; late: missed (downtime) but within the catch-up window; stale: too old to send. */
  readonly timeliness: Timeliness;
}

/** A reminder processed this long after its moment counts as late. */
export const LATE_AFTER_MS = 15 * 60_000;
/** How far behind the catch-up window the plan still looks, so that missed reminders are recorded as skipped. */
export const SKIP_LOOKBACK_DAYS = 7;

// ---------------------------------------------------------------------------
// Working days

const holidayCache = new Map<string, Set<string>>();
const calendars = new Map<string, Holidays>();

/**
 * date-holidays (~0.3 s and ~20 MB to load) is required on first use, not at
 * start: /healthz is ready sooner and a process that never plans reminders
 * (the CLI's ask, status, import) never pays for it.
 */
let HolidaysClass: typeof Holidays | null = null;
function holidaysClass(): typeof Holidays {
  HolidaysClass ??= createRequire(import.meta.url)('date-holidays') as typeof Holidays;
  return HolidaysClass;
}

/** Public (and bank) holidays of a country (`GB`, `MX`, or with a region: `GB-ENG`) in a year. */
export function publicHolidays(country: string, year: number): ReadonlySet<string> {
  const cacheKey = `${country}:${year}`;
  let days = holidayCache.get(cacheKey);
  if (!days) {
    let calendar = calendars.get(country);
    if (!calendar) {
      const [c, region] = country.split('-');
      const HolidaysOf = holidaysClass();
      calendar = region ? new HolidaysOf(c!, region) : new HolidaysOf(c!);
      calendars.set(country, calendar);
    }
    days = new Set(
      calendar
        .getHolidays(year)
        .filter((h) => h.type === 'public' || h.type === 'bank')
        .map((h) => h.date.slice(0, 10)),
    );
    holidayCache.set(cacheKey, days);
  }
  return days;
}

const workingDayCache = new Map<string, boolean>();

export function isWorkingDay(date: string, country: string): boolean {
  const cacheKey = `${country}:${date}`;
  let working = workingDayCache.get(cacheKey);
  if (working === undefined) {
    const d = DateTime.fromISO(date, { zone: 'UTC' });
    working = d.weekday < 6 && !publicHolidays(country, d.year).has(date);
    if (workingDayCache.size > 20_000) workingDayCache.clear();
    workingDayCache.set(cacheKey, working);
  }
  return working;
}

function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate() as string;
}

/**
 * The day a reminder meant for `date` fires on: the next working day when
 * `date` is a weekend or a public holiday — unless the event itself (`anchor`)
 * is that day. A reminder before an event never moves onto or past it: then it
 * moves back to the working day before.
 */
export function workingDayFor(date: string, rules: ReminderRules, anchor: string | null = null): string {
  const { enabled, country } = rules.workingDays;
  if (!enabled || date === anchor || isWorkingDay(date, country)) return date;
  let forward = addDays(date, 1);
  while (!isWorkingDay(forward, country)) forward = addDays(forward, 1);
  if (anchor === null || date > anchor || forward < anchor) return forward;
  let back = addDays(date, -1);
  while (!isWorkingDay(back, country)) back = addDays(back, -1);
  return back;
}

// ---------------------------------------------------------------------------
// The plan

function zoneOf(state: ReminderState, rules: ReminderRules): string {
  return rules.timezone ?? state.dialogue.timezone;
}

function roundFacts(e: CycleEntry): RoundFacts {
  return {
    edition: e.edition,
    host: e.host,
    year: e.year,
    date: e.date,
    time: e.time,
    timezone: e.timezone,
    city: e.city,
  };
}

export function commitmentFacts(c: Commitment): CommitmentFacts {
  return {
    id: c.id,
    text: c.text,
    summary: c.summary,
    ...(c.texts && Object.keys(c.texts).length > 0 ? { texts: c.texts } : {}),
    status: c.status,
    dueDate: c.dueDate,
    owners: [...new Set(Object.values(c.owners).filter((o): o is string => !!o))],
  };
}

interface Window {
  readonly from: number;
  readonly to: number;
  /** Local dates bounding the nominal days worth generating (moves are at most a couple of weeks). */
  readonly firstDate: string;
  readonly lastDate: string;
}

/**
 * Every reminder whose moment lies in `[from, to]`, sorted by time then key.
 * Used for previews (`dialogue-bot reminders`, `/dialogue reminders`) and, via
 * `planReminders`, by the tick.
 */
export function reminderOccurrences(
  state: ReminderState,
  rules: ReminderRules,
  from: Date,
  to: Date,
): PlannedReminder[] {
  if (!rules.enabled || to.getTime() < from.getTime()) return [];
  const zone = zoneOf(state, rules);
  // A reminder moves at most a few days off its nominal day (Christmas, Boxing Day and a weekend).
  const margin = 7;
  const window: Window = {
    from: from.getTime(),
    to: to.getTime(),
    firstDate: DateTime.fromJSDate(from, { zone }).minus({ days: margin }).toISODate() as string,
    lastDate: DateTime.fromJSDate(to, { zone }).plus({ days: margin }).toISODate() as string,
  };
  const out: PlannedReminder[] = [];
  const dialogueId = state.dialogue.id;
  const channel: ReminderAudience = { kind: 'channel', id: state.channel };

  const add = (
    key: string,
    kind: ReminderKind,
    audience: ReminderAudience,
    nominalDate: string,
    anchor: string | null,
    content: ReminderContent,
  ) => {
    if (nominalDate < window.firstDate || nominalDate > window.lastDate) return;
    const date = workingDayFor(nominalDate, rules, anchor);
    const fire = wallClockToInstant(date, rules.time, zone);
    const ms = fire.toMillis();
    if (ms < window.from || ms > window.to) return;
    out.push({
      key,
      dialogueId,
      kind,
      audience,
      fireAt: fire.toUTC().toISO() as string,
      nominalDate,
      date,
      content,
    });
  };

  // Scheduled rounds: N days before, and the morning of.
  const offsets = [...new Set([...rules.scheduledRound.daysBefore, ...(rules.scheduledRound.morningOf ? [0] : [])])];
  for (const entry of state.cycle) {
    if (entry.state !== 'scheduled' || !entry.date) continue;
    for (const n of offsets) {
      add(`round:${dialogueId}:${entry.edition}:T-${n}`, 'round', channel, addDays(entry.date, -n), entry.date, {
        kind: 'round',
        round: roundFacts(entry),
        daysBefore: n,
      });
    }
  }

  // The round people are waiting for, with no date fixed: monthly nudges, then "record the outcome"
  // once its year has passed unrecorded (a scheduled round whose day passed unrecorded gets those too).
  const next = state.cycle.length > 0 ? nextRound(state.cycle) : null;
  const anchor = next ? (next.state === 'scheduled' ? next.date : next.projectedDate) : null;
  if (next && anchor) {
    addMonthlyNudges(next, anchor, next.state !== 'scheduled', rules, window, (key, kind, nominal, content) =>
      add(key, kind, channel, nominal, null, content),
    );
  }

  // The morning after a round: record the outcome, import the statement, what comes next.
  if (rules.afterHeld.enabled) {
    for (const entry of state.cycle) {
      if (!entry.date || (entry.state !== 'held' && entry.state !== 'scheduled')) continue;
      const after = state.cycle.find((e) => e.edition > entry.edition && !isClosed(e.state));
      add(`followup:${dialogueId}:${entry.edition}`, 'followup', channel, addDays(entry.date, 1), null, {
        kind: 'followup',
        round: roundFacts(entry),
        held: entry.state === 'held',
        next: after ? roundFacts(after) : null,
      });
    }
  }

  // Commitments: N days before the due date, a DM to each owner (the channel when none).
  const open = state.commitments.filter(isOpenCommitment);
  for (const c of open) {
    if (!c.dueDate) continue;
    const facts = commitmentFacts(c);
    const audiences: ReminderAudience[] =
      facts.owners.length > 0 ? facts.owners.map((id) => ({ kind: 'user', id })) : [channel];
    for (const n of new Set(rules.commitments.daysBefore)) {
      for (const audience of audiences) {
        const who = audience.kind === 'user' ? audience.id : 'channel';
        add(
          `commitment:${dialogueId}:${c.id}:T-${n}:${who}`,
          'commitment',
          audience,
          addDays(c.dueDate, -n),
          c.dueDate,
          { kind: 'commitment', commitment: facts, daysBefore: n },
        );
      }
    }
  }

  // Weekly: open commitments by status, overdue ones flagged (or, without the digest, overdue ones alone).
  const weekly = rules.weeklyDigest.enabled;
  const overdueWeekly = !weekly && rules.commitments.overdueDigest;
  if ((weekly || overdueWeekly) && open.length > 0) {
    let day = DateTime.fromISO(window.firstDate, { zone: 'UTC' });
    const weekday = rules.weeklyDigest.weekday;
    day = day.plus({ days: (weekday - day.weekday + 7) % 7 });
    for (; (day.toISODate() as string) <= window.lastDate; day = day.plus({ weeks: 1 })) {
      const nominal = day.toISODate() as string;
      const overdue = open.filter((c) => c.dueDate !== null && c.dueDate < nominal).map(commitmentFacts);
      if (!weekly && (overdue.length === 0 || !rules.commitments.overdueDigest)) continue;
      const week = `${day.weekYear}-W${String(day.weekNumber).padStart(2, '0')}`;
      add(
        weekly ? `digest:${dialogueId}:${week}` : `overdue-digest:${dialogueId}:${week}`,
        'digest',
        channel,
        nominal,
        null,
        {
          kind: 'digest',
          open: weekly ? open.map(commitmentFacts) : [],
          overdue: rules.commitments.overdueDigest ? overdue : [],
          overdueOnly: !weekly,
        },
      );
    }
  }

  return out.sort((a, b) => a.fireAt.localeCompare(b.fireAt) || a.key.localeCompare(b.key));
}

function addMonthlyNudges(
  entry: CycleEntry,
  anchorDate: string,
  noDateNudges: boolean,
  rules: ReminderRules,
  window: Window,
  add: (key: string, kind: ReminderKind, nominal: string, content: ReminderContent) => void,
): void {
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
    const nominal = month.set({ day }).toISODate() as string;
    const ym = month.toFormat('yyyy-MM');
    if (month < firstOverdue) {
      add(`expected:${prefix}:${ym}`, 'expected', nominal, {
        kind: 'expected',
        round: facts,
        projectedDate: entry.projectedDate,
      });
    } else {
      const since = Math.round(month.diff(firstOverdue, 'months').months);
      if (since % rules.expectedRound.overdueEveryMonths !== 0) continue;
      add(`overdue:${prefix}:${ym}`, 'overdue-round', nominal, { kind: 'overdue-round', round: facts });
    }
  }
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
