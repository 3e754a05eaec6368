import type { Insertable, Selectable, Updateable } from 'kysely';

export interface CommitmentsTable {
  dialogue_id: string;
  id: string;
  edition: number | null;
  paragraph: string | null;
  theme: string;
  text: string;
  /** The words in English / Spanish, when the statement was imported in that language (or with its translation). */
  text_en: string | null;
  text_es: string | null;
  summary_en: string | null;
  summary_es: string | null;
  status: string;
  /** JSON object: party code → Slack user ID or null. */
  owners: string;
  due_date: string | null;
  /** The statement it was read from: title, URL when known, and the sentence in its own words. */
  source_title: string | null;
  source_url: string | null;
  source_text: string | null;
  /** Who added it by hand (null for one read from a statement or the config). */
  created_by: string | null;
  sequence: number;
  created_at: string;
  updated_at: string;
}
export type CommitmentRow = Selectable<CommitmentsTable>;
export type NewCommitmentRow = Insertable<CommitmentsTable>;
export type CommitmentUpdate = Updateable<CommitmentsTable>;
