import type { CompiledQuery, Kysely } from 'kysely';
import type { Database } from './database.js';
import type { NewSubscriptionRow, SubscriptionRow } from './subscriptions.table.js';

type Db = Kysely<Database>;

/** A live subscription found by its token hash, with what its feed's cache key needs. */
export interface ActiveFeedRow {
  readonly id: number;
  readonly user_id: string;
  readonly dialogue_id: string | null;
  readonly token_hash: string;
  readonly mine: number;
  readonly lang: string;
  /** The dialogues the feed covers, each with its revision and last change (empty if none exist). */
  readonly dialogues: { readonly id: string; readonly revision: number; readonly updated_at: string }[];
}

export async function insertSubscriptionRow(db: Db, row: NewSubscriptionRow): Promise<number> {
  const { id } = await db.insertInto('subscriptions').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(id);
}

/** Revokes these live subscriptions of a user (others' rows are never touched); returns how many it revoked. */
export async function revokeSubscriptionRowsById(
  db: Db,
  userId: string,
  ids: readonly number[],
  at: string,
): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await db
    .updateTable('subscriptions')
    .set({ revoked_at: at })
    .where('user_id', '=', userId)
    .where('id', 'in', [...ids])
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Makes these subscriptions of a user live again, with the tokens they had,
 * where they were revoked at `revokedAt` (by the change being undone, not
 * since); returns the ids made live.
 */
export async function restoreSubscriptionRows(
  db: Db,
  userId: string,
  ids: readonly number[],
  revokedAt: string,
): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .updateTable('subscriptions')
    .set({ revoked_at: null })
    .where('user_id', '=', userId)
    .where('id', 'in', [...ids])
    .where('revoked_at', '=', revokedAt)
    .returning('id')
    .execute();
  return rows.map((r) => Number(r.id)).sort((a, b) => a - b);
}

/** A user's live feeds of one scope: one dialogue, or (null) the feed of every dialogue. Newest first. */
export function listScopeSubscriptionRows(
  db: Db,
  userId: string,
  dialogueId: string | null,
): Promise<SubscriptionRow[]> {
  let q = db.selectFrom('subscriptions').selectAll().where('user_id', '=', userId).where('revoked_at', 'is', null);
  q = dialogueId === null ? q.where('dialogue_id', 'is', null) : q.where('dialogue_id', '=', dialogueId);
  return q.orderBy('id', 'desc').execute();
}

/** Revokes a user's live feeds of one scope; returns how many there were. */
export async function revokeScopeSubscriptionRows(
  db: Db,
  userId: string,
  dialogueId: string | null,
  at: string,
): Promise<number> {
  let q = db
    .updateTable('subscriptions')
    .set({ revoked_at: at })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null);
  q = dialogueId === null ? q.where('dialogue_id', 'is', null) : q.where('dialogue_id', '=', dialogueId);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function setSubscriptionLang(db: Db, id: number, lang: string): Promise<void> {
  await db.updateTable('subscriptions').set({ lang }).where('id', '=', id).execute();
}

export function listActiveSubscriptionRows(db: Db, userId: string): Promise<SubscriptionRow[]> {
  return db
    .selectFrom('subscriptions')
    .selectAll()
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .orderBy('id')
    .execute();
}

function activeFeedQuery(db: Db, tokenHash: string) {
  return db
    .selectFrom('subscriptions as s')
    .leftJoin('dialogues as d', (join) =>
      join.on((eb) => eb.or([eb('s.dialogue_id', 'is', null), eb('s.dialogue_id', '=', eb.ref('d.id'))])),
    )
    .select([
      's.id',
      's.user_id',
      's.dialogue_id',
      's.token_hash',
      's.mine',
      's.lang',
      'd.id as d_id',
      'd.revision as d_revision',
      'd.updated_at as d_updated_at',
    ])
    .where('s.token_hash', '=', tokenHash)
    .where('s.revoked_at', 'is', null)
    .orderBy('d.id');
}

type ActiveFeedQueryRow = Awaited<ReturnType<ReturnType<typeof activeFeedQuery>['execute']>>[number];

// Building and compiling the query costs more than running it on SQLite; it
// is on every feed request, so it is compiled once per database and only
// its one parameter (the token hash) changes.
const compiledFeedQueries = new WeakMap<Db, CompiledQuery<ActiveFeedQueryRow>>();

function compiledFeedQuery(db: Db): CompiledQuery<ActiveFeedQueryRow> {
  let compiled = compiledFeedQueries.get(db);
  if (!compiled) {
    compiled = activeFeedQuery(db, '').compile();
    if (compiled.parameters.length !== 1) throw new Error('the feed query must have exactly one parameter');
    compiledFeedQueries.set(db, compiled);
  }
  return compiled;
}

/**
 * The feed request's only query when nothing changed: the live subscription
 * with this token hash joined to the revisions of the dialogues it covers
 * (one row per dialogue; a subscription for every dialogue has dialogue_id null).
 */
export async function findActiveFeedRow(db: Db, tokenHash: string): Promise<ActiveFeedRow | undefined> {
  const compiled = compiledFeedQuery(db);
  const { rows } = await db.executeQuery<ActiveFeedQueryRow>({ ...compiled, parameters: [tokenHash] });
  const first = rows[0];
  if (!first) return undefined;
  return {
    id: Number(first.id),
    user_id: first.user_id,
    dialogue_id: first.dialogue_id,
    token_hash: first.token_hash,
    mine: Number(first.mine),
    lang: first.lang,
    dialogues: rows
      .filter((r) => r.d_id !== null)
      .map((r) => ({ id: r.d_id!, revision: Number(r.d_revision), updated_at: r.d_updated_at! })),
  };
}
