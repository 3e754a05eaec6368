import { timeliness } from './plan.js';
import type { PlannedReminder, ReminderRules } from './types.js';

/** What the store holds for a reminder key (the service maps its row to this). */
export interface DeliveryRecord {
  readonly status: 'claimed' | 'sent' | 'skipped' | 'retry' | 'dropped' | 'failed';
  readonly dueAt: string;
  readonly sentAt: string | null;
  readonly late: boolean;
  readonly reason: string | null;
  readonly lastError: string | null;
  readonly attempts: number;
}

/** Why a reminder is not sent. */
export type SkipReason =
  /** Its moment passed more than `catchUpHours` ago (downtime, or a round moved onto a date whose offset had passed). */
  | { readonly code: 'missed'; readonly catchUpHours: number }
  /** Attempts were made and none landed before it became too old. */
  | { readonly code: 'failed'; readonly error: string | null }
  /** Too old to send, and no reminder channel was ever set. */
  | { readonly code: 'no-channel' }
  /** Another recorded reason (from the store). */
  | { readonly code: 'other'; readonly text: string };

/**
 * A line of the preview, and the tick's decision: one function for both.
 * `will-send`: at its moment (or now, when due); `late`: due, missed by less
 * than the catch-up window, sent at the next pass marked late; `sent`;
 * `skipped` with why; `waiting-channel`: a channel reminder with no channel.
 */
export type ReminderStatus =
  | { readonly kind: 'will-send' }
  | { readonly kind: 'late' }
  | { readonly kind: 'sent'; readonly at: string; readonly late: boolean }
  | { readonly kind: 'skipped'; readonly reason: SkipReason }
  | { readonly kind: 'waiting-channel' };

export function reminderStatus(
  reminder: Pick<PlannedReminder, 'fireAt'>,
  record: DeliveryRecord | undefined,
  now: Date,
  rules: Pick<ReminderRules, 'catchUpHours'>,
  hasAudience: boolean,
): ReminderStatus {
  if (record?.status === 'sent') return { kind: 'sent', at: record.sentAt ?? record.dueAt, late: record.late };
  if (record?.status === 'failed') return { kind: 'skipped', reason: { code: 'failed', error: record.lastError } };
  if (record?.status === 'skipped' && record.dueAt === reminder.fireAt)
    return { kind: 'skipped', reason: skipReasonOf(record.reason, rules) };
  if (Date.parse(reminder.fireAt) > now.getTime())
    return hasAudience ? { kind: 'will-send' } : { kind: 'waiting-channel' };
  const when = timeliness(reminder.fireAt, now, rules);
  if (when === 'stale') {
    if (record && record.attempts > 0 && record.lastError !== null)
      return { kind: 'skipped', reason: { code: 'failed', error: record.lastError } };
    return {
      kind: 'skipped',
      reason: hasAudience ? { code: 'missed', catchUpHours: rules.catchUpHours } : { code: 'no-channel' },
    };
  }
  if (!hasAudience) return { kind: 'waiting-channel' };
  return when === 'late' ? { kind: 'late' } : { kind: 'will-send' };
}

/** The stored form of a skip reason (`reminder_deliveries.reason`). */
export function skipReasonCode(reason: SkipReason): string {
  switch (reason.code) {
    case 'missed':
      return 'missed';
    case 'no-channel':
      return 'no-channel';
    case 'failed':
      return 'failed';
    case 'other':
      return reason.text;
  }
}

export function skipReasonOf(code: string | null, rules: Pick<ReminderRules, 'catchUpHours'>): SkipReason {
  if (code === null || code === 'missed') return { code: 'missed', catchUpHours: rules.catchUpHours };
  if (code === 'no-channel') return { code: 'no-channel' };
  if (code === 'failed') return { code: 'failed', error: null };
  return { code: 'other', text: code };
}
