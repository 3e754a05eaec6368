import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pino from 'pino';
import { type Config, loadConfig } from '../../src/config/load.js';
import { type Core, openCore } from '../../src/core.js';
import { openStore, type Store } from '../../src/store/connection.js';
import { deleteAllRows, listTables } from '../../src/store/tables.repository.js';

export const REPO = new URL('../..', import.meta.url).pathname;
export const PG_URL = process.env.TEST_DATABASE_URL ?? null;

export type DialectName = 'sqlite' | 'postgres';

/** Dialects a store suite runs on: SQLite always, Postgres when TEST_DATABASE_URL is set. */
export const DIALECTS: DialectName[] = PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];
if (!PG_URL && !process.env.__PG_SKIP_WARNED) {
  process.env.__PG_SKIP_WARNED = '1';
  console.warn('TEST_DATABASE_URL is not set: Postgres suites are skipped (set it, or run .ci/run).');
}

/**
 * A Postgres schema of this worker's own, so files running in parallel never
 * reset each other's data. The vitest run's PID (the workers' parent) is part
 * of the name, so two runs at once (two terminals, CI and a developer) never
 * share one either; test/support/global-setup.ts drops the run's schemas at
 * the end. `tag` separates several stores in one file.
 */
export function workerSchema(tag = 'main'): string {
  const worker = process.env.VITEST_POOL_ID ?? process.env.VITEST_WORKER_ID ?? '0';
  return `${SCHEMA_PREFIX}${process.ppid}_w${worker}_${tag}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
}

export const SCHEMA_PREFIX = 't_';

export function databaseUrl(dialect: DialectName): string {
  if (dialect === 'postgres') {
    if (!PG_URL) throw new Error('TEST_DATABASE_URL is not set');
    return PG_URL;
  }
  return 'sqlite::memory:';
}

/** A typed config from the repo's own config/, with env overrides (no process.env). */
export function testConfig(env: Record<string, string> = {}, dialect: DialectName = 'sqlite'): Config {
  return loadConfig({
    env: { DATABASE_URL: databaseUrl(dialect), CONFIG_DIR: `${REPO}config`, LOG_LEVEL: 'silent', ...env },
    cwd: REPO,
  });
}

export const silentLogger = pino({ level: 'silent' });

/**
 * Empties every data table of the store, read from its schema (a table a later
 * migration adds is emptied without anyone listing it here), and puts back
 * the rows a migration writes into a new store: afterwards the store holds
 * exactly what a newly migrated one does (test/store/reset-store.test.ts
 * checks it). Identities start again from 1 on both dialects.
 */
export async function resetStore(store: Store): Promise<void> {
  const tables = (await listTables(store.db, store.dialect)).map((t) => t.name);
  if (store.dialect === 'postgres') {
    await sql`truncate table ${sql.join(tables.map((t) => sql.table(t)))} restart identity cascade`.execute(store.db);
  } else {
    // Parents come first in the list: children are emptied before them.
    for (const table of tables.reverse()) await deleteAllRows(store.db, table);
    const { rows } = await sql`select 1 from sqlite_master where name = 'sqlite_sequence'`.execute(store.db);
    if (rows.length > 0) await sql`delete from sqlite_sequence`.execute(store.db);
  }
  // The store revision's one row, as migration 0002 writes it into an empty store.
  await store.db.insertInto('store_revision').values({ id: 1, revision: 0 }).execute();
}

/**
 * A fresh, seeded core on the given dialect. SQLite: a new in-memory database.
 * Postgres: this worker's schema, emptied first.
 */
export async function openTestCore(
  dialect: DialectName,
  options: { env?: Record<string, string>; now?: Date; tag?: string } = {},
): Promise<Core> {
  const config = testConfig(options.env, dialect);
  const schema = dialect === 'postgres' ? workerSchema(options.tag) : undefined;
  if (schema) {
    const store = await openStore(config.env.databaseUrl, { schema });
    await resetStore(store);
    await store.close();
  }
  return openCore({
    config,
    schema,
    now: options.now ?? new Date('2024-06-01T12:00:00Z'),
    logDestination: { write: () => {} } as never,
  });
}

/**
 * Two independent cores (own services, caches and connections) on one store,
 * as two replicas would be: a SQLite file in a temporary directory, or this
 * worker's Postgres schema. The first one seeds it.
 */
export async function openReplicaPair(
  dialect: DialectName,
  options: { env?: Record<string, string>; now?: Date; tag: string },
): Promise<{ a: Core; b: Core; close(): Promise<void> }> {
  const now = options.now ?? new Date('2024-06-01T12:00:00Z');
  const dir = dialect === 'sqlite' ? mkdtempSync(join(tmpdir(), 'replicas-')) : null;
  const env = { ...options.env, ...(dir ? { DATABASE_URL: `sqlite:${join(dir, 'store.db')}` } : {}) };
  const open = async (): Promise<Core> =>
    openCore({
      config: testConfig(env, dialect),
      schema: dialect === 'postgres' ? workerSchema(options.tag) : undefined,
      now,
      logDestination: { write: () => {} } as never,
    });
  const a = dialect === 'postgres' ? await openTestCore(dialect, { env, now, tag: options.tag }) : await open();
  const b = await open();
  return {
    a,
    b,
    async close() {
      await b.close();
      await a.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
