import type { Generated, Insertable, Selectable } from 'kysely';

/** A channel announcement waiting to be delivered (written in the change's own transaction). */
export interface OutboxTable {
  id: Generated<number>;
  dialogue_id: string;
  change_id: number | null;
  channel: string | null;
  /** Where to announce when the bot cannot post in the channel (a Slack response URL, valid 30 minutes). */
  response_url: string | null;
  /** JSON of the announcement (a Reply). */
  message: string;
  /** 'pending' | 'sent' | 'failed' */
  status: string;
  attempts: number;
  next_attempt_at: string;
  claimed_by: string | null;
  lease_until: string | null;
  last_error: string | null;
  sent_at: string | null;
  created_at: string;
}
export type OutboxRow = Selectable<OutboxTable>;
export type NewOutboxRow = Insertable<OutboxTable>;
