import { createHash } from 'node:crypto';
import type { Store } from '../store/connection.js';
import { migrationProvider } from '../store/migrations/index.js';
import {
  appliedMigrations,
  type CellValue,
  countRows,
  deleteAllRows,
  insertRows,
  listTables,
  readRows,
  resetSequences,
  type TableInfo,
} from '../store/tables.repository.js';

/**
 * Backup, restore and store-to-store migration. A backup is ONE JSON document
 * holding every row of every data table (dialogues, rounds, delegates,
 * commitments, the audit history, users' languages and zones, subscriptions
 * as their stored token hashes, reminder deliveries, and whatever tables later
 * migrations add), read from the live schema so nothing is left out.
 *
 * Document (version 1):
 * ```
 * { "format": "dialogue-tracker-backup", "version": 1, "createdAt": ISO,
 *   "source": { "dialect": "sqlite" | "postgres" },
 *   "migrations": [names applied to the source, oldest first],
 *   "tables": { "<table>": { "columns": [names], "rows": [[cell, …], …] } } }
 * ```
 * Cells are JSON strings, numbers or null (booleans as 0/1). Tables are listed
 * parents first; rows in a stable order, so the same data backs up to the same bytes.
 */

export const BACKUP_FORMAT = 'dialogue-tracker-backup';
export const BACKUP_VERSION = 1;

export interface BackupTable {
  readonly columns: string[];
  readonly rows: CellValue[][];
}

export interface BackupDocument {
  readonly format: typeof BACKUP_FORMAT;
  readonly version: number;
  readonly createdAt: string;
  readonly source: { readonly dialect: string };
  readonly migrations: string[];
  readonly tables: Record<string, BackupTable>;
}

/** A backup that cannot be restored here, or a target that is not empty: said plainly, nothing changed. */
export class BackupError extends Error {
  override readonly name = 'BackupError';
}

/**
 * Tables a migration fills on a new store (the store revision's one row):
 * they do not make a store "not empty", and a restore replaces their rows.
 */
const MIGRATION_FILLED = new Set(['store_revision']);

function canonicalRow(columns: readonly string[], row: readonly CellValue[]): string {
  // Keyed by column name in sorted order: the same row hashes the same whatever the column order.
  const order = columns.map((c, i) => [c, i] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(order.map(([c, i]) => [c, row[i] ?? null]));
}

function sortRows(columns: readonly string[], rows: CellValue[][]): CellValue[][] {
  const keyed = rows.map((row) => [canonicalRow(columns, row), row] as const);
  keyed.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return keyed.map(([, row]) => row);
}

/** Every row of every data table, read in one transaction (a consistent snapshot). */
export async function takeBackup(store: Store, now: Date): Promise<BackupDocument> {
  const read = async (db: Store['db']) => {
    const tables: Record<string, BackupTable> = {};
    for (const table of await listTables(db, store.dialect)) {
      tables[table.name] = { columns: [...table.columns], rows: sortRows(table.columns, await readRows(db, table)) };
    }
    return { tables, migrations: await appliedMigrations(db) };
  };
  const { tables, migrations } =
    store.dialect === 'postgres'
      ? await store.db.transaction().setIsolationLevel('repeatable read').execute(read)
      : await store.db.transaction().execute(read);
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: now.toISOString(),
    source: { dialect: store.dialect },
    migrations,
    tables,
  };
}

const isCell = (v: unknown): v is CellValue => v === null || typeof v === 'string' || typeof v === 'number';

/** Reads a backup file's text, checking its shape; says what is wrong. */
export function parseBackup(text: string): BackupDocument {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new BackupError(`not JSON: ${(error as Error).message}`);
  }
  const d = doc as Partial<BackupDocument> | null;
  if (!d || typeof d !== 'object' || d.format !== BACKUP_FORMAT)
    throw new BackupError(`not a Dialogue Tracker backup (expected "format": "${BACKUP_FORMAT}")`);
  if (d.version !== BACKUP_VERSION)
    throw new BackupError(`backup version ${String(d.version)} is not supported (this build reads ${BACKUP_VERSION})`);
  if (!Array.isArray(d.migrations) || !d.migrations.every((m) => typeof m === 'string'))
    throw new BackupError('"migrations" must be a list of names');
  if (!d.tables || typeof d.tables !== 'object') throw new BackupError('"tables" is missing');
  for (const [name, t] of Object.entries(d.tables)) {
    if (!t || !Array.isArray(t.columns) || !t.columns.every((c) => typeof c === 'string'))
      throw new BackupError(`tables.${name}.columns must be a list of names`);
    if (!Array.isArray(t.rows)) throw new BackupError(`tables.${name}.rows must be a list`);
    t.rows.forEach((row, i) => {
      if (!Array.isArray(row) || row.length !== t.columns.length || !row.every(isCell))
        throw new BackupError(`tables.${name}.rows[${i}]: expected ${t.columns.length} cells (text, number or null)`);
    });
  }
  return d as BackupDocument;
}

