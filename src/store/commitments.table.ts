import type { Insertable, Selectable, Updateable } from 'kysely';

export interface CommitmentsTable {
  dialogue_id: string;
  id: string;
  edition: number | null;
  paragraph: string | null;
  theme: string;
  text: string;
  summary_en: string | null;
  summary_es: string | null;
  status: string;
  /** JSON object: party code → Slack user ID or null. */
  owners: string;
  due_date: string | null;
  sequence: number;
  created_at: string;
  updated_at: string;
}
export type CommitmentRow = Selectable<CommitmentsTable>;
export type NewCommitmentRow = Insertable<CommitmentsTable>;
export type CommitmentUpdate = Updateable<CommitmentsTable>;
