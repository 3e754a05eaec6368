import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, type SqliteDatabase, SqliteDialect, sql } from 'kysely';
import type pg from 'pg';
import { BoundedMap } from '../lib/bounded-map.js';
import type { Database } from './database.js';
import { migrationProvider } from './migrations/index.js';
import { OwnSchemaPostgresDialect } from './own-schema-dialect.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Store {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  /**
   * SQLite only: the store revision (see store-revision.repository.ts) read
   * straight from a prepared statement, about half the cost of going through
   * Kysely; null while a transaction is open on the connection, whose
   * uncommitted writes a direct read would see (then read through Kysely,
   * which waits for the transaction to end).
   */
  readonly readRevisionNow?: () => number | null;
  /** Cheap liveness probe for /healthz. */
  ping(): Promise<boolean>;
  /**
   * What /healthz needs to know: `ok`; `down` (unreachable, refused, gone);
   * `empty` (reachable, but our tables are missing: a database dropped and
   * created anew, or restored empty). Never throws.
   */
  probe(): Promise<StoreHealth>;
  /**
   * After `empty`: creates the schema if need be and runs the migrations, as
   * a start would. True when the store is usable again.
   */
  reinitialise(): Promise<boolean>;
  close(): Promise<void>;
}

export type StoreHealth = 'ok' | 'down' | 'empty';

/** Where the store reports trouble that belongs to no request (a pooled connection dropped by the server). */
export interface StoreLog {
  warn(obj: object, msg: string): void;
}

export interface OpenOptions {
  /** Postgres only: use (and create) this schema, e.g. one per test worker. */
  readonly schema?: string;
  /** Postgres pool size. */
  readonly poolSize?: number;
  /** Postgres: where a dropped idle connection is reported (default: nowhere). */
  readonly log?: StoreLog;
}

/** How long /healthz waits for the database before calling it down. */
const PROBE_TIMEOUT_MS = 3_000;

/** Postgres answers these when a table or schema is missing: the database is there, our schema is not. */
const MISSING_SCHEMA = new Set(['42P01', '3F000']);

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** pg is loaded only for Postgres: with SQLite it cost ~300 ms of start and ~14 MB (bench/startup.ts). */
async function loadPg(): Promise<typeof pg> {
  const { default: driver } = await import('pg');
  // COUNT(*) and BIGINT come back as strings by default; our counts fit in a double.
  driver.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
  return driver;
}

function sqlitePath(url: string, cwd: string): string {
  const path = url.slice('sqlite:'.length);
  if (path === ':memory:' || path === '') return ':memory:';
  return resolve(cwd, path);
}

/**
 * Kysely prepares every query anew; with better-sqlite3 that was the largest
 * single cost of a store read (profile of `/dialogue next`, bench/commands.ts).
 * Statements are reused by SQL text (queries run one at a time: the driver is
 * synchronous and Kysely never streams here).
 */
function withStatementCache(database: SQLite.Database, max = 500): SqliteDatabase {
  const statements = new BoundedMap<string, SQLite.Statement>(max);
  return {
    close: () => database.close(),
    prepare(text: string) {
      let statement = statements.get(text);
      if (!statement) {
        statement = database.prepare(text);
        statements.set(text, statement);
      }
      return statement;
    },
  };
}

