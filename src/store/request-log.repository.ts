import type { Kysely } from 'kysely';
import type { Database } from './database.js';

type Db = Kysely<Database>;

/** Claims a request key; false when it was claimed before (by this process or another). */
export async function claimRequestKey(db: Db, key: string, at: string): Promise<boolean> {
  const res = await db
    .insertInto('request_log')
    .values({ key, created_at: at, answer: null })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function storeRequestAnswer(db: Db, key: string, answer: string): Promise<void> {
  await db.updateTable('request_log').set({ answer }).where('key', '=', key).execute();
}

export async function findRequestAnswer(db: Db, key: string): Promise<{ answer: string | null } | undefined> {
  return db.selectFrom('request_log').select('answer').where('key', '=', key).executeTakeFirst();
}

export async function forgetRequestsBefore(db: Db, before: string): Promise<void> {
  await db.deleteFrom('request_log').where('created_at', '<', before).execute();
}
