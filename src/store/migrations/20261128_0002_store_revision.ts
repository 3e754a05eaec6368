import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's types
type Db = Kysely<any>;

/**
 * One row counting every change to the store's dialogues and feeds. Readers
 * that cache (quiet scheduler ticks, command replies, calendar validators)
 * check this single row instead of scanning tables. It is bumped inside each
 * change's transaction, so a reader never sees the new count before the data.
 */
export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('store_revision')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .execute();
  // Start from the sum of the existing dialogue revisions: any non-zero value will do, this one is honest.
  const row = await db
    .selectFrom('dialogues')
    .select((eb) => eb.fn.coalesce(eb.fn.sum('revision'), eb.lit(0)).as('s'))
    .executeTakeFirst();
  await db
    .insertInto('store_revision')
    .values({ id: 1, revision: Number(row?.s ?? 0) })
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('store_revision').execute();
}
