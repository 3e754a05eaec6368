import type { Kysely } from 'kysely';
import type { ChangeRow, NewChangeRow } from './changes.table.js';
import type { Database } from './database.js';

type Db = Kysely<Database>;

export async function insertChangeRow(db: Db, row: NewChangeRow): Promise<number> {
  const out = await db.insertInto('changes').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(out.id);
}

export function findChangeRow(db: Db, id: number): Promise<ChangeRow | undefined> {
  return db.selectFrom('changes').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The actor's latest changes in a dialogue (newest first), optionally of one kind of record. */
export function latestChangesBy(
  db: Db,
  dialogueId: string,
  actor: string,
  entity: string | null,
  limit = 20,
): Promise<ChangeRow[]> {
  let q = db.selectFrom('changes').selectAll().where('dialogue_id', '=', dialogueId).where('actor', '=', actor);
  if (entity) q = q.where('entity', '=', entity);
  return q.orderBy('id', 'desc').limit(limit).execute();
}

/** Changes made after `afterId` to records of an entity (one record when `entityId` is given). */
export function changesAfter(
  db: Db,
  dialogueId: string,
  entity: string,
  entityId: string | null,
  afterId: number,
): Promise<ChangeRow[]> {
  let q = db
    .selectFrom('changes')
    .selectAll()
    .where('dialogue_id', '=', dialogueId)
    .where('entity', '=', entity)
    .where('id', '>', afterId);
  if (entityId !== null) q = q.where('entity_id', '=', entityId);
  return q.orderBy('id').execute();
}

/** The latest change to one record. */
export function latestChangeOf(
  db: Db,
  dialogueId: string,
  entity: string,
  entityId: string,
): Promise<ChangeRow | undefined> {
  return db
    .selectFrom('changes')
    .selectAll()
    .where('dialogue_id', '=', dialogueId)
    .where('entity', '=', entity)
    .where('entity_id', '=', entityId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Marks a change undone; false when another undo got there first. */
export async function markReversed(db: Db, id: number, by: number): Promise<boolean> {
  const res = await db
    .updateTable('changes')
    .set({ reversed_by: by })
    .where('id', '=', id)
    .where('reversed_by', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/** IDs of changes (of one record) that were undone: their notes are withdrawn. */
export async function reversedChangeIds(
  db: Db,
  dialogueId: string,
  entity: string,
  entityId: string,
): Promise<Set<number>> {
  const rows = await db
    .selectFrom('changes')
    .select('id')
    .where('dialogue_id', '=', dialogueId)
    .where('entity', '=', entity)
    .where('entity_id', '=', entityId)
    .where('reversed_by', 'is not', null)
    .execute();
  return new Set(rows.map((r) => Number(r.id)));
}
