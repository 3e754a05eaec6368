import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's types
type Db = Kysely<any>;

/**
 * Reminders belong to a date. A reminder key now names the occurrence it
 * announces (`round:mexico-uk:2@2025-03-12:T-14`), so a round that moves gets
 * the offsets of its new date. Existing rows are re-keyed to the date their
 * round (or commitment) has now — what was sent for it is not sent again.
 *
 * Also: why a reminder was skipped (`reason`), where a message landed
 * (`channel`, `message_ts`), a user's Slack locale and when their profile was
 * last read, and snoozed reminders.
 */
export async function up(db: Db): Promise<void> {
  await db.schema.alterTable('reminder_deliveries').addColumn('reason', 'text').execute();
  await db.schema.alterTable('reminder_deliveries').addColumn('channel', 'text').execute();
  await db.schema.alterTable('reminder_deliveries').addColumn('message_ts', 'text').execute();
  await db.schema.alterTable('user_prefs').addColumn('locale', 'text').execute();
  await db.schema.alterTable('user_prefs').addColumn('profile_checked_at', 'text').execute();
  await db.schema
    .createTable('reminder_snoozes')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('until', 'text', (c) => c.notNull())
    .addColumn('dialogue_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('reminder_snoozes_pk', ['key', 'until'])
    .execute();
  await db.schema
    .createIndex('reminder_deliveries_dialogue_due')
    .on('reminder_deliveries')
    .columns(['dialogue_id', 'due_at'])
    .execute();

  const rounds = new Map<string, string | null>();
  for (const r of await db.selectFrom('rounds').select(['dialogue_id', 'edition', 'date']).execute())
    rounds.set(`${r.dialogue_id}:${r.edition}`, r.date as string | null);
  const dues = new Map<string, string | null>();
  for (const c of await db.selectFrom('commitments').select(['dialogue_id', 'id', 'due_date']).execute())
    dues.set(`${c.dialogue_id}:${c.id}`, c.due_date as string | null);
  const rows = await db
    .selectFrom('reminder_deliveries')
    .select(['key'])
    .where((eb) =>
      eb.or([eb('key', 'like', 'round:%'), eb('key', 'like', 'followup:%'), eb('key', 'like', 'commitment:%')]),
    )
    .execute();
  for (const { key } of rows as { key: string }[]) {
    const next = rekey(key, rounds, dues);
    if (next && next !== key)
      await db.updateTable('reminder_deliveries').set({ key: next }).where('key', '=', key).execute();
  }
}

/** `round:d:2:T-14` → `round:d:2@<date>:T-14`; `followup:d:2` → `followup:d:2@<date>`; commitments by due date. */
export function rekey(
  key: string,
  rounds: ReadonlyMap<string, string | null>,
  dues: ReadonlyMap<string, string | null>,
): string | null {
  if (key.includes('@')) return null;
  let m = /^round:([^:]+):(\d+):(T-\d+)$/.exec(key);
  if (m) return `round:${m[1]}:${m[2]}@${rounds.get(`${m[1]}:${m[2]}`) ?? 'unknown'}:${m[3]}`;
  m = /^followup:([^:]+):(\d+)$/.exec(key);
  if (m) return `followup:${m[1]}:${m[2]}@${rounds.get(`${m[1]}:${m[2]}`) ?? 'unknown'}`;
  m = /^commitment:([^:]+):([^:]+):(T-\d+):(.+)$/.exec(key);
  if (m) return `commitment:${m[1]}:${m[2]}@${dues.get(`${m[1]}:${m[2]}`) ?? 'unknown'}:${m[3]}:${m[4]}`;
  return null;
}

export async function down(db: Db): Promise<void> {
  const rows = await db.selectFrom('reminder_deliveries').select(['key']).where('key', 'like', '%@%').execute();
  for (const { key } of rows as { key: string }[]) {
    if (key.startsWith('moved:') || key.includes('~snooze@')) {
      await db.deleteFrom('reminder_deliveries').where('key', '=', key).execute();
      continue;
    }
    const old = key.replace(/@[^:]+/, '');
    await db.updateTable('reminder_deliveries').set({ key: old }).where('key', '=', key).execute();
  }
  await db.schema.dropIndex('reminder_deliveries_dialogue_due').execute();
  await db.schema.dropTable('reminder_snoozes').execute();
  await db.schema.alterTable('user_prefs').dropColumn('profile_checked_at').execute();
  await db.schema.alterTable('user_prefs').dropColumn('locale').execute();
  await db.schema.alterTable('reminder_deliveries').dropColumn('message_ts').execute();
  await db.schema.alterTable('reminder_deliveries').dropColumn('channel').execute();
  await db.schema.alterTable('reminder_deliveries').dropColumn('reason').execute();
}
