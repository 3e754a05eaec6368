import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/core.js';
import { listAuditEvents } from '../../src/store/audit.repository.js';
import { openStore } from '../../src/store/connection.js';
import * as initial from '../../src/store/migrations/20261128_0001_initial.js';
import * as storeRevision from '../../src/store/migrations/20261128_0002_store_revision.js';
import { readStoreRevision } from '../../src/store/store-revision.repository.js';
import { DIALECTS, openTestCore } from '../support/store.js';

const EDITOR = 'ULOCAL';
const T0 = new Date('2024-06-01T12:00:00Z');

describe.each(DIALECTS)('store on %s', (dialect) => {
  let core: Core;
  beforeEach(async () => {
    core = await openTestCore(dialect, { now: T0 });
  });
  afterEach(async () => {
    await core.close();
  });

  it('seeds the dialogue, its rounds, delegates and commitments from config', async () => {
    const [dialogue] = await core.services.dialogues.list();
    expect(dialogue?.id).toBe('mexico-uk');
    expect(dialogue?.parties.map((p) => p.code)).toEqual(['MX', 'GB']);
    const rounds = await core.services.cycle.rounds('mexico-uk');
    expect(rounds.map((r) => [r.edition, r.state, r.host, r.date, r.year])).toEqual([
      [1, 'held', 'MX', '2024-01-16', 2024],
      [2, 'expected', 'GB', null, 2025],
    ]);
    const delegates = await core.services.cycle.delegates('mexico-uk', 1);
    expect(delegates).toHaveLength(9);
    expect(delegates.filter((d) => d.party === 'MX')).toHaveLength(6);
    expect(delegates.filter((d) => d.lead).map((d) => d.name)).toEqual(['Joel Hernández García', 'Freya Jackson']);
    const ids = (await core.services.commitments.list('mexico-uk')).map((c) => c.id);
    expect(ids).toEqual(['R1-4', 'R1-6', 'R1-7a', 'R1-7b', 'R1-7c', 'R1-8']);
  });

  it('does not overwrite what changed in the store when seeding again (restart)', async () => {
    await core.services.commitments.updateStatus('mexico-uk', EDITOR, 'R1-6', 'in-progress', 'kick-off held', T0);
    await core.services.cycle.schedule('mexico-uk', EDITOR, { date: '2025-05-14', time: '10:00', city: 'London' }, T0);
    const reports = await core.services.seed(new Date('2024-06-02T00:00:00Z'));
    expect(reports[0]).toMatchObject({ createdDialogue: false, addedRounds: [], addedCommitments: [] });
    expect((await core.services.commitments.get('mexico-uk', 'R1-6')).status).toBe('in-progress');
    const round2 = (await core.services.cycle.rounds('mexico-uk')).find((r) => r.edition === 2);
    expect(round2).toMatchObject({ state: 'scheduled', date: '2025-05-14', time: '10:00', city: 'London' });
  });

  it('records every change in the audit log with who, when, from and to', async () => {
    const at = new Date('2024-07-01T09:30:00Z');
    await core.services.commitments.updateStatus(
      'mexico-uk',
      EDITOR,
      'r1-7a',
      'in-progress',
      'first exchange planned',
      at,
    );
    await core.services.commitments.assign('mexico-uk', EDITOR, 'R1-7a', 'UANA1', 'mx', at);
    await core.services.commitments.setDue('mexico-uk', EDITOR, 'R1-7a', '2024-12-01', at);
    const rows = await listAuditEvents(core.store.db, 'mexico-uk', 'commitment', 'R1-7a');
    expect(rows.map((r) => [r.action, r.field, r.from_value, r.to_value, r.actor])).toEqual([
      ['seeded', null, null, null, 'config'],
      ['status', 'status', 'not-started', 'in-progress', EDITOR],
      ['assign', 'owner:MX', null, 'UANA1', EDITOR],
      ['due', 'due_date', null, '2024-12-01', EDITOR],
    ]);
    expect(rows[1]).toMatchObject({ at: at.toISOString(), note: 'first exchange planned' });
    const c = await core.services.commitments.get('mexico-uk', 'R1-7a');
    expect(c).toMatchObject({ status: 'in-progress', owners: { MX: 'UANA1' }, dueDate: '2024-12-01', sequence: 3 });
  });

  it('rolls back the whole change when a step fails (nothing half-written)', async () => {
    await expect(
      core.services.commitments.updateStatus('mexico-uk', EDITOR, 'R1-4', 'not-started', null, T0),
    ).rejects.toMatchObject({ code: 'commitment.same_status' });
    await expect(
      core.services.commitments.updateStatus('mexico-uk', 'UNOBODY', 'R1-4', 'done', null, T0),
    ).rejects.toMatchObject({
      code: 'auth.not_editor',
    });
    const rows = await listAuditEvents(core.store.db, 'mexico-uk', 'commitment', 'R1-4');
    expect(rows).toHaveLength(1);
    expect((await core.services.commitments.get('mexico-uk', 'R1-4')).status).toBe('not-started');
  });

  it('materialises a projected round when it is scheduled, and bumps its sequence on each visible change', async () => {
    await core.services.cycle.held('mexico-uk', EDITOR, '2024-05-30', T0);
    // Round 2 is now held; the next open round is the projected round 3 (Mexico, 2025).
    const change = await core.services.cycle.schedule(
      'mexico-uk',
      EDITOR,
      { date: '2025-03-10', time: null, city: null },
      T0,
    );
    expect(change.after).toMatchObject({
      edition: 3,
      host: 'MX',
      state: 'scheduled',
      sequence: 1,
      timezone: 'America/Mexico_City',
    });
    const moved = await core.services.cycle.schedule(
      'mexico-uk',
      EDITOR,
      { date: '2025-03-12', time: '09:00', city: null },
      T0,
    );
    expect(moved.after.sequence).toBe(2);
    const revisions = await core.store.db.selectFrom('dialogues').select('revision').executeTakeFirstOrThrow();
    expect(Number(revisions.revision)).toBeGreaterThanOrEqual(3);
  });

  it('keeps commitment IDs added by hand unique and increasing', async () => {
    const a = await core.services.commitments.add('mexico-uk', EDITOR, 'Share the UPR mid-term report', T0);
    const b = await core.services.commitments.add('mexico-uk', EDITOR, 'Joint side event at HRC', T0);
    expect([a.after.id, b.after.id]).toEqual(['A1', 'A2']);
  });
});

