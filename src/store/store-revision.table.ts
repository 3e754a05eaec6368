/** A single row (id 1): how many changes the store has seen. */
export interface StoreRevisionTable {
  id: number;
  revision: number;
}
