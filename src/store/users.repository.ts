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

/** Slack display names kept for these users (those with none are absent). */
export async function findUserNames(
  db: Db,
  userIds: readonly string[],
): Promise<{ user_id: string; name: string; refreshed_at: string }[]> {
  if (userIds.length === 0) return [];
  return db
    .selectFrom('user_names')
    .selectAll()
    .where('user_id', 'in', [...userIds])
    .execute();
}

export async function upsertUserName(db: Db, userId: string, name: string, at: string): Promise<void> {
  await db
    .insertInto('user_names')
    .values({ user_id: userId, name, refreshed_at: at })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ name, refreshed_at: at }))
    .execute();
}