describe.runIf(DIALECTS.includes('postgres'))('two replicas on one Postgres', () => {
  it('the same change submitted to both at once applies once (double click landing on two processes)', async () => {
    const a = await openTestCore('postgres', { now: T0, tag: 'replicas' });
    // A second, independent set of services and pool on the same schema: another process, in effect.
    const { openCore } = await import('../../src/core.js');
    const { testConfig, workerSchema } = await import('../support/store.js');
    const b = await openCore({
      config: testConfig({}, 'postgres'),
      schema: workerSchema('replicas'),
      now: T0,
      logDestination: { write: () => {} } as never,
    });
    try {
      const results = await Promise.allSettled([
        a.services.commitments.updateStatus('mexico-uk', EDITOR, 'R1-4', 'done', null, T0),
        b.services.commitments.updateStatus('mexico-uk', EDITOR, 'R1-4', 'done', null, T0),
        a.services.cycle.schedule('mexico-uk', EDITOR, { date: '2025-05-14', time: null, city: null }, T0),
        b.services.cycle.schedule('mexico-uk', EDITOR, { date: '2025-05-14', time: null, city: null }, T0),
      ]);
      const [s1, s2] = results;
      expect([s1.status, s2.status].sort()).toEqual(['fulfilled', 'rejected']);
      const refused = [s1, s2].find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(refused.reason).toMatchObject({ code: 'commitment.same_status' });
      const rows = await listAuditEvents(a.store.db, 'mexico-uk', 'commitment', 'R1-4');
      expect(rows.filter((r) => r.field === 'status')).toHaveLength(1);
      expect((await a.services.commitments.get('mexico-uk', 'R1-4')).sequence).toBe(1);
      // Both schedules succeed (the second is a same-date no-op write), but round 2 moves once.
      const round2 = (await a.services.cycle.rounds('mexico-uk')).find((r) => r.edition === 2);
      expect(round2).toMatchObject({ state: 'scheduled', date: '2025-05-14', sequence: 1 });
      const roundAudit = await listAuditEvents(a.store.db, 'mexico-uk', 'round', '2');
      expect(roundAudit.filter((r) => r.field === 'date')).toHaveLength(1);
    } finally {
      await b.close();
      await a.close();
    }
  });
});

