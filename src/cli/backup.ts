import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load.js';
import {
  BackupError,
  copyStore,
  parseBackup,
  restoreBackup,
  type TableReport,
  takeBackup,
} from '../services/backup.service.js';
import { openStore, type Store } from '../store/connection.js';
import { type CliIo, CliUsage, type CliVerb, EXIT } from './shared.js';

/**
 * backup, restore and migrate work on the store itself: they open it without
 * seeding from config (a backup is of what the database holds; a restore
 * needs it empty), and run its migrations like any start.
 */
async function withStore<T>(io: CliIo, url: string, work: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(url, {}, io.cwd);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

function databaseUrl(io: CliIo): string {
  return loadConfig({ env: io.env, cwd: io.cwd }).env.databaseUrl;
}

function isDatabaseUrl(url: string): boolean {
  return url.startsWith('sqlite:') || /^postgres(ql)?:\/\//.test(url);
}

const summary = (tables: readonly TableReport[]) => tables.map((t) => `${t.table} ${t.rows}`).join(', ');

/** A backup problem is the operator's input (exit 2), with nothing changed. */
async function usageOnBackupError<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof BackupError) throw new CliUsage(error.message);
    throw error;
  }
}

export const backupCliVerbs: Record<string, CliVerb> = {
  async backup(args, io) {
    const { values } = parseArgs({ args, options: { out: { type: 'string' } } });
    if (!values.out)
      throw new CliUsage('--out FILE is required (- for stdout), e.g. dialogue-bot backup --out backup.json');
    const url = databaseUrl(io);
    return withStore(io, url, async (store) => {
      const doc = await takeBackup(store, new Date());
      const text = `${JSON.stringify(doc)}\n`;
      const tables = Object.entries(doc.tables).map(([table, t]) => ({ table, rows: t.rows.length }));
      if (values.out === '-') io.stdout.write(text);
      else {
        const file = resolve(io.cwd, values.out!);
        writeFileSync(file, text);
        io.stdout.write(`backup of ${redactUrl(url)} written to ${file}: ${summary(tables)}\n`);
      }
      return EXIT.ok;
    });
  },

  async restore(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { force: { type: 'boolean', default: false } },
    });
    if (positionals.length !== 1) throw new CliUsage('give one backup file: dialogue-bot restore FILE [--force]');
    const file = resolve(io.cwd, positionals[0]!);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new CliUsage(`cannot read ${file}: ${(error as Error).message}`);
    }
    const doc = await usageOnBackupError(async () => parseBackup(text));
    const url = databaseUrl(io);
    return withStore(io, url, async (store) => {
      const report = await usageOnBackupError(() => restoreBackup(store, doc, { force: values.force }));
      io.stdout.write(
        `restored ${file} (taken ${doc.createdAt} from ${doc.source.dialect}) into ${redactUrl(url)}: ${summary(report)}\n`,
      );
      return EXIT.ok;
    });
  },

  async migrate(args, io) {
    const { values } = parseArgs({ args, options: { to: { type: 'string' } } });
    const to = values.to;
    if (!to)
      throw new CliUsage('--to <DATABASE_URL> is required, e.g. dialogue-bot migrate --to postgres://user@host/db');
    if (!isDatabaseUrl(to)) throw new CliUsage(`--to: not a sqlite: or postgres:// URL: "${redactUrl(to)}"`);
    const from = databaseUrl(io);
    if (resolveUrl(from, io.cwd) === resolveUrl(to, io.cwd))
      throw new CliUsage('--to names the database this store already uses');
    return withStore(io, from, async (source) => {
      const target = await openStore(to, {}, io.cwd);
      try {
        const report = await usageOnBackupError(() => copyStore(source, target, new Date()));
        const lines = report.tables.map(
          (t) =>
            `  ${t.ok ? 'ok ' : 'BAD'} ${t.table.padEnd(24)} ${String(t.rows).padStart(7)} rows  ${t.hash.slice(0, 16)}` +
            (t.ok ? '' : `  (target: ${t.target ? `${t.target.rows} rows ${t.target.hash.slice(0, 16)}` : 'missing'})`),
        );
        io.stdout.write(
          [
            `copied ${redactUrl(from)} (${source.dialect}) → ${redactUrl(to)} (${target.dialect}); row counts and SHA-256 per table:`,
            ...lines,
            report.ok
              ? `verified: ${report.tables.length} tables, ${report.tables.reduce((n, t) => n + t.rows, 0)} rows identical. Point DATABASE_URL at the new database and start.`
              : 'MISMATCH: the copy differs from the source (see BAD lines); do not switch to it.',
            '',
          ].join('\n'),
        );
        return report.ok ? EXIT.ok : EXIT.failure;
      } finally {
        await target.close();
      }
    });
  },
};

/** A database URL without its password. */
function redactUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]*):[^@/]*@/, '$1:***@');
}

function resolveUrl(url: string, cwd: string): string {
  return url.startsWith('sqlite:') && url !== 'sqlite::memory:' ? `sqlite:${resolve(cwd, url.slice(7))}` : url;
}
