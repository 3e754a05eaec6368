import type { Generated, Insertable, Selectable } from 'kysely';

/** A secret address of a dialogue's web page. Only its SHA-256 is looked up. */
export interface PageLinksTable {
  id: Generated<number>;
  dialogue_id: string;
  /** 'private' (one user's own) | 'viewer' (made by an editor for people outside Slack). */
  kind: string;
  /** The owner of a private link; the editor who made a viewer link. */
  user_id: string;
  /** A viewer link's name, unique among the dialogue's live viewer links; null for private links. */
  label: string | null;
  token_hash: string;
  /** Kept so the same address can be shown again; never logged. */
  token: string;
  /** 1 = the page shows Slack IDs and notes (viewer links hide them unless the editor chose this). */
  with_notes: number;
  created_at: string;
  revoked_at: string | null;
}
export type PageLinkRow = Selectable<PageLinksTable>;
export type NewPageLinkRow = Insertable<PageLinksTable>;
