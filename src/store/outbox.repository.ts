import type { Kysely } from 'kysely';
import type { Database } from './database.js';
import type { NewOutboxRow, OutboxRow } from './outbox.table.js';

type Db = Kysely<Database>;

export async function insertOutboxRow(db: Db, row: NewOutboxRow): Promise<void> {
  await db.insertInto('outbox').values(row).execute();
}

/** Announcements due for a (first or further) attempt at `now` and not claimed (leases end by `wallNow`), oldest first. */
export function dueOutboxRows(db: Db, now: string, wallNow: string, limit = 50): Promise<OutboxRow[]> {
  return db
    .selectFrom('outbox')
    .selectAll()
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', wallNow)]))
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Claims one announcement for a lease; false when another process holds it (or it is done). */
export async function claimOutboxRow(
  db: Db,
  id: number,
  by: string,
  now: string,
  leaseUntil: string,
): Promise<boolean> {
  const res = await db
    .updateTable('outbox')
    .set((eb) => ({ claimed_by: by, lease_until: leaseUntil, attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

export async function finishOutboxRow(
  db: Db,
  id: number,
  by: string,
  update: {
    status: 'sent' | 'failed' | 'pending';
    sentAt?: string | null;
    nextAttemptAt?: string;
    error?: string | null;
  },
): Promise<void> {
  await db
    .updateTable('outbox')
    .set({
      status: update.status,
      sent_at: update.sentAt ?? null,
      last_error: update.error ?? null,
      claimed_by: null,
      lease_until: null,
      ...(update.nextAttemptAt ? { next_attempt_at: update.nextAttemptAt } : {}),
    })
    .where('id', '=', id)
    .where('claimed_by', '=', by)
    .execute();
}

export function listOutboxRows(db: Db, dialogueId?: string): Promise<OutboxRow[]> {
  let q = db.selectFrom('outbox').selectAll();
  if (dialogueId) q = q.where('dialogue_id', '=', dialogueId);
  return q.orderBy('id').execute();
}
