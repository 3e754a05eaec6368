import type { Kysely } from 'kysely';
import type { Database } from './database.js';
import type { NewReminderDeliveryRow, ReminderDeliveryRow } from './reminders.table.js';

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

/** Sent: only the holder of the claim records it. */
export async function markDeliverySent(db: Db, key: string, owner: string, now: string): Promise<boolean> {
  const r = await db
    .updateTable('reminder_deliveries')
    .set({ status: 'sent', sent_at: now, lease_until: null, next_attempt_at: null, last_error: null, updated_at: now })
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

/** Records a reminder too old to send (never sent weeks late). Leaves finished rows alone. */
export async function recordDeliverySkipped(db: Db, input: ClaimInput, now: string): Promise<void> {
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
): Promise<boolean> {
  const r = await db
    .updateTable('reminder_deliveries')
    .set({ status, claimed_by: null, lease_until: null, next_attempt_at: null, updated_at: now })
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
