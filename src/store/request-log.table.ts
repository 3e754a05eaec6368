import type { Insertable, Selectable } from 'kysely';

/** The answer to a Slack request that changed something, by a hash of its signed body. */
export interface RequestLogTable {
  key: string;
  created_at: string;
  /** JSON of the answer; null while the first delivery is still being handled. */
  answer: string | null;
}
export type RequestLogRow = Selectable<RequestLogTable>;
export type NewRequestLogRow = Insertable<RequestLogTable>;
