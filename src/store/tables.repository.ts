import { type Kysely, sql, type Transaction } from 'kysely';
import type { Dialect } from './connection.js';
import type { Database } from './database.js';

/**
 * Whole-store access for backup, restore and migration. Tables are read from
 * the live schema, never from a list kept by hand: a table added by a later
 * migration is covered without anyone remembering to add it here.
 */

// biome-ignore lint/suspicious/noExplicitAny: rows of any table, whatever a later migration adds
type AnyDb = Kysely<any> | Transaction<any>;
type Db = Kysely<Database> | Transaction<Database> | AnyDb;

/** A value as it is kept in a backup: JSON scalars only. */
export type CellValue = string | number | null;

export interface TableInfo {
  readonly name: string;
  /** Columns in the schema's order. */
  readonly columns: readonly string[];
  /** Tables whose rows this one's foreign keys point at. */
  readonly parents: readonly string[];
  /** Postgres: serial columns, whose sequences must follow explicit IDs. */
  readonly serial: readonly string[];
  /** Postgres: boolean columns (SQLite keeps 0/1 in integers). */
  readonly booleans: readonly string[];
}

/** Kysely's own bookkeeping: each store keeps its own, written by its migrator. */
export function isBookkeeping(table: string): boolean {
  return table.startsWith('kysely_');
}

function any(db: Db): AnyDb {
  return db as AnyDb;
}

/**
 * Every data table of the store (migration bookkeeping aside), parents before
 * children, so inserting in this order and deleting in reverse never trips a
 * foreign key. Ties keep alphabetical order: the same schema lists the same
 * way on both stores.
 */
export async function listTables(db: Db, dialect: Dialect): Promise<TableInfo[]> {
  const infos = dialect === 'sqlite' ? await sqliteTables(db) : await postgresTables(db);
  return dependencyOrder(infos.filter((t) => !isBookkeeping(t.name)));
}

async function sqliteTables(db: Db): Promise<TableInfo[]> {
  const { rows } = await sql<{ name: string }>`
    select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name
  `.execute(any(db));
  const out: TableInfo[] = [];
  for (const { name } of rows) {
    const cols = await sql<{ name: string }>`select name from pragma_table_info(${name}) order by cid`.execute(any(db));
    const fks = await sql<{ table: string }>`select "table" from pragma_foreign_key_list(${name})`.execute(any(db));
    out.push({
      name,
      columns: cols.rows.map((c) => c.name),
      parents: [...new Set(fks.rows.map((f) => f.table))].filter((p) => p !== name),
      serial: [],
      booleans: [],
    });
  }
  return out;
}

async function postgresTables(db: Db): Promise<TableInfo[]> {
  const { rows: tables } = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name
  `.execute(any(db));
  const { rows: columns } = await sql<{ table: string; name: string; type: string; dflt: string | null }>`
    select table_name as "table", column_name as name, data_type as type, column_default as dflt
    from information_schema.columns where table_schema = current_schema()
    order by table_name, ordinal_position
  `.execute(any(db));
  const { rows: fks } = await sql<{ child: string; parent: string }>`
    select c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent
    from pg_constraint c join pg_namespace n on n.oid = c.connamespace
    where c.contype = 'f' and n.nspname = current_schema()
  `.execute(any(db));
  // regclass prints a name schema-qualified only when it is off the search path: keep the bare name.
  const bare = (n: string) => n.replace(/^.*\./, '').replace(/"/g, '');
  return tables.map(({ name }) => {
    const own = columns.filter((c) => c.table === name);
    return {
      name,
      columns: own.map((c) => c.name),
      parents: [...new Set(fks.filter((f) => bare(f.child) === name).map((f) => bare(f.parent)))].filter(
        (p) => p !== name,
      ),
      serial: own.filter((c) => c.dflt?.startsWith('nextval(')).map((c) => c.name),
      booleans: own.filter((c) => c.type === 'boolean').map((c) => c.name),
    };
  });
}

function dependencyOrder(tables: TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const out: TableInfo[] = [];
  const visit = (t: TableInfo, path: Set<string>) => {
    if (done.has(t.name) || path.has(t.name)) return;
    path.add(t.name);
    for (const p of t.parents) {
      const parent = byName.get(p);
      if (parent) visit(parent, path);
    }
    done.add(t.name);
    out.push(t);
  };
  for (const t of [...tables].sort((a, b) => a.name.localeCompare(b.name, 'en'))) visit(t, new Set());
  return out;
}

/** A cell as a backup keeps it: booleans as 0/1, dates as ISO text, JSON values as their text, bytes as base64. */
export function toCell(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return value.toString('base64');
  return JSON.stringify(value);
}

/** Every row of a table, as arrays in `columns` order. */
export async function readRows(db: Db, table: TableInfo): Promise<CellValue[][]> {
  const rows = (await any(db).selectFrom(table.name).selectAll().execute()) as Record<string, unknown>[];
  return rows.map((r) => table.columns.map((c) => toCell(r[c])));
}

export async function countRows(db: Db, table: string): Promise<number> {
  const row = (await any(db)
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst()) as { n: number | string } | undefined;
  return Number(row?.n ?? 0);
}

export async function deleteAllRows(db: Db, table: string): Promise<void> {
  await any(db).deleteFrom(table).execute();
}

/** Inserts rows (arrays in `columns` order) in batches that stay under both stores' bound-parameter limits. */
export async function insertRows(
  db: Db,
  dialect: Dialect,
  table: TableInfo,
  columns: readonly string[],
  rows: readonly (readonly CellValue[])[],
): Promise<void> {
  const booleans = new Set(dialect === 'postgres' ? table.booleans : []);
  const batch = Math.max(1, Math.floor(900 / Math.max(1, columns.length)));
  for (let i = 0; i < rows.length; i += batch) {
    const values = rows.slice(i, i + batch).map((row) => {
      const record: Record<string, unknown> = {};
      columns.forEach((c, j) => {
        const v = row[j] ?? null;
        record[c] = booleans.has(c) && v !== null ? Boolean(v) : v;
      });
      return record;
    });
    await any(db).insertInto(table.name).values(values).execute();
  }
}

/** Postgres: moves each serial column's sequence past the IDs just inserted, so new rows do not collide. */
export async function resetSequences(db: Db, dialect: Dialect, table: TableInfo): Promise<void> {
  if (dialect !== 'postgres') return;
  for (const column of table.serial) {
    await sql`
      select setval(pg_get_serial_sequence(${table.name}, ${column}),
                    coalesce((select max(${sql.ref(column)}) from ${sql.table(table.name)}), 1),
                    (select count(*) > 0 from ${sql.table(table.name)}))
    `.execute(any(db));
  }
}

/** Names of the migrations applied to this store, oldest first. */
export async function appliedMigrations(db: Db): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(any(db));
  return rows.map((r) => r.name);
}
