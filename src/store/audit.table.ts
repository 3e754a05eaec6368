import type { Generated, Insertable, Selectable } from 'kysely';

/** Who changed what, when, from what to what: one row per change, never updated. */
export interface AuditEventsTable {
  id: Generated<number>;
  dialogue_id: string;
  /** 'round' | 'commitment' | 'dialogue' | 'subscription' | 'user' */
  entity: string;
  entity_id: string;
  at: string;
  actor: string;
  action: string;
  field: string | null;
  from_value: string | null;
  to_value: string | null;
  note: string | null;
  /** The change (changes.id) this row belongs to, when it was made by a command or a button. */
  change_id: number | null;
  /** For an undo: the change it reversed. */
  reverses: number | null;
}
export type AuditEventRow = Selectable<AuditEventsTable>;
export type NewAuditEventRow = Insertable<AuditEventsTable>;
