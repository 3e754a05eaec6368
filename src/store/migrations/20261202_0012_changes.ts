import { type Kysely, PostgresAdapter } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's types
type Db = Kysely<any>;

function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * Changes people can trust (issue 12):
 *
 * - `changes`: one row per change made by a command or a button (what, by
 *   whom, the record before and after), so a change can be undone; an undo is
 *   itself a change that `reverses` another. Audit rows point at their change.
 * - `outbox`: the channel announcement of a change, written in the change's own
 *   transaction and delivered after commit, so a crash delays it but never drops it.
 * - `request_log`: the answer to each Slack request that changed something,
 *   so the same request delivered twice (a replay, a Slack retry, another
 *   replica) is applied once and answered alike.
 * - `rounds.number`: the edition number as the governments count it (meetings
 *   held or still to be held); a cancelled occurrence keeps its row without one.
 *   Existing rounds are numbered here.
 */
export async function up(db: Db): Promise<void> {
  const pg = isPostgres(db);
  const withId = (t: ReturnType<Db['schema']['createTable']>) =>
    pg
      ? t.addColumn('id', 'serial', (c) => c.primaryKey())
      : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());

  await withId(db.schema.createTable('changes'))
    .addColumn('dialogue_id', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('fields', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('reverses', 'integer')
    .addColumn('reversed_by', 'integer')
    .execute();
  await db.schema.createIndex('changes_actor').on('changes').columns(['dialogue_id', 'actor', 'id']).execute();
  await db.schema
    .createIndex('changes_entity')
    .on('changes')
    .columns(['dialogue_id', 'entity', 'entity_id', 'id'])
    .execute();

  await db.schema.alterTable('audit_events').addColumn('change_id', 'integer').execute();
  await db.schema.alterTable('audit_events').addColumn('reverses', 'integer').execute();

  await withId(db.schema.createTable('outbox'))
    .addColumn('dialogue_id', 'text', (c) => c.notNull())
    .addColumn('change_id', 'integer')
    .addColumn('channel', 'text')
    .addColumn('response_url', 'text')
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('claimed_by', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('outbox_pending').on('outbox').columns(['status', 'next_attempt_at']).execute();

  await db.schema
    .createTable('request_log')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('answer', 'text')
    .execute();
  await db.schema.createIndex('request_log_created').on('request_log').columns(['created_at']).execute();

  await db.schema.alterTable('rounds').addColumn('number', 'integer').execute();
  // Number the existing rounds: meetings not cancelled, counted in order.
  const rows = await db
    .selectFrom('rounds')
    .select(['dialogue_id', 'edition', 'state'])
    .orderBy('dialogue_id')
    .orderBy('edition')
    .execute();
  const counters = new Map<string, number>();
  for (const r of rows as { dialogue_id: string; edition: number; state: string }[]) {
    const n = counters.get(r.dialogue_id) ?? 0;
    const number = r.state === 'cancelled' ? null : n + 1;
    if (number !== null) counters.set(r.dialogue_id, number);
    await db
      .updateTable('rounds')
      .set({ number })
      .where('dialogue_id', '=', r.dialogue_id)
      .where('edition', '=', Number(r.edition))
      .execute();
  }
}

export async function down(db: Db): Promise<void> {
  await db.schema.alterTable('rounds').dropColumn('number').execute();
  await db.schema.dropTable('request_log').ifExists().execute();
  await db.schema.dropTable('outbox').ifExists().execute();
  await db.schema.alterTable('audit_events').dropColumn('reverses').execute();
  await db.schema.alterTable('audit_events').dropColumn('change_id').execute();
  await db.schema.dropTable('changes').ifExists().execute();
}
