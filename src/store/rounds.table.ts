import type { Insertable, Selectable, Updateable } from 'kysely';

export interface RoundsTable {
  dialogue_id: string;
  edition: number;
  /** The edition as the governments count it (meetings held or to be held); null for a cancelled one. */
  number: number | null;
  year: number;
  host: string;
  state: string;
  date: string | null;
  time: string | null;
  /** Local `HH:MM` the round ends, when given. */
  end_time: string | null;
  timezone: string;
  city: string | null;
  reason: string | null;
  host_inferred: string | null;
  source: string | null;
  sequence: number;
  updated_at: string;
  updated_by: string;
}
export type RoundRow = Selectable<RoundsTable>;
export type NewRoundRow = Insertable<RoundsTable>;
export type RoundUpdate = Updateable<RoundsTable>;
