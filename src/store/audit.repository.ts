import type { Kysely } from 'kysely';
import type { AuditEventRow, NewAuditEventRow } from './audit.table.js';
import type { Database } from './database.js';

type Db = Kysely<Database>;

export async function insertAuditEvents(db: Db, rows: NewAuditEventRow[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('audit_events').values(rows).execute();
}

/** Every audit row of one record, oldest first: no limit (a history is paged where it is shown, never cut here). */
export function listAuditEvents(
  db: Db,
  dialogueId: string,
  entity: string,
  entityId: string,
): Promise<AuditEventRow[]> {
  return db
    .selectFrom('audit_events')
    .selectAll()
    .where('dialogue_id', '=', dialogueId)
    .where('entity', '=', entity)
    .where('entity_id', '=', entityId)
    .orderBy('id', 'asc')
    .execute();
}

/** Audit rows of a dialogue since an instant (for the pre-dialogue brief). */
export function listAuditEventsSince(db: Db, dialogueId: string, since: string): Promise<AuditEventRow[]> {
  return db
    .selectFrom('audit_events')
    .selectAll()
    .where('dialogue_id', '=', dialogueId)
    .where('at', '>=', since)
    .orderBy('id', 'asc')
    .execute();
}