describe('migrations', () => {
  it('bring a store made before the revision row up to date, then leave a current store as it is', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'migrate-'));
    try {
      const path = join(dir, 'old.db');
      // biome-ignore lint/suspicious/noExplicitAny: the schema of an older release
      const old = new Kysely<any>({ dialect: new SqliteDialect({ database: new SQLite(path) }) });
      const provider = { getMigrations: async () => ({ '20261128_0001_initial': initial }) };
      expect((await new Migrator({ db: old, provider }).migrateToLatest()).error).toBeUndefined();
      const at = T0.toISOString();
      const dialogue = { name_en: 'A', name_es: 'A', definition: '{}', created_at: at, updated_at: at };
      await old
        .insertInto('dialogues')
        .values([
          { id: 'a', revision: 3, ...dialogue },
          { id: 'b', revision: 4, ...dialogue },
        ])
        .execute();
      await old.destroy();

      const store = await openStore(`sqlite:${path}`);
      expect(await readStoreRevision(store.db)).toBe(7); // starts from the revisions already counted
      const names = await store.db
        .selectFrom('kysely_migration' as never)
        .select('name' as never)
        .execute();
      expect(names.map((r) => (r as { name: string }).name)).toEqual([
        '20261128_0001_initial',
        '20261128_0002_store_revision',
        '20261202_0011_reminder_occurrence',
        '20261202_0012_changes',
        '20261202_0013_sources_feeds_names',
        '20261202_0015_commitment_texts',
        '20261202_0105_page_links',
      ]);
      await store.close();
      const again = await openStore(`sqlite:${path}`);
      expect(await readStoreRevision(again.db)).toBe(7);
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('re-key existing reminder deliveries to the date their round or commitment has (what was sent stays sent)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'migrate-'));
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
      const at = T0.toISOString();
      await old
        .insertInto('dialogues')
        .values({ id: 'a', revision: 1, name_en: 'A', name_es: 'A', definition: '{}', created_at: at, updated_at: at })
        .execute();
      await old
        .insertInto('rounds')
        .values({
          dialogue_id: 'a',
          edition: 2,
          year: 2025,
          host: 'GB',
          state: 'scheduled',
          date: '2025-03-12',
          time: '10:00',
          timezone: 'Europe/London',
          city: null,
          reason: null,
          host_inferred: null,
          source: null,
          sequence: 1,
          updated_at: at,
          updated_by: 'U1',
        })
        .execute();
      const row = (key: string) => ({
        key,
        dialogue_id: 'a',
        kind: key.split(':')[0],
        audience: 'channel:C1',
        due_at: '2024-12-12T09:00:00.000Z',
        status: 'sent',
        attempts: 1,
        late: 0,
        sent_at: '2024-12-12T09:00:00.000Z',
        created_at: at,
        updated_at: at,
      });
      await old
        .insertInto('reminder_deliveries')
        .values([row('round:a:2:T-90'), row('digest:a:2024-W50')])
        .execute();
      await old.destroy();

      const store = await openStore(`sqlite:${path}`);
      const keys = await store.db.selectFrom('reminder_deliveries').select(['key', 'status']).orderBy('key').execute();
      expect(keys).toEqual([
        { key: 'digest:a:2024-W50', status: 'sent' },
        { key: 'round:a:2@2025-03-12:T-90', status: 'sent' },
      ]);
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
