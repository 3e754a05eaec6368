import type { Kysely } from 'kysely';
import type { Database } from './database.js';

type Db = Kysely<Database>;

/**
 * The store's change count: one primary-key read, however much data there is.
 * Read it before the data it validates; a change landing in between then only
 * makes the next reader redo work, never trust stale data.
 */
export async function readStoreRevision(db: Db): Promise<number> {
  const row = await db.selectFrom('store_revision').select('revision').where('id', '=', 1).executeTakeFirst();
  return Number(row?.revision ?? 0);
}

/**
 * Counts one change; call inside the change's transaction. On Postgres the
 * row lock serialises concurrent changes until they commit, which is what
 * keeps the count honest (changes here are human-paced, so it costs nothing).
 */
export async function bumpStoreRevision(db: Db): Promise<void> {
  await db
    .updateTable('store_revision')
    .set((eb) => ({ revision: eb('revision', '+', 1) }))
    .where('id', '=', 1)
    .execute();
}
