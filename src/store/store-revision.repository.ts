import type { CompiledQuery, Kysely } from 'kysely';
import type { Database } from './database.js';

type Db = Kysely<Database>;

/**
 * The store's change count: one primary-key read, however much data there is.
 * Read it before the data it validates; a change landing in between then only
 * makes the next reader redo work, never trust stale data.
 */
export async function readStoreRevision(db: Db): Promise<number> {
  let query = compiledReads.get(db);
  if (!query) {
    query = db.selectFrom('store_revision').select('revision').where('id', '=', 1).compile();
    compiledReads.set(db, query);
  }
  const { rows } = await db.executeQuery(query);
  return Number(rows[0]?.revision ?? 0);
}

/**
 * Every command and quiet tick reads the revision: its SQL is compiled once
 * per connection pool (Kysely would rebuild it each time, about half the
 * cost of the read). Per pool, because the pool's plugins (the Postgres
 * schema) shape the SQL.
 */
const compiledReads = new WeakMap<Db, CompiledQuery<{ revision: number }>>();

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
