import type { Kysely } from 'kysely';
import type { Database } from './database.js';
import type { DelegateRow, NewDelegateRow } from './delegates.table.js';
import type { NewRoundRow, RoundRow, RoundUpdate } from './rounds.table.js';

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

export async function insertRoundRow(db: Db, row: NewRoundRow): Promise<void> {
  await db.insertInto('rounds').values(row).execute();
}

export async function updateRoundRow(db: Db, dialogueId: string, edition: number, update: RoundUpdate): Promise<void> {
  await db
    .updateTable('rounds')
    .set(update)
    .where('dialogue_id', '=', dialogueId)
    .where('edition', '=', edition)
    .execute();
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
