import { Kysely, PostgresDialect, PostgresIntrospector, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OwnSchemaIntrospector } from '../../src/store/own-schema-dialect.js';
import { PG_URL, workerSchema } from '../support/store.js';

/**
 * The migrator's look for its own tables, while another schema in the same
 * database is dropped (another install's deploy, another test run). A
 * repeatable-read transaction holds the moment deterministically: its snapshot
 * still lists the schema, which is then dropped and committed elsewhere —
 * what a concurrent drop does to a query that is already running.
 */
describe.skipIf(!PG_URL)('introspecting our own schema while another is dropped (postgres)', () => {
  const ours = workerSchema('introspect_ours');
  const theirs = workerSchema('introspect_theirs');
  let admin: pg.Client;
  let pool: pg.Pool;
  let db: Kysely<unknown>;

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: PG_URL! });
    await admin.connect();
    await admin.query(`drop schema if exists "${ours}" cascade; create schema "${ours}"`);
    await admin.query(`create table "${ours}".kysely_migration (name text primary key, "timestamp" text not null)`);
    await admin.query(`create table "${ours}".rounds (id serial primary key, note text)`);
    pool = new pg.Pool({ connectionString: PG_URL!, max: 2, options: `-c search_path=${ours}` });
    db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
  });
  afterAll(async () => {
    await db.destroy();
    await admin.query(`drop schema if exists "${ours}" cascade; drop schema if exists "${theirs}" cascade`);
    await admin.end();
  });

  /** Runs `look` in a transaction whose snapshot still holds `theirs`, dropped meanwhile by another session. */
  async function whileTheirsIsDropped<T>(look: (trx: Kysely<unknown>) => Promise<T>): Promise<T> {
    await admin.query(`drop schema if exists "${theirs}" cascade; create schema "${theirs}"`);
    await admin.query(`create table "${theirs}".kysely_migration (name text primary key)`);
    return db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        await sql`select count(*) from pg_catalog.pg_namespace`.execute(trx); // the snapshot is taken here
        await admin.query(`drop schema "${theirs}" cascade`);
        return look(trx);
      });
  }

  it("Kysely's own introspector fails on the other schema (the fault this guards against)", async () => {
    await expect(
      whileTheirsIsDropped((trx) => new PostgresIntrospector(trx).getTables({ withInternalKyselyTables: true })),
    ).rejects.toMatchObject({ code: expect.stringMatching(/^(3F000|42P01)$/) });
  });

  it('ours finds our tables and columns, and never sees the other schema', async () => {
    const tables = await whileTheirsIsDropped((trx) =>
      new OwnSchemaIntrospector(trx).getTables({ withInternalKyselyTables: true }),
    );
    expect(tables.map((t) => `${t.schema}.${t.name}`).sort()).toEqual([`${ours}.kysely_migration`, `${ours}.rounds`]);
    const rounds = tables.find((t) => t.name === 'rounds')!;
    expect(rounds.columns.map((c) => [c.name, c.dataType, c.isNullable, c.isAutoIncrementing])).toEqual([
      ['id', 'int4', false, true],
      ['note', 'text', true, false],
    ]);
  });

  it("leaves Kysely's internal tables out unless asked", async () => {
    const tables = await new OwnSchemaIntrospector(db).getTables();
    expect(tables.map((t) => t.name)).toEqual(['rounds']);
  });
});
