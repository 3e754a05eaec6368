import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/core.js';
import {
  type BackupDocument,
  BackupError,
  parseBackup,
  restoreBackup,
  takeBackup,
} from '../../src/services/backup.service.js';
import type { Store } from '../../src/store/connection.js';
import { DIALECTS, openTestCore } from '../support/store.js';
import { EDITOR, ENV, exportAll, fillStore, freshDatabase, SEED_AT } from './support.js';

/** Tables of a store as its database lists them, asked without our code. */
async function schemaTables(store: Store): Promise<string[]> {
  const { rows } =
    store.dialect === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(store.db)
      : await sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(store.db);
  return rows
    .map((r) => r.name)
    .filter((n) => !n.startsWith('sqlite_') && !n.startsWith('kysely_'))
    .sort();
}

async function count(store: Store, table: string): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(store.db);
  return Number(rows[0]!.n);
}

describe.each(DIALECTS)('backup and restore (%s)', (dialect) => {
  const dir = mkdtempSync(join(tmpdir(), 'backup-'));
  let core: Core;
  let doc: BackupDocument;
  beforeEach(async () => {
    core = await openTestCore(dialect, { tag: 'backup_a', env: ENV, now: SEED_AT });
    await fillStore(core);
    // Through the file format, as the verbs use it.
    doc = parseBackup(JSON.stringify(await takeBackup(core.store, new Date('2025-02-01T00:00:00Z'))));
  });
  afterEach(async () => {
    await core.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('covers every table of the migrated schema, with every row', async () => {
    const tables = await schemaTables(core.store);
    // Fails when a migration adds a table the backup does not carry.
    expect(Object.keys(doc.tables).sort()).toEqual(tables);
    for (const table of tables) expect(doc.tables[table]!.rows.length, table).toBe(await count(core.store, table));
    for (const table of [
      'dialogues',
      'rounds',
      'delegates',
      'commitments',
      'audit_events',
      'user_prefs',
      'subscriptions',
      'reminder_deliveries',
    ])
      expect(doc.tables[table]!.rows.length, table).toBeGreaterThan(0);
    expect(doc.format).toBe('dialogue-tracker-backup');
    expect(doc.version).toBe(1);
    expect(doc.migrations).toContain('20261128_0001_initial');
    // Subscriptions are kept as their stored hashes: no feed token is in the document.
    const subs = doc.tables.subscriptions!;
    expect(subs.columns).toContain('token_hash');
  });

  it('backup → restore into a fresh database → export is identical, and the store keeps working', async () => {
    const before = await exportAll(core);
    const fresh = await freshDatabase(dialect, dir, 'backup_b');
    const target = await fresh.open();
    try {
      const report = await restoreBackup(target, doc);
      expect(report.find((r) => r.table === 'commitments')?.rows).toBe(7);
      const again = await takeBackup(target, new Date('2025-02-01T00:00:00Z'));
      expect(again.tables).toEqual(doc.tables);
    } finally {
      await target.close();
    }
    const restored = await fresh.core();
    try {
      expect(await exportAll(restored)).toEqual(before);
      // New rows get new IDs (Postgres sequences follow the restored ones).
      const reply = await restored.router.handle({
        command: '/commitments',
        text: 'note R1-8 after the restore',
        userId: EDITOR,
        channelId: null,
        now: new Date('2025-02-02T00:00:00Z'),
      });
      expect(reply.kind).toBe('change');
      const ids = (await restored.store.db.selectFrom('audit_events').select('id').execute()).map((r) => r.id);
      expect(new Set(ids).size).toBe(ids.length);
    } finally {
      await restored.close();
    }
  });

  it('refuses a database that is not empty and changes nothing; --force replaces everything', async () => {
    const fresh = await freshDatabase(dialect, dir, 'backup_c');
    const other = await fresh.core(); // seeded from config: not empty
    try {
      await other.router.handle({
        command: '/commitments',
        text: 'note R1-4 only here',
        userId: EDITOR,
        channelId: null,
        now: new Date('2025-03-01T00:00:00Z'),
      });
      const auditBefore = await count(other.store, 'audit_events');
      await expect(restoreBackup(other.store, doc)).rejects.toThrow(/not empty \(.*audit_events: \d+.*--force/);
      expect(await count(other.store, 'audit_events')).toBe(auditBefore);
      await restoreBackup(other.store, doc, { force: true });
      expect(await count(other.store, 'audit_events')).toBe(doc.tables.audit_events!.rows.length);
      expect(await exportAll(other)).toEqual(await exportAll(core));
    } finally {
      await other.close();
    }
  });

  it('a failing restore leaves nothing behind (one transaction)', async () => {
    const fresh = await freshDatabase(dialect, dir, 'backup_d');
    const target = await fresh.open();
    try {
      const broken: BackupDocument = {
        ...doc,
        tables: {
          ...doc.tables,
          // A commitment of a dialogue that is not there: the foreign key fails after other tables went in.
          commitments: {
            ...doc.tables.commitments!,
            rows: [
              ...doc.tables.commitments!.rows,
              doc.tables.commitments!.rows[0]!.map((v, i) => (i === 0 ? 'ghost' : v)),
            ],
          },
        },
      };
      await expect(restoreBackup(target, broken)).rejects.toThrow();
      expect(await count(target, 'dialogues')).toBe(0);
      expect(await count(target, 'commitments')).toBe(0);
    } finally {
      await target.close();
    }
  });

  it('says what is wrong with a file that is not a backup it can restore', async () => {
    expect(() => parseBackup('{')).toThrow(BackupError);
    expect(() => parseBackup('{"format":"other"}')).toThrow(/not a Dialogue Tracker backup/);
    expect(() => parseBackup(JSON.stringify({ ...doc, version: 99 }))).toThrow(/version 99 is not supported/);
    const short = { ...doc, tables: { ...doc.tables, rounds: { columns: ['a', 'b'], rows: [['x']] } } };
    expect(() => parseBackup(JSON.stringify(short))).toThrow(/tables\.rounds\.rows\[0\]: expected 2 cells/);
    const fresh = await freshDatabase(dialect, dir, 'backup_e');
    const target = await fresh.open();
    try {
      await expect(
        restoreBackup(target, { ...doc, migrations: [...doc.migrations, '29990101_0001_future'] }),
      ).rejects.toThrow(/newer version.*29990101_0001_future/);
      await expect(
        restoreBackup(target, { ...doc, tables: { ...doc.tables, mystery: { columns: ['x'], rows: [] } } }),
      ).rejects.toThrow(/table this store lacks: mystery/);
      expect(await count(target, 'dialogues')).toBe(0);
    } finally {
      await target.close();
    }
  });
});
