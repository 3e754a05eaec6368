import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/connection.js';
import * as initial from '../../src/store/migrations/20261128_0001_initial.js';
import * as storeRevision from '../../src/store/migrations/20261128_0002_store_revision.js';
import { OwnSchemaPostgresDialect } from '../../src/store/own-schema-dialect.js';
import { listRoundRows } from '../../src/store/rounds.repository.js';
import { DIALECTS, PG_URL, workerSchema } from '../support/store.js';

const AT = '2025-07-01T12:00:00.000Z';

describe.each(DIALECTS)('edition numbers of a store made before them (%s)', (dialect) => {
  it('numbers the existing rounds: a cancelled one keeps its row without a number, the next held is still the second', async () => {
    const dir = dialect === 'sqlite' ? mkdtempSync(join(tmpdir(), 'migrate-editions-')) : null;
    const schema = dialect === 'postgres' ? workerSchema('changes_migration') : undefined;
    const url = dir ? `sqlite:${join(dir, 'old.db')}` : PG_URL!;
    try {
      // biome-ignore lint/suspicious/noExplicitAny: the schema of an older release
      let old: Kysely<any>;
      if (dir) old = new Kysely({ dialect: new SqliteDialect({ database: new SQLite(join(dir, 'old.db')) }) });
      else {
        const admin = new pg.Client({ connectionString: url });
        await admin.connect();
        await admin.query(`drop schema if exists ${schema} cascade`);
        await admin.query(`create schema ${schema}`);
        await admin.end();
        old = new Kysely({
          // Our dialect: its migrator look is not disturbed by other runs' schemas coming and going.
          dialect: new OwnSchemaPostgresDialect({
            pool: new pg.Pool({ connectionString: url, options: `-c search_path=${schema}` }),
          }),
        });
      }
      const provider = {
        getMigrations: async () => ({
          '20261128_0001_initial': initial,
          '20261128_0002_store_revision': storeRevision,
        }),
      };
      expect(
        (await new Migrator({ db: old, provider, migrationTableSchema: schema }).migrateToLatest()).error,
      ).toBeUndefined();
      await old
        .insertInto('dialogues')
        .values({ id: 'd', name_en: 'D', name_es: 'D', definition: '{}', created_at: AT, updated_at: AT })
        .execute();
      const round = (edition: number, state: string, date: string | null) => ({
        dialogue_id: 'd',
        edition,
        year: 2023 + edition,
        host: edition % 2 ? 'MX' : 'GB',
        state,
        date,
        timezone: 'Europe/London',
        sequence: 0,
        updated_at: AT,
        updated_by: 'config',
      });
      await old
        .insertInto('rounds')
        .values([
          round(1, 'held', '2024-01-16'),
          round(2, 'cancelled', '2025-05-14'),
          round(3, 'held', '2026-05-20'),
          round(4, 'expected', null),
        ])
        .execute();
      await old.destroy();

      const store = await openStore(url, { schema });
      try {
        const rows = await listRoundRows(store.db, 'd');
        expect(rows.map((r) => [Number(r.edition), r.state, r.number === null ? null : Number(r.number)])).toEqual([
          [1, 'held', 1],
          [2, 'cancelled', null],
          [3, 'held', 2],
          [4, 'expected', 3],
        ]);
        // The new tables are there and empty.
        for (const table of ['changes', 'outbox', 'request_log'] as const)
          expect(await store.db.selectFrom(table).selectAll().execute()).toEqual([]);
      } finally {
        await store.close();
      }
    } finally {
      if (dir) rmSync(dir, { recursive: true, force: true });
    }
  });
});