export interface TableReport {
  readonly table: string;
  readonly rows: number;
}

/** Tables of the store that hold rows (the migration-filled ones aside), with their counts. */
export async function nonEmptyTables(store: Store): Promise<TableReport[]> {
  const out: TableReport[] = [];
  for (const t of await listTables(store.db, store.dialect)) {
    if (MIGRATION_FILLED.has(t.name)) continue;
    const rows = await countRows(store.db, t.name);
    if (rows > 0) out.push({ table: t.name, rows });
  }
  return out;
}

/**
 * Loads a backup into a store, in one transaction: all of it or nothing. The
 * store must be empty (migrated, never started), unless `force`, which
 * replaces everything in it.
 */
export async function restoreBackup(
  store: Store,
  doc: BackupDocument,
  options: { force?: boolean } = {},
): Promise<TableReport[]> {
  const known = new Set(Object.keys(await migrationProvider.getMigrations()));
  const newer = doc.migrations.filter((m) => !known.has(m));
  if (newer.length > 0)
    throw new BackupError(`the backup comes from a newer version (migrations unknown here: ${newer.join(', ')})`);
  const tables = await listTables(store.db, store.dialect);
  const byName = new Map(tables.map((t) => [t.name, t]));
  for (const [name, t] of Object.entries(doc.tables)) {
    const target = byName.get(name);
    if (!target) throw new BackupError(`the backup has a table this store lacks: ${name}`);
    const missing = t.columns.filter((c) => !target.columns.includes(c));
    if (missing.length > 0) throw new BackupError(`table ${name}: columns unknown here: ${missing.join(', ')}`);
  }
  return store.db.transaction().execute(async (trx) => {
    if (!options.force) {
      const full = await nonEmptyTablesIn(trx, store.dialect, tables);
      if (full.length > 0)
        throw new BackupError(
          `the database is not empty (${full.map((f) => `${f.table}: ${f.rows}`).join(', ')}); ` +
            'restore into a new database, or add --force to replace everything in this one',
        );
    }
    // Children first on the way out, parents first on the way in.
    for (const t of [...tables].reverse()) {
      if (doc.tables[t.name] || !MIGRATION_FILLED.has(t.name)) await deleteAllRows(trx, t.name);
    }
    const report: TableReport[] = [];
    for (const t of tables) {
      const data = doc.tables[t.name];
      if (!data) continue;
      await insertRows(trx, store.dialect, t, data.columns, data.rows);
      await resetSequences(trx, store.dialect, t);
      report.push({ table: t.name, rows: data.rows.length });
    }
    return report;
  });
}

async function nonEmptyTablesIn(
  db: Parameters<typeof countRows>[0],
  _dialect: string,
  tables: readonly TableInfo[],
): Promise<TableReport[]> {
  const out: TableReport[] = [];
  for (const t of tables) {
    if (MIGRATION_FILLED.has(t.name)) continue;
    const rows = await countRows(db, t.name);
    if (rows > 0) out.push({ table: t.name, rows });
  }
  return out;
}

export interface TableDigest {
  readonly table: string;
  readonly rows: number;
  /** SHA-256 over the table's rows in canonical form (order-independent, column-order-independent). */
  readonly hash: string;
}

/** Row count and content hash of every data table. */
export async function tableDigests(store: Store): Promise<TableDigest[]> {
  const out: TableDigest[] = [];
  for (const t of await listTables(store.db, store.dialect)) {
    const rows = await readRows(store.db, t);
    out.push(digest(t.name, t.columns, rows));
  }
  return out;
}

export function digest(table: string, columns: readonly string[], rows: readonly CellValue[][]): TableDigest {
  const hash = createHash('sha256');
  for (const line of rows.map((r) => canonicalRow(columns, r)).sort()) hash.update(line).update('\n');
  return { table, rows: rows.length, hash: hash.digest('hex') };
}

export interface MigrationReport {
  readonly tables: readonly (TableDigest & { readonly target: TableDigest | null; readonly ok: boolean })[];
  readonly ok: boolean;
}

/**
 * Copies one store into another, empty one (SQLite ↔ Postgres): a snapshot of
 * the source, loaded in one transaction, then every table's row count and
 * content hash compared on both sides.
 */
export async function copyStore(source: Store, target: Store, now: Date): Promise<MigrationReport> {
  const full = await nonEmptyTables(target);
  if (full.length > 0)
    throw new BackupError(
      `the target database is not empty (${full.map((f) => `${f.table}: ${f.rows}`).join(', ')}); migrate into a new one`,
    );
  const doc = await takeBackup(source, now);
  await restoreBackup(target, doc);
  const after = new Map((await tableDigests(target)).map((d) => [d.table, d]));
  const tables = Object.entries(doc.tables).map(([name, t]) => {
    const before = digest(name, t.columns, t.rows);
    const got = after.get(name) ?? null;
    return { ...before, target: got, ok: got !== null && got.rows === before.rows && got.hash === before.hash };
  });
  return { tables, ok: tables.every((t) => t.ok) };
}
