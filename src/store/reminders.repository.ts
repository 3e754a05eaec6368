import type { Kysely } from 'kysely';
import type { Database } from './database.js';
import type { NewReminderDeliveryRow, ReminderDeliveryRow, ReminderSnoozeRow } from './reminders.table.js';

export type NewReminderSnoozeRow = ReminderSnoozeRow;

type Db = Kysely<Database>;

/** Keys per query: well under SQLite's bound-parameter limit. */
const CHUNK = 400;

export async function findDeliveryRows(db: Db, keys: readonly string[]): Promise<ReminderDeliveryRow[]> {
  const out: ReminderDeliveryRow[] = [];
  for (let i = 0; i < keys.length; i += CHUNK) {
    const chunk = keys.slice(i, i + CHUNK);
    out.push(...(await db.selectFrom('reminder_deliveries').selectAll().where('key', 'in', chunk).execute()));
  }
  return out;
}

/**
 * What one tick needs in one query: the rows of the planned keys, and every
 * unfinished row (retry or claimed) of the dialogue, planned or not.
 */
export async function findTickRows(
  db: Db,
  dialogueId: string,
  keys: readonly string[],
): Promise<ReminderDeliveryRow[]> {
  if (keys.length > CHUNK) {
    const rows = new Map((await findDeliveryRows(db, keys)).map((r) => [r.key, r]));
    for (const r of await listUnfinishedDeliveryRows(db, dialogueId)) rows.set(r.key, r);
    return [...rows.values()];
  }
  return db
    .selectFrom('reminder_deliveries')
    .selectAll()
    .where((eb) =>
      eb.or([
        ...(keys.length > 0 ? [eb('key', 'in', keys)] : []),
        eb.and([eb('dialogue_id', '=', dialogueId), eb('status', 'in', ['retry', 'claimed'])]),
      ]),
    )
    .execute();
}

/** Deliveries of a dialogue that are neither finished nor given up: waiting for a retry, or claimed. */
export function listUnfinishedDeliveryRows(db: Db, dialogueId: string): Promise<ReminderDeliveryRow[]> {
  return db
    .selectFrom('reminder_deliveries')
    .selectAll()
    .where('dialogue_id', '=', dialogueId)
    .where('status', 'in', ['retry', 'claimed'])
    .execute();
}

export function listDeliveryRows(db: Db, dialogueId: string | null, from: string, to: string) {
  let q = db.selectFrom('reminder_deliveries').selectAll().where('due_at', '>=', from).where('due_at', '<=', to);
  if (dialogueId) q = q.where('dialogue_id', '=', dialogueId);
  return q.orderBy('due_at').orderBy('key').execute();
}

export interface ClaimInput {
  readonly key: string;
  readonly dialogueId: string;
  readonly kind: string;
  readonly audience: string;
  readonly dueAt: string;
  readonly late: boolean;
}

/**
 * Claims a reminder for one process. A claim is a row in `claimed` state with
 * a lease: either a new row (the primary key makes the insert race-free across
 * replicas), or an existing one that is free to take — a retry whose time has
 * come, a dropped one that is due again, one skipped for another moment, or a
 * claim whose holder died (lease expired). Each is one conditional statement,
 * so two processes can never both succeed.
 */
export async function claimDelivery(
  db: Db,
  input: ClaimInput,
  owner: string,
  now: string,
  leaseUntil: string,
): Promise<boolean> {
  const fresh: NewReminderDeliveryRow = {
    key: input.key,
    dialogue_id: input.dialogueId,
    kind: input.kind,
    audience: input.audience,
    due_at: input.dueAt,
    status: 'claimed',
    attempts: 1,
    claimed_by: owner,
    lease_until: leaseUntil,
    next_attempt_at: null,
    late: input.late ? 1 : 0,
    sent_at: null,
    last_error: null,
    reason: null,
    channel: null,
    message_ts: null,
    created_at: now,
    updated_at: now,
  };
  const inserted = await db
    .insertInto('reminder_deliveries')
    .values(fresh)
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) return true;
  const updated = await db
    .updateTable('reminder_deliveries')
    .set((eb) => ({
      status: 'claimed',
      attempts: eb('attempts', '+', 1),
      claimed_by: owner,
      lease_until: leaseUntil,
      audience: input.audience,
      due_at: input.dueAt,
      late: input.late ? 1 : 0,
      updated_at: now,
    }))
    .where('key', '=', input.key)
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'retry'), eb('next_attempt_at', '<=', now)]),
        eb('status', '=', 'dropped'),
        eb.and([eb('status', '=', 'skipped'), eb('due_at', '<>', input.dueAt)]),
        eb.and([eb('status', '=', 'claimed'), eb('lease_until', '<', now)]),
      ]),
    )
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}

