import type { Kysely } from 'kysely';
import type { Database } from './database.js';
import type { DelegateRow, NewDelegateRow } from './delegates.table.js';
import type { NewRoundRow, RoundRow, RoundUpdate } from './rounds.table.js';
import type { RowVersion } from './row-version.js';

type Db = Kysely<Database>;

export function listRoundRows(db: Db, dialogueId: string): Promise<RoundRow[]> {
  return db.selectFrom('rounds').selectAll().where('dialogue_id', '=', dialogueId).orderBy('edition').execute();
}

export function findRoundRow(db: Db, dialogueId: string, edition: number): Promise<RoundRow | undefined> {
  return db
    .selectFrom('rounds')
    .selectAll()
    .where('dialogue_id', '=', dialogueId)
    .where('edition', '=', edition)
    .executeTakeFirst();
}

export async function deleteRoundRow(db: Db, dialogueId: string, edition: number): Promise<void> {
  await db.deleteFrom('rounds').where('dialogue_id', '=', dialogueId).where('edition', '=', edition).execute();
}

/** Sets the edition numbers (as the governments count them) of rounds whose number changed. */
export async function setRoundNumbers(
  db: Db,
  dialogueId: string,
  numbers: ReadonlyMap<number, number | null>,
): Promise<void> {
  for (const [edition, number] of numbers) {
    await db
      .updateTable('rounds')
      .set({ number })
      .where('dialogue_id', '=', dialogueId)
      .where('edition', '=', edition)
      .execute();
  }
}

/** Locks the dialogue's row (Postgres) so changes to its cycle run one at a time. */
export async function lockDialogueRow(db: Db, dialogueId: string): Promise<void> {
  await db.selectFrom('dialogues').select('id').where('id', '=', dialogueId).forUpdate().execute();
}

export async function insertRoundRow(db: Db, row: NewRoundRow): Promise<void> {
  await db.insertInto('rounds').values(row).execute();
}

/** Updates a round; with `expected`, only if it is unchanged since read. Returns whether a row was updated. */
export async function updateRoundRow(
  db: Db,
  dialogueId: string,
  edition: number,
  update: RoundUpdate,
  expected?: RowVersion,
): Promise<boolean> {
  let query = db.updateTable('rounds').set(update).where('dialogue_id', '=', dialogueId).where('edition', '=', edition);
  if (expected) query = query.where('sequence', '=', expected.sequence).where('updated_at', '=', expected.updatedAt);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export function listDelegateRows(db: Db, dialogueId: string, edition: number): Promise<DelegateRow[]> {
  return db
    .selectFrom('delegates')
    .selectAll()
    .where('dialogue_id', '=', dialogueId)
    .where('edition', '=', edition)
    .orderBy('position')
    .execute();
}

export async function insertDelegateRows(db: Db, rows: NewDelegateRow[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('delegates').values(rows).execute();
}
