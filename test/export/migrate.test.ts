import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { copyStore, digest } from '../../src/services/backup.service.js';
import { DIALECTS } from '../support/store.js';
import { EDITOR, exportAll, fillStore, freshDatabase } from './support.js';

const AT = new Date('2024-06-01T00:00:00Z');

describe.runIf(DIALECTS.includes('postgres'))('migrate SQLite ↔ Postgres', () => {
  const dir = mkdtempSync(join(tmpdir(), 'migrate-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('copies a store of 1,000 commitments and their history to an empty Postgres, verified table by table', async () => {
    const source = await freshDatabase('sqlite', dir, 'big');
    const from = await source.core();
    const to = await freshDatabase('postgres', dir, 'migrate_pg');
    try {
      await fillStore(from);
      const have = (await from.services.commitments.list('mexico-uk')).length;
      for (let i = have; i < 1000; i++) {
        const at = new Date(AT.getTime() + i * 60_000);
        const added = await from.services.commitments.add('mexico-uk', EDITOR, `Undertaking nº ${i}: “señal”, ok`, at);
        await from.services.commitments.note('mexico-uk', EDITOR, added.after.id, `progress on ${i}`, at);
      }
      expect((await from.services.commitments.list('mexico-uk')).length).toBe(1000);

      const target = await to.open();
      let report: Awaited<ReturnType<typeof copyStore>>;
      try {
        report = await copyStore(from.store, target, new Date());
      } finally {
        await target.close();
      }
      expect(report.ok).toBe(true);
      const rows = Object.fromEntries(report.tables.map((t) => [t.table, t.rows]));
      expect(rows.commitments).toBe(1000);
      expect(rows.audit_events).toBeGreaterThan(2000);
      for (const t of report.tables) expect(t.target, t.table).toMatchObject({ rows: t.rows, hash: t.hash });

      // The copy is the same record: every export reads the same from both.
      const copy = await to.core();
      try {
        expect(await exportAll(copy)).toEqual(await exportAll(from));
        // And it works as a store: sequences continue after the copied IDs.
        const added = await copy.services.commitments.add('mexico-uk', EDITOR, 'after the move', new Date());
        expect(added.after.id).toBe('A995');
      } finally {
        await copy.close();
      }

      // Into a store that is not empty: refused, nothing touched.
      const again = await to.open();
      try {
        const before = await sql<{ n: number }>`select count(*)::int as n from audit_events`.execute(again.db);
        await expect(copyStore(from.store, again, new Date())).rejects.toThrow(/target database is not empty/);
        const after = await sql<{ n: number }>`select count(*)::int as n from audit_events`.execute(again.db);
        expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
      } finally {
        await again.close();
      }
    } finally {
      await from.close();
    }
  }, 180_000);

  it('copies Postgres back to SQLite the same way', async () => {
    const source = await freshDatabase('postgres', dir, 'migrate_back');
    const from = await source.core();
    const to = await freshDatabase('sqlite', dir, 'back');
    try {
      await fillStore(from);
      const target = await to.open();
      try {
        const report = await copyStore(from.store, target, new Date());
        expect(report.ok).toBe(true);
        expect(report.tables.find((t) => t.table === 'commitments')?.rows).toBe(7);
      } finally {
        await target.close();
      }
      const copy = await to.core();
      try {
        expect(await exportAll(copy)).toEqual(await exportAll(from));
      } finally {
        await copy.close();
      }
    } finally {
      await from.close();
    }
  }, 60_000);

  it('a content hash tells one changed cell apart', () => {
    const a = digest(
      't',
      ['id', 'text'],
      [
        [1, 'a'],
        [2, 'b'],
      ],
    );
    expect(
      digest(
        't',
        ['text', 'id'],
        [
          ['b', 2],
          ['a', 1],
        ],
      ).hash,
    ).toBe(a.hash);
    expect(
      digest(
        't',
        ['id', 'text'],
        [
          [1, 'a'],
          [2, 'c'],
        ],
      ).hash,
    ).not.toBe(a.hash);
    expect(
      digest(
        't',
        ['id', 'text'],
        [
          [1, 'a'],
          [2, null],
        ],
      ).hash,
    ).not.toBe(a.hash);
  });
});