/** Sent: only the holder of the claim records it, with where the message landed. */
export async function markDeliverySent(
  db: Db,
  key: string,
  owner: string,
  now: string,
  receipt: { channel: string | null; ts: string | null } = { channel: null, ts: null },
): Promise<boolean> {
  const r = await db
    .updateTable('reminder_deliveries')
    .set({
      status: 'sent',
      sent_at: now,
      lease_until: null,
      next_attempt_at: null,
      last_error: null,
      reason: null,
      channel: receipt.channel,
      message_ts: receipt.ts,
      updated_at: now,
    })
    .where('key', '=', key)
    .where('status', '=', 'claimed')
    .where('claimed_by', '=', owner)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** A send that failed: released for a later attempt, not recorded as sent. */
export async function markDeliveryRetry(
  db: Db,
  key: string,
  owner: string,
  now: string,
  nextAttemptAt: string,
  error: string,
): Promise<void> {
  await db
    .updateTable('reminder_deliveries')
    .set({ status: 'retry', lease_until: null, next_attempt_at: nextAttemptAt, last_error: error, updated_at: now })
    .where('key', '=', key)
    .where('status', '=', 'claimed')
    .where('claimed_by', '=', owner)
    .executeTakeFirst();
}

/** Records a reminder too old to send (never sent weeks late), and why. Leaves finished rows alone. */
export async function recordDeliverySkipped(db: Db, input: ClaimInput, now: string, reason: string): Promise<void> {
  await db
    .insertInto('reminder_deliveries')
    .values({
      key: input.key,
      dialogue_id: input.dialogueId,
      kind: input.kind,
      audience: input.audience,
      due_at: input.dueAt,
      status: 'skipped',
      attempts: 0,
      claimed_by: null,
      lease_until: null,
      next_attempt_at: null,
      late: 0,
      sent_at: null,
      last_error: null,
      reason,
      channel: null,
      message_ts: null,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
}

/**
 * A pending row (retry, dropped, or a dead claim) that can no longer be sent:
 * `failed` when attempts were made, `skipped` otherwise; or `dropped` when the
 * plan no longer has it (its round or due date moved).
 */
export async function closePendingDelivery(
  db: Db,
  key: string,
  status: 'skipped' | 'failed' | 'dropped',
  now: string,
  reason: string | null = null,
): Promise<boolean> {
  const r = await db
    .updateTable('reminder_deliveries')
    .set({ status, reason, claimed_by: null, lease_until: null, next_attempt_at: null, updated_at: now })
    .where('key', '=', key)
    .where((eb) =>
      eb.or([
        eb('status', '=', 'retry'),
        ...(status === 'dropped' ? [] : [eb('status', '=', 'dropped')]),
        eb.and([eb('status', '=', 'claimed'), eb('lease_until', '<', now)]),
      ]),
    )
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** What was sent, skipped, failed or dropped (and what is pending), oldest first. */
export function listDeliveryHistory(db: Db, dialogueId: string | null, limit = 10_000): Promise<ReminderDeliveryRow[]> {
  let q = db.selectFrom('reminder_deliveries').selectAll();
  if (dialogueId) q = q.where('dialogue_id', '=', dialogueId);
  return q.orderBy('due_at').orderBy('key').limit(limit).execute();
}

/** Snoozes a reminder: once more at `until`. A second click on the same day changes nothing. */
export async function insertSnooze(db: Db, row: NewReminderSnoozeRow): Promise<boolean> {
  const r = await db
    .insertInto('reminder_snoozes')
    .values(row)
    .onConflict((oc) => oc.columns(['key', 'until']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export function listSnoozes(db: Db, dialogueId: string): Promise<ReminderSnoozeRow[]> {
  return db.selectFrom('reminder_snoozes').selectAll().where('dialogue_id', '=', dialogueId).orderBy('until').execute();
}

/** Date (and time) changes of rounds, from the audit log: a round that moved from one date to another. */
export async function listRoundDateChanges(db: Db, dialogueId: string, since: string) {
  return db
    .selectFrom('audit_events')
    .select(['entity_id', 'at', 'field', 'from_value', 'to_value'])
    .where('dialogue_id', '=', dialogueId)
    .where('entity', '=', 'round')
    .where('action', '=', 'schedule')
    .where('field', 'in', ['date', 'time'])
    .where('at', '>=', since)
    .orderBy('at')
    .execute();
}
