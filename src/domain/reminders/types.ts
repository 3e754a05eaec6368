import type { Commitment, CommitmentStatus } from '../commitments.js';
import type { CycleEntry } from '../cycle.js';
import type { Dialogue } from '../types.js';

/** The rules as config holds them (default.yml, overridable per dialogue). */
export interface ReminderRules {
  readonly enabled: boolean;
  /** Local `HH:MM` at which day-based reminders fire. */
  readonly time: string;
  /** Zone of `time` for channel reminders; the dialogue's zone when unset. */
  readonly timezone?: string | undefined;
  readonly catchUpHours: number;
  /** Look for an earlier post before re-posting a dead claim (delivery only; see default.yml). */
  readonly duplicateCheck?: 'auto' | 'on' | 'off';
  readonly scheduledRound: { readonly daysBefore: readonly number[]; readonly morningOf: boolean };
  readonly expectedRound: { readonly monthsBefore: number; readonly overdueEveryMonths: number };
  readonly afterHeld: { readonly enabled: boolean };
  readonly commitments: { readonly daysBefore: readonly number[]; readonly overdueDigest: boolean };
  readonly weeklyDigest: { readonly enabled: boolean; readonly weekday: number };
  readonly workingDays: { readonly enabled: boolean; readonly country: string };
}

/**
 * Which days are working days, injected so the plan stays pure (the service
 * backs it with date-holidays). `country` is an ISO code, optionally with a
 * region (`GB-ENG`).
 */
export interface WorkingCalendar {
  isWorkingDay(date: string, country: string): boolean;
  /** The holiday calendar of a dialogue side (party code `MX`, `GB`…), e.g. `GB` → `GB-ENG`. */
  countryOfSide(partyCode: string, rules: ReminderRules): string;
}

/** Where a reminder goes. A channel reminder with no channel configured has `id: null`. */
export type ReminderAudience =
  | { readonly kind: 'channel'; readonly id: string | null }
  | { readonly kind: 'user'; readonly id: string };

/** What is known of a commitment owner: their own zone (Slack `users.info` tz), when known. */
export interface OwnerProfile {
  readonly timezone: string | null;
}

/** A scheduled round that moved: from one date (and time) to another, at an instant. */
export interface RoundMove {
  readonly edition: number;
  readonly from: { readonly date: string; readonly time: string | null };
  readonly to: { readonly date: string; readonly time: string | null };
  readonly timezone: string;
  /** When it moved (UTC ISO): the notice fires then. */
  readonly at: string;
}

/** A reminder someone snoozed: the same reminder again at `until`. */
export interface ReminderSnooze {
  /** The key of the reminder snoozed. */
  readonly key: string;
  readonly userId: string;
  /** When it comes back (UTC ISO). */
  readonly until: string;
}

export interface ReminderState {
  readonly dialogue: Dialogue;
  /** The cycle as built at the instant planned for (recorded and projected rounds). */
  readonly cycle: readonly CycleEntry[];
  readonly commitments: readonly Commitment[];
  /** The reminder channel, when one is set. */
  readonly channel: string | null;
  readonly calendar: WorkingCalendar;
  /** Recent moves of scheduled rounds (each one notice to the channel). */
  readonly moves?: readonly RoundMove[];
  /** Commitment owners by Slack user ID. */
  readonly owners?: ReadonlyMap<string, OwnerProfile>;
  readonly snoozes?: readonly ReminderSnooze[];
}

export type ReminderKind = 'round' | 'moved' | 'expected' | 'overdue-round' | 'followup' | 'commitment' | 'digest';

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
  | {
      readonly kind: 'moved';
      readonly round: RoundFacts;
      readonly from: { readonly date: string; readonly time: string | null };
    }
  | { readonly kind: 'expected'; readonly round: RoundFacts; readonly projectedDate: string | null }
  | { readonly kind: 'overdue-round'; readonly round: RoundFacts }
  | { readonly kind: 'followup'; readonly round: RoundFacts; readonly held: boolean; readonly next: RoundFacts | null }
  | {
      readonly kind: 'commitment';
      readonly commitment: CommitmentFacts;
      readonly daysBefore: number;
      /** Set on a snoozed reminder coming back. */
      readonly snoozed?: boolean;
    }
  | {
      readonly kind: 'digest';
      /** Open commitments by status (weekly digest); empty when only overdue ones are reported. */
      readonly open: readonly CommitmentFacts[];
      /** Open commitments whose due date has passed (as of the digest's day). */
      readonly overdue: readonly CommitmentFacts[];
      readonly overdueOnly: boolean;
    };

export interface PlannedReminder {
  /** Stable identity: kind, dialogue, subject, the occurrence it announces (`@<date>`), offset, audience. */
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
  /** The zone `date` and the time of day are reckoned in (the owner's for DMs). */
  readonly zone: string;
  readonly content: ReminderContent;
}

export type Timeliness = 'on-time' | 'late' | 'stale';

export interface DueReminder extends PlannedReminder {
  /** on-time: fires now; late: missed (downtime) but within the catch-up window; stale: too old to send. */
  readonly timeliness: Timeliness;
}
