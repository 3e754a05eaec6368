import { DateTime } from 'luxon';
import type { Commitment } from '../commitments.js';
import type { CycleEntry } from '../cycle.js';
import { wallClockToInstant } from '../dates.js';
import type {
  CommitmentFacts,
  PlannedReminder,
  ReminderAudience,
  ReminderContent,
  ReminderKind,
  ReminderRules,
  ReminderState,
  RoundFacts,
} from './types.js';
import { workingDayFor } from './working-days.js';

/** The span a plan covers. */
export interface PlanWindow {
  readonly from: number;
  readonly to: number;
  /** Local dates bounding the nominal days worth generating (moves are at most a couple of weeks). */
  readonly firstDate: string;
  readonly lastDate: string;
}

export interface ReminderSpec {
  readonly key: string;
  readonly kind: ReminderKind;
  readonly audience: ReminderAudience;
  /** The local day it is meant for (moved off weekends and holidays unless `fireAt` is given). */
  readonly nominalDate: string;
  /** The event's own day: a reminder before it never moves onto or past it. */
  readonly anchor: string | null;
  readonly content: ReminderContent;
  /** The zone of the day and time (default: the channel's reminder zone). */
  readonly zone?: string;
  /** Whose holidays count (default: `workingDays.country`). */
  readonly country?: string;
  /** An exact instant instead of `rules.time` on a working day (notices, snoozes). */
  readonly fireAt?: DateTime;
}

/** What every generator gets: the state, the rules, the window, and `add`. */
export interface PlanContext {
  readonly state: ReminderState;
  readonly rules: ReminderRules;
  /** The channel reminders' zone. */
  readonly zone: string;
  readonly channel: ReminderAudience;
  readonly window: PlanWindow;
  add(spec: ReminderSpec): void;
}

/** A reminder moves at most a few days off its nominal day (Christmas, Boxing Day and a weekend). */
const MARGIN_DAYS = 7;

export function planContext(
  state: ReminderState,
  rules: ReminderRules,
  from: Date,
  to: Date,
  out: PlannedReminder[],
): PlanContext {
  const zone = rules.timezone ?? state.dialogue.timezone;
  const window: PlanWindow = {
    from: from.getTime(),
    to: to.getTime(),
    firstDate: DateTime.fromJSDate(from, { zone }).minus({ days: MARGIN_DAYS }).toISODate() as string,
    lastDate: DateTime.fromJSDate(to, { zone }).plus({ days: MARGIN_DAYS }).toISODate() as string,
  };
  const dialogueId = state.dialogue.id;
  return {
    state,
    rules,
    zone,
    channel: { kind: 'channel', id: state.channel },
    window,
    add(spec) {
      if (spec.nominalDate < window.firstDate || spec.nominalDate > window.lastDate) return;
      const specZone = spec.zone ?? zone;
      let date = spec.nominalDate;
      let fire: DateTime;
      if (spec.fireAt) fire = spec.fireAt;
      else {
        date = workingDayFor(spec.nominalDate, rules, state.calendar, spec.anchor, spec.country);
        fire = wallClockToInstant(date, rules.time, specZone);
      }
      const ms = fire.toMillis();
      if (ms < window.from || ms > window.to) return;
      out.push({
        key: spec.key,
        dialogueId,
        kind: spec.kind,
        audience: spec.audience,
        fireAt: fire.toUTC().toISO() as string,
        nominalDate: spec.nominalDate,
        date,
        zone: specZone,
        content: spec.content,
      });
    },
  };
}

export function roundFacts(e: CycleEntry): RoundFacts {
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