/** Opens the database named by a `DATABASE_URL` and brings its schema up to date. */
export async function openStore(url: string, options: OpenOptions = {}, cwd = process.cwd()): Promise<Store> {
  let store: Store;
  if (url.startsWith('sqlite:')) {
    const path = sqlitePath(url, cwd);
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const database = new SQLite(path);
    database.pragma('journal_mode = WAL');
    database.pragma('foreign_keys = ON');
    database.pragma('busy_timeout = 5000');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
    let revision: SQLite.Statement | null = null;
    store = {
      db,
      dialect: 'sqlite',
      readRevisionNow: () => {
        if (database.inTransaction) return null;
        // Prepared on first use: the table exists once the migrations below have run.
        revision ??= database.prepare('select revision from store_revision where id = 1').pluck();
        return Number(revision.get() ?? 0);
      },
      ping: async () => {
        try {
          database.prepare('select 1').get();
          return true;
        } catch {
          return false;
        }
      },
      probe: async () => {
        try {
          database.prepare('select 1').get();
          return 'ok';
        } catch {
          return 'down';
        }
      },
      // A SQLite file cannot be dropped under an open connection: nothing to do.
      reinitialise: async () => true,
      close: () => db.destroy(),
    };
  } else {
    const pg = await loadPg();
    const schema = options.schema;
    if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name: ${schema}`);
    const createSchema = async () => {
      if (!schema) return;
      const admin = new pg.Client({ connectionString: url, connectionTimeoutMillis: PROBE_TIMEOUT_MS });
      // An error after connect (the server going away) must not become an unhandled 'error' event.
      admin.on('error', () => {});
      await admin.connect();
      try {
        await admin.query(`create schema if not exists ${schema}`);
      } finally {
        await admin.end();
      }
    };
    await createSchema();
    const pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize ?? 10,
      // A database that does not answer (host gone, failover) fails a query instead of hanging it.
      connectionTimeoutMillis: 10_000,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    });
    // A pooled connection the server closes (restart, failover, pg_terminate_backend, a proxy's idle
    // timeout) emits 'error': on the pool while idle, on the client while checked out. Unheard, either
    // ends the process. The pool drops that connection and opens a new one for the next query.
    pool.on('error', (error: Error) =>
      options.log?.warn({ err: error, code: (error as { code?: string }).code }, 'database connection lost'),
    );
    // Checked out, the query in progress fails with the same error and says so where it is caught.
    pool.on('connect', (client) => client.on('error', () => {}));
    // Its introspector (the migrator's look for its own tables) sees our schema only: see own-schema-dialect.ts.
    const db = new Kysely<Database>({ dialect: new OwnSchemaPostgresDialect({ pool }) });
    const probe = async (): Promise<StoreHealth> => {
      try {
        // Our own table, not `select 1`: a database recreated empty is reachable but not ready.
        await withTimeout(pool.query('select revision from store_revision where id = 1'), PROBE_TIMEOUT_MS);
        return 'ok';
      } catch (error) {
        return MISSING_SCHEMA.has((error as { code?: string }).code ?? '') ? 'empty' : 'down';
      }
    };
    store = {
      db,
      dialect: 'postgres',
      ping: async () => (await probe()) === 'ok',
      probe,
      reinitialise: async () => {
        try {
          await createSchema();
          const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
          await migrate(db, rows[0]?.schema);
          // Caches in this process are keyed by the store's change count, which starts again in a new
          // database: moving it to the clock's seconds keeps it clear of any count they were made at.
          await sql`update store_revision set revision = greatest(revision, extract(epoch from now())::integer) where id = 1`.execute(
            db,
          );
          return true;
        } catch (error) {
          options.log?.warn({ err: error }, 'database: could not recreate the schema');
          return false;
        }
      },
      close: () => db.destroy(),
    };
  }
  try {
    let migrationSchema: string | undefined;
    if (store.dialect === 'postgres') {
      // Kysely's migrator looks for its own tables in every schema; pin it to
      // ours, or another schema's migration table in the same database (other
      // test workers, other installs) would be taken for this one's.
      const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(store.db);
      migrationSchema = rows[0]?.schema;
    }
    await migrate(store.db, migrationSchema);
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

/**
 * Most starts find the schema current: one read of the migration table says
 * so, where Kysely's migrator would introspect the schema and take its lock
 * (10–15 ms of every start). Anything else (a new store, a migration to run,
 * one applied that this build does not know) goes to the migrator.
 */
async function upToDate(db: Kysely<Database>, schema?: string): Promise<boolean> {
  try {
    const table = sql.table(schema ? `${schema}.kysely_migration` : 'kysely_migration');
    const { rows } = await sql<{ name: string }>`select name from ${table}`.execute(db);
    const applied = new Set(rows.map((r) => r.name));
    const known = Object.keys(await migrationProvider.getMigrations());
    return applied.size === known.length && known.every((name) => applied.has(name));
  } catch {
    return false; // no migration table yet
  }
}

export async function migrate(db: Kysely<Database>, migrationTableSchema?: string): Promise<void> {
  if (await upToDate(db, migrationTableSchema)) return;
  // Migrations are numbered by the change that brought them (20261202_00NN_…) and can land in either
  // order: one that sorts before a migration already applied still runs.
  const migrator = new Migrator({
    db,
    provider: migrationProvider,
    migrationTableSchema,
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (!error) return;
  const failed = results?.find((r) => r.status === 'Error');
  throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${String(error)}`, { cause: error });
}
