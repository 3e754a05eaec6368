import type { Kysely } from 'kysely';
import type { Database } from './database.js';
import type { DialogueRow, NewDialogueRow } from './dialogues.table.js';

type Db = Kysely<Database>;

export function listDialogueRows(db: Db): Promise<DialogueRow[]> {
  return db.selectFrom('dialogues').selectAll().orderBy('id').execute();
}

export function findDialogueRow(db: Db, id: string): Promise<DialogueRow | undefined> {
  return db.selectFrom('dialogues').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertDialogueRow(db: Db, row: NewDialogueRow): Promise<void> {
  await db.insertInto('dialogues').values(row).execute();
}

/** Marks the dialogue changed: feed caches keyed on the revision go stale. */
export async function bumpRevision(db: Db, id: string, at: string): Promise<void> {
  await db
    .updateTable('dialogues')
    .set((eb) => ({ revision: eb('revision', '+', 1), updated_at: at }))
    .where('id', '=', id)
    .execute();
}

export async function setReminderChannel(db: Db, id: string, channel: string | null, at: string): Promise<void> {
  await db.updateTable('dialogues').set({ reminder_channel: channel, updated_at: at }).where('id', '=', id).execute();
}

/** The revision of every dialogue in one small query. */
export async function dialogueRevisions(db: Db): Promise<Map<string, number>> {
  const rows = await db.selectFrom('dialogues').select(['id', 'revision']).execute();
  return new Map(rows.map((r) => [r.id, Number(r.revision)]));
}
