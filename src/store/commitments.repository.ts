import type { Kysely } from 'kysely';
import type { CommitmentRow, CommitmentUpdate, NewCommitmentRow } from './commitments.table.js';
import type { Database } from './database.js';

type Db = Kysely<Database>;

export function listCommitmentRows(db: Db, dialogueId: string): Promise<CommitmentRow[]> {
  return db.selectFrom('commitments').selectAll().where('dialogue_id', '=', dialogueId).execute();
}

export function findCommitmentRow(db: Db, dialogueId: string, id: string): Promise<CommitmentRow | undefined> {
  return db
    .selectFrom('commitments')
    .selectAll()
    .where('dialogue_id', '=', dialogueId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertCommitmentRow(db: Db, row: NewCommitmentRow): Promise<void> {
  await db.insertInto('commitments').values(row).execute();
}

export async function updateCommitmentRow(
  db: Db,
  dialogueId: string,
  id: string,
  update: CommitmentUpdate,
): Promise<void> {
  await db.updateTable('commitments').set(update).where('dialogue_id', '=', dialogueId).where('id', '=', id).execute();
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
