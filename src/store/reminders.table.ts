import type { Insertable, Selectable, Updateable } from 'kysely';

/**
 * One row per reminder key, ever. The unique key is what makes delivery
 * exactly-once across replicas: a process claims a key (insert, or take over an
 * expired lease) before sending, and marks it sent after.
 */
export interface ReminderDeliveriesTable {
  key: string;
  dialogue_id: string;
  kind: string;
  /** 'channel:<id>' | 'user:<id>' */
  audience: string;
  due_at: string;
  /**
   * 'claimed' (a process holds it until `lease_until`) | 'sent' | 'retry' (failed; again from
   * `next_attempt_at`) | 'skipped' (missed by more than the catch-up window) | 'failed' (attempts
   * made, none landed, now too old) | 'dropped' (pending when its round or due date moved).
   */
  status: string;
  attempts: number;
  claimed_by: string | null;
  lease_until: string | null;
  next_attempt_at: string | null;
  late: number;
  sent_at: string | null;
  last_error: string | null;
  /** Why it was skipped or dropped (`missed`, `no-channel`, `failed`, or words). */
  reason: string | null;
  /** Where the message landed (a DM's channel for users) and its Slack `ts`. */
  channel: string | null;
  message_ts: string | null;
  created_at: string;
  updated_at: string;
}
export type ReminderDeliveryRow = Selectable<ReminderDeliveriesTable>;
export type NewReminderDeliveryRow = Insertable<ReminderDeliveriesTable>;
export type ReminderDeliveryUpdate = Updateable<ReminderDeliveriesTable>;

/** A reminder someone snoozed: the same reminder once more at `until`. */
export interface ReminderSnoozesTable {
  key: string;
  until: string;
  dialogue_id: string;
  user_id: string;
  created_at: string;
}
export type ReminderSnoozeRow = Selectable<ReminderSnoozesTable>;
