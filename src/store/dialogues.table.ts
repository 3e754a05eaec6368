import type { Insertable, Selectable, Updateable } from 'kysely';

export interface DialoguesTable {
  id: string;
  name_en: string;
  name_es: string;
  /** JSON: parties, cadence, alternation, source — the dialogue's definition as seeded. */
  definition: string;
  /** Set by `/dialogue remind-here`; wins over config, loses to REMINDER_CHANNEL. */
  reminder_channel: string | null;
  /** Rises on every change to the dialogue's rounds or commitments: cheap cache key for feeds. */
  revision: number;
  created_at: string;
  updated_at: string;
}
export type DialogueRow = Selectable<DialoguesTable>;
export type NewDialogueRow = Insertable<DialoguesTable>;
export type DialogueUpdate = Updateable<DialoguesTable>;
