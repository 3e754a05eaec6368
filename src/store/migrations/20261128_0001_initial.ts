import { type Kysely, PostgresAdapter } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's types
type Db = Kysely<any>;

function idColumn(db: Db) {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  return pg
    ? (t: ReturnType<Db['schema']['createTable']>) => t.addColumn('id', 'serial', (c) => c.primaryKey())
    : (t: ReturnType<Db['schema']['createTable']>) =>
        t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

export async function up(db: Db): Promise<void> {
  const withId = idColumn(db);

  await db.schema
    .createTable('dialogues')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('name_es', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('reminder_channel', 'text')
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('rounds')
    .addColumn('dialogue_id', 'text', (c) => c.notNull().references('dialogues.id').onDelete('cascade'))
    .addColumn('edition', 'integer', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('date', 'text')
    .addColumn('time', 'text')
    .addColumn('timezone', 'text', (c) => c.notNull())
    .addColumn('city', 'text')
    .addColumn('reason', 'text')
    .addColumn('host_inferred', 'text')
    .addColumn('source', 'text')
    .addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('rounds_pk', ['dialogue_id', 'edition'])
    .execute();

  await withId(db.schema.createTable('delegates'))
    .addColumn('dialogue_id', 'text', (c) => c.notNull().references('dialogues.id').onDelete('cascade'))
    .addColumn('edition', 'integer', (c) => c.notNull())
    .addColumn('party', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('lead', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('delegates_round').on('delegates').columns(['dialogue_id', 'edition']).execute();

  await db.schema
    .createTable('commitments')
    .addColumn('dialogue_id', 'text', (c) => c.notNull().references('dialogues.id').onDelete('cascade'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('edition', 'integer')
    .addColumn('paragraph', 'text')
    .addColumn('theme', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('summary_en', 'text')
    .addColumn('summary_es', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('owners', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('due_date', 'text')
    .addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('commitments_pk', ['dialogue_id', 'id'])
    .execute();
  await db.schema.createIndex('commitments_due').on('commitments').columns(['due_date']).execute();

  await withId(db.schema.createTable('audit_events'))
    .addColumn('dialogue_id', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('field', 'text')
    .addColumn('from_value', 'text')
    .addColumn('to_value', 'text')
    .addColumn('note', 'text')
    .execute();
  await db.schema
    .createIndex('audit_events_entity')
    .on('audit_events')
    .columns(['dialogue_id', 'entity', 'entity_id', 'id'])
    .execute();

  await db.schema
    .createTable('user_prefs')
    .addColumn('user_id', 'text', (c) => c.primaryKey())
    .addColumn('lang', 'text')
    .addColumn('timezone', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db.schema.createTable('subscriptions'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('dialogue_id', 'text')
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('mine', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('lang', 'text', (c) => c.notNull().defaultTo('en'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('subscriptions_user').on('subscriptions').columns(['user_id']).execute();

  await db.schema
    .createTable('reminder_deliveries')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('dialogue_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('audience', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('claimed_by', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('next_attempt_at', 'text')
    .addColumn('late', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sent_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('reminder_deliveries_pending')
    .on('reminder_deliveries')
    .columns(['status', 'next_attempt_at'])
    .execute();
}

export async function down(db: Db): Promise<void> {
  for (const table of [
    'reminder_deliveries',
    'subscriptions',
    'user_prefs',
    'audit_events',
    'commitments',
    'delegates',
    'rounds',
    'dialogues',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
