import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { hashFeedToken, newFeedToken } from '../../src/services/feed-token.js';
import { openStore } from '../../src/store/connection.js';
import * as initial from '../../src/store/migrations/20261128_0001_initial.js';
import * as storeRevision from '../../src/store/migrations/20261128_0002_store_revision.js';
import { DIALECTS, openTestCore } from '../support/store.js';

const AT = '2025-01-01T00:00:00.000Z';
const SOURCE = { url: 'https://example.org/first', title: 'First joint statement' };

describe('migration 0013: existing data keeps its meaning', () => {
  it('gives imported and seeded commitments their statement back, and hand-added ones their author', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'migrate13-'));
    try {
      const path = join(dir, 'old.db');
      // biome-ignore lint/suspicious/noExplicitAny: the schema of an older release
      const old = new Kysely<any>({ dialect: new SqliteDialect({ database: new SQLite(path) }) });
      const provider = {
        getMigrations: async () => ({
          '20261128_0001_initial': initial,
          '20261128_0002_store_revision': storeRevision,
        }),
      };
      expect((await new Migrator({ db: old, provider }).migrateToLatest()).error).toBeUndefined();
      await old
        .insertInto('dialogues')
        .values({
          id: 'd',
          name_en: 'D',
          name_es: 'D',
          definition: JSON.stringify({ source: SOURCE }),
          revision: 1,
          created_at: AT,
          updated_at: AT,
        })
        .execute();
      const row = (id: string, edition: number | null) => ({
        dialogue_id: 'd',
        id,
        edition,
        paragraph: null,
        theme: 'general',
        text: id,
        status: 'not-started',
        owners: '{}',
        sequence: 0,
        created_at: AT,
        updated_at: AT,
      });
      await old
        .insertInto('commitments')
        .values([row('R1-4', 1), row('R2-8a', 2), row('A1', null)])
        .execute();
      const audit = (entityId: string, action: string, actor: string, note: string | null) => ({
        dialogue_id: 'd',
        entity: 'commitment',
        entity_id: entityId,
        at: AT,
        actor,
        action,
        note,
      });
      await old
        .insertInto('audit_events')
        .values([
          audit('R1-4', 'seeded', 'config', null),
          audit('R2-8a', 'created', 'UEDITOR1', 'joint statement: Second joint statement'),
          audit('A1', 'created', 'UANA1', null),
        ])
        .execute();
      await old.destroy();

      const store = await openStore(`sqlite:${path}`);
      const rows = await store.db
        .selectFrom('commitments')
        .select(['id', 'source_title', 'source_url', 'created_by'])
        .orderBy('id')
        .execute();
      expect(rows).toEqual([
        { id: 'A1', source_title: null, source_url: null, created_by: 'UANA1' },
        { id: 'R1-4', source_title: SOURCE.title, source_url: SOURCE.url, created_by: null },
        // Imported from round 2's statement: its own title, never round 1's.
        { id: 'R2-8a', source_title: 'Second joint statement', source_url: null, created_by: null },
      ]);
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.each(DIALECTS)('a feed made before addresses were kept (%s)', (dialect) => {
  it('keeps working; subscribing makes a second address beside it and says so; reset stops both', async () => {
    const core = await openTestCore(dialect, { tag: 'migrate13' });
    try {
      const old = newFeedToken();
      await core.store.db
        .insertInto('subscriptions')
        .values({
          user_id: 'UANA1',
          dialogue_id: null,
          token_hash: hashFeedToken(old),
          token: null,
          mine: 0,
          lang: 'en',
          created_at: AT,
          revoked_at: null,
        })
        .execute();
      const now = new Date('2025-03-01T12:00:00Z');
      expect(await core.services.feeds.document(old, {}, now)).not.toBeNull();
      const options = { lang: 'en' as const, mine: false, dialogueId: null };
      const sub = await core.services.feeds.subscribe('UANA1', options, now);
      expect(sub).toMatchObject({ outcome: 'created', legacyKept: true });
      expect(await core.services.feeds.document(old, {}, now)).not.toBeNull();
      // From now on, the same address.
      expect((await core.services.feeds.subscribe('UANA1', options, now)).token).toBe(sub.token);
      const reset = await core.services.feeds.reset('UANA1', options, now);
      expect(reset.revoked).toBe(2);
      expect(await core.services.feeds.document(old, {}, now)).toBeNull();
      expect(await core.services.feeds.document(sub.token, {}, now)).toBeNull();
      expect(await core.services.feeds.document(reset.token, {}, now)).not.toBeNull();
    } finally {
      await core.close();
    }
  });
});
