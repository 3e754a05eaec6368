import type { Kysely } from 'kysely';
import type { AuditEventRow } from './audit.table.js';
import type { Database } from './database.js';
import type { NewPageLinkRow, PageLinkRow } from './page-links.table.js';

type Db = Kysely<Database>;

export async function insertPageLinkRow(db: Db, row: NewPageLinkRow): Promise<number> {
  const { id } = await db.insertInto('page_links').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(id);
}

/**
 * The one definition of a live link: a dialogue's links of one kind that
 * have not been revoked (links have no expiry: revoking is what ends one).
 * Every "live" query by dialogue below starts here (the token lookup,
 * findActivePageLinkRow, joins the dialogue and checks the same column).
 */
function livePageLinks(db: Db, dialogueId: string, kind: 'private' | 'viewer') {
  return db
    .selectFrom('page_links')
    .selectAll()
    .where('dialogue_id', '=', dialogueId)
    .where('kind', '=', kind)
    .where('revoked_at', 'is', null);
}

/** A user's live private link to a dialogue's page, newest first. */
export function findLivePrivateLinkRow(db: Db, dialogueId: string, userId: string): Promise<PageLinkRow | undefined> {
  return livePageLinks(db, dialogueId, 'private')
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

/** Every live private link of a user to a dialogue (normally one). */
export function listLivePrivateLinkRows(db: Db, dialogueId: string, userId: string): Promise<PageLinkRow[]> {
  return livePageLinks(db, dialogueId, 'private').where('user_id', '=', userId).orderBy('id').execute();
}

/** The live viewer link of a dialogue with this label. */
export function findLiveViewerLinkRow(db: Db, dialogueId: string, label: string): Promise<PageLinkRow | undefined> {
  return livePageLinks(db, dialogueId, 'viewer').where('label', '=', label).orderBy('id', 'desc').executeTakeFirst();
}

/** A dialogue's live viewer links, oldest first. */
export function listLiveViewerLinkRows(db: Db, dialogueId: string): Promise<PageLinkRow[]> {
  return livePageLinks(db, dialogueId, 'viewer').orderBy('id').execute();
}

export function findPageLinkRows(db: Db, ids: readonly number[]): Promise<PageLinkRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('page_links')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
}

/** Revokes (a time) or restores (null) one link; returns whether it was there. */
export async function setPageLinkRevoked(db: Db, id: number, revokedAt: string | null): Promise<boolean> {
  const result = await db
    .updateTable('page_links')
    .set({ revoked_at: revokedAt })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** A live link found by its token's hash, with the revision of the dialogue it opens. */
export interface ActivePageLinkRow {
  readonly id: number;
  readonly dialogue_id: string;
  readonly kind: string;
  readonly user_id: string;
  readonly label: string | null;
  readonly token_hash: string;
  readonly with_notes: number;
  readonly revision: number;
}

export async function findActivePageLinkRow(db: Db, tokenHash: string): Promise<ActivePageLinkRow | undefined> {
  const row = await db
    .selectFrom('page_links as p')
    .innerJoin('dialogues as d', 'd.id', 'p.dialogue_id')
    .select(['p.id', 'p.dialogue_id', 'p.kind', 'p.user_id', 'p.label', 'p.token_hash', 'p.with_notes', 'd.revision'])
    .where('p.token_hash', '=', tokenHash)
    .where('p.revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  return { ...row, id: Number(row.id), with_notes: Number(row.with_notes), revision: Number(row.revision) };
}

/** Every audit row about a dialogue's rounds and commitments, oldest first (the page's charts and history). */
export function listRecordAuditRows(db: Db, dialogueId: string): Promise<AuditEventRow[]> {
  return db
    .selectFrom('audit_events')
    .selectAll()
    .where('dialogue_id', '=', dialogueId)
    .where('entity', 'in', ['round', 'commitment'])
    .orderBy('id')
    .execute();
}

/** IDs of a dialogue's changes that were undone later (their notes show as withdrawn). */
export async function listReversedChangeIdsOf(db: Db, dialogueId: string): Promise<Set<number>> {
  const rows = await db
    .selectFrom('changes')
    .select('id')
    .where('dialogue_id', '=', dialogueId)
    .where('reversed_by', 'is not', null)
    .execute();
  return new Set(rows.map((r) => Number(r.id)));
}
