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

export function findUserPrefsMany(db: Db, userIds: readonly string[]): Promise<UserPrefsRow[]> {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('user_prefs')
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

/** Slack's profile of a user (zone, locale), as last read; `checkedAt` says when. */
export async function upsertUserProfile(
  db: Db,
  userId: string,
  profile: { timezone: string | null; locale: string | null },
  at: string,
): Promise<void> {
  const set = {
    ...(profile.timezone ? { timezone: profile.timezone } : {}),
    ...(profile.locale ? { locale: profile.locale } : {}),
    profile_checked_at: at,
    updated_at: at,
  };
  await db
    .insertInto('user_prefs')
    .values({
      user_id: userId,
      lang: null,
      timezone: profile.timezone,
      locale: profile.locale,
      profile_checked_at: at,
      updated_at: at,
    })
    .onConflict((oc) => oc.column('user_id').doUpdateSet(set))
    .execute();
}

/** The latest change to any user's preferences or profile (a cheap "did anything change?" for the tick). */
export async function userPrefsStamp(db: Db): Promise<string> {
  const row = await db
    .selectFrom('user_prefs')
    .select((eb) => [eb.fn.max('updated_at').as('max'), eb.fn.countAll().as('n')])
    .executeTakeFirst();
  return `${row?.max ?? ''}:${row?.n ?? 0}`;
}
