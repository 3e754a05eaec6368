import { type Kysely, PostgresAdapter } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's types
type Db = Kysely<any>;

/**
 * Page links (issue 18): secret addresses of a dialogue's read-only web page.
 * `private` links belong to one user (one per user and dialogue, shown again
 * each time they ask); `viewer` links are made by editors under a label for
 * people outside Slack. Found by the SHA-256 of the token; the token itself is
 * kept so the same address can be shown again. Revoked links keep their row.
 */
export async function up(db: Db): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const table = db.schema.createTable('page_links');
  await (pg
    ? table.addColumn('id', 'serial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
  )
    .addColumn('dialogue_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('label', 'text')
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('token', 'text', (c) => c.notNull())
    .addColumn('with_notes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema
    .createIndex('page_links_owner')
    .on('page_links')
    .columns(['dialogue_id', 'kind', 'user_id'])
    .execute();
  await db.schema.createIndex('page_links_label').on('page_links').columns(['dialogue_id', 'label']).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('page_links').ifExists().execute();
}
