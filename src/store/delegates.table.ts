import type { Generated, Insertable, Selectable } from 'kysely';

export interface DelegatesTable {
  id: Generated<number>;
  dialogue_id: string;
  edition: number;
  party: string;
  name: string;
  title: string;
  lead: number;
  position: number;
}
export type DelegateRow = Selectable<DelegatesTable>;
export type NewDelegateRow = Insertable<DelegatesTable>;
