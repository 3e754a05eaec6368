import type { Generated, Insertable, Selectable } from 'kysely';

/** One change made by a command or a button: the record before and after, so it can be undone. */
export interface ChangesTable {
  id: Generated<number>;
  dialogue_id: string;
  /** 'round' | 'commitment' */
  entity: string;
  entity_id: string;
  action: string;
  actor: string;
  at: string;
  /** Comma-separated fields it changed ('' for a note). */
  fields: string;
  /** JSON of the record before (null: it did not exist). */
  before: string | null;
  /** JSON of the record after (null: it was removed). */
  after: string | null;
  /** The change this one undid. */
  reverses: number | null;
  /** The change that undid this one. */
  reversed_by: number | null;
}
export type ChangeRow = Selectable<ChangesTable>;
export type NewChangeRow = Insertable<ChangesTable>;
