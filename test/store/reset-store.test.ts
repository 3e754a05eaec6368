import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/core.js';
import { openStore, type Store } from '../../src/store/connection.js';
import { type CellValue, countRows, listTables, readRows } from '../../src/store/tables.repository.js';
import { upsertUserName } from '../../src/store/users.repository.js';
import { DIALECTS, openTestCore, resetStore } from '../support/store.js';

const T0 = new Date('2024-06-01T12:00:00Z');
const EDITOR = 'ULOCAL';
const ANA = 'UANA1';

/** Every row of every data table, by table. */
async function contents(store: Store): Promise<Record<string, CellValue[][]>> {
  const out: Record<string, CellValue[][]> = {};
  for (const table of await listTables(store.db, store.dialect)) out[table.name] = await readRows(store.db, table);
  return out;
}

async function nonEmpty(store: Store): Promise<string[]> {
  const out: string[] = [];
  for (const { name } of await listTables(store.db, store.dialect))
    if ((await countRows(store.db, name)) > 0) out.push(name);
  return out;
}

describe.each(DIALECTS)('resetStore (test support) on %s', (dialect) => {
  let core: Core;
  let fresh: Store;
  beforeEach(async () => {
    core = await openTestCore(dialect, { now: T0, tag: 'reset_store' });
    fresh = await openStore('sqlite::memory:');
  });
  afterEach(async () => {
    await core.close();
    await fresh.close();
  });

  it('leaves no table holding anything a newly migrated store does not: every table, read from the schema', async () => {
    // Rows in as many tables as the app writes to, user_names among them.
    const run = (text: string, userId = EDITOR, command: '/dialogue' | '/commitments' = '/dialogue') =>
      core.router.handle({ command, text, userId, channelId: null, now: T0 });
    await run('lang es', ANA);
    await run('subscribe', ANA);
    await run('page', ANA);
    await run('due R1-6 2024-12-01', EDITOR, '/commitments');
    await upsertUserName(core.store.db, ANA, 'Ana', T0.toISOString());
    const filled = await nonEmpty(core.store);
    expect(filled).toEqual(
      expect.arrayContaining([
        'user_names',
        'user_prefs',
        'subscriptions',
        'page_links',
        'changes',
        'audit_events',
        'commitments',
        'rounds',
        'delegates',
        'dialogues',
        'store_revision',
      ]),
    );

    await resetStore(core.store);

    const after = await contents(core.store);
    const expected = await contents(fresh);
    // The same tables (the check covers every one the schema has), holding the same rows.
    expect(Object.keys(after).sort()).toEqual(Object.keys(expected).sort());
    const survived = Object.keys(after).filter((t) => JSON.stringify(after[t]) !== JSON.stringify(expected[t]));
    expect(survived, 'tables holding rows a new store does not have after resetStore').toEqual([]);
    // Only the store revision's row is left, as a migration writes it.
    expect(await nonEmpty(core.store)).toEqual(['store_revision']);
    expect(after.store_revision).toEqual([[1, 0]]);
  });
});
