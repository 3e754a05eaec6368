import type { Generated, Insertable, Selectable } from 'kysely';

/** A private calendar feed. Only the SHA-256 of the token is stored. */
export interface SubscriptionsTable {
  id: Generated<number>;
  user_id: string;
  /** null = every dialogue. */
  dialogue_id: string | null;
  token_hash: string;
  /**
   * The token itself, so the same address can be shown again (subscribing
   * twice must not break a calendar). Null for feeds made before it was kept.
   * Feeds are looked up by the hash only.
   */
  token: string | null;
  /** 1 = only the subscriber's own commitments. */
  mine: number;
  lang: string;
  created_at: string;
  revoked_at: string | null;
}
export type SubscriptionRow = Selectable<SubscriptionsTable>;
export type NewSubscriptionRow = Insertable<SubscriptionsTable>;
