import type { Kysely } from 'kysely';
import type { CommitmentRow, CommitmentUpdate, NewCommitmentRow } from './commitments.table.js';
import type { Database } from './database.js';
import type { RowVersion } from './row-version.js';

type Db = Kysely<Database>;

export function listCommitmentRows(db: Db, dialogueId: string): Promise<CommitmentRow[]> {
  return db.selectFrom('commitments').selectAll().where('dialogue_id', '=', dialogueId).execute();
}

/** With `lock` (Postgres, inside a transaction) the row stays locked until commit: concurrent changes queue instead of colliding. */
export function findCommitmentRow(
  db: Db,
  dialogueId: string,
  id: string,
  lock = false,
): Promise<CommitmentRow | undefined> {
  let q = db.selectFrom('commitments').selectAll().where('dialogue_id', '=', dialogueId).where('id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function deleteCommitmentRow(db: Db, dialogueId: string, id: string): Promise<void> {
  await db.deleteFrom('commitments').where('dialogue_id', '=', dialogueId).where('id', '=', id).execute();
}

export async function insertCommitmentRow(db: Db, row: NewCommitmentRow): Promise<void> {
  await db.insertInto('commitments').values(row).execute();
}

/** Updates a commitment; with `expected`, only if it is unchanged since read. Returns whether a row was updated. */
export async function updateCommitmentRow(
  db: Db,
  dialogueId: string,
  id: string,
  update: CommitmentUpdate,
  expected?: RowVersion,
): Promise<boolean> {
  let query = db.updateTable('commitments').set(update).where('dialogue_id', '=', dialogueId).where('id', '=', id);
  if (expected) query = query.where('sequence', '=', expected.sequence).where('updated_at', '=', expected.updatedAt);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** IDs in use that start with a prefix (e.g. `A` for commitments added by hand). */
export async function commitmentIdsWithPrefix(db: Db, dialogueId: string, prefix: string): Promise<string[]> {
  const rows = await db
    .selectFrom('commitments')
    .select('id')
    .where('dialogue_id', '=', dialogueId)
    .where('id', 'like', `${prefix}%`)
    .execute();
  return rows.map((r) => r.id);
}

/** Whether the user owns any commitment, on either side, in any dialogue (owners are a JSON object of IDs). */
export async function ownsAnyCommitment(db: Db, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('commitments')
    .select('id')
    .where('owners', 'like', `%"${userId.replace(/[%_"\\]/g, '')}"%`)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
