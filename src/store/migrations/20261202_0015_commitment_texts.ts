import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's types
type Db = Kysely<any>;

/**
 * A commitment's words in each language of the statement it came from (a statement imported with its
 * translation carries both; one imported alone, its own language). `text` stays as it was: the words
 * of the statement that was imported. Existing rows keep both new columns empty (language not known).
 */
export async function up(db: Db): Promise<void> {
  await db.schema.alterTable('commitments').addColumn('text_en', 'text').execute();
  await db.schema.alterTable('commitments').addColumn('text_es', 'text').execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.alterTable('commitments').dropColumn('text_es').execute();
  await db.schema.alterTable('commitments').dropColumn('text_en').execute();
}
