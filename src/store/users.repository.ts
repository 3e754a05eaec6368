import type { Kysely } from 'kysely';
import type { Database } from './database.js';
import type { UserPrefsRow } from './users.table.js';

type Db = Kysely<Database>;

export function findUserPrefs(db: Db, userId: string): Promise<UserPrefsRow | undefined> {
  return db.selectFrom('user_prefs').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

export async function upsertUserLang(db: Db, userId: string, lang: string | null, at: string): Promise<void> {
  await db
    .insertInto('user_prefs')
    .values({ user_id: userId, lang, timezone: null, updated_at: at })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ lang, updated_at: at }))
    .execute();
}

export async function upsertUserTimezone(db: Db, userId: string, timezone: string, at: string): Promise<void> {
  await db
    .insertInto('user_prefs')
    .values({ user_id: userId, lang: null, timezone, updated_at: at })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ timezone, updated_at: at }))
    .execute();
}
