import { join } from 'node:path';
import pg from 'pg';
import { expect } from 'vitest';
import { type Core, openCore } from '../../src/core.js';
import { toCsv, toJson, toMarkdown } from '../../src/export/formats.js';
import { createLocalNotifier } from '../../src/scheduler/local-notifier.js';
import { openStore, type Store } from '../../src/store/connection.js';
import { type DialectName, PG_URL, testConfig, workerSchema } from '../support/store.js';

export const EDITOR = 'UEDITOR1';
export const ENV = { EDITORS: EDITOR, REMINDER_CHANNEL: 'C0REMIND' };
export const SEED_AT = new Date('2024-06-01T00:00:00Z');

/**
 * A store with something in every table: changes to commitments (status,
 * owners, due date, notes with accents, commas, quotes and a line break), a
 * commitment added by hand, a round scheduled, a user's language, a feed
 * subscription and reminders delivered.
 */
export async function fillStore(core: Core): Promise<void> {
  const ask = async (command: '/dialogue' | '/commitments', text: string, at: string, userId = EDITOR) => {
    const reply = await core.router.handle({ command, text, userId, channelId: null, now: new Date(at) });
    expect(reply.kind, `${command} ${text}: ${reply.summary}`).toMatch(/^(change|answer)$/);
  };
  await ask('/commitments', 'update R1-4 in-progress primer taller: “reforma”, en curso', '2024-03-01T10:00:00Z');
  await ask('/commitments', 'assign R1-6 <@UANA123> mx', '2024-04-01T10:00:00Z');
  await ask('/commitments', 'assign R1-6 <@UBOB456> uk', '2024-04-01T11:00:00Z');
  await ask('/commitments', 'due R1-6 2025-03-31', '2024-04-02T10:00:00Z');
  await ask('/commitments', 'note R1-7a draft paper shared, "v2" | see annex', '2024-05-01T10:00:00Z');
  await ask('/commitments', 'add Joint seminar on migrants’ rights, Mérida', '2024-05-02T10:00:00Z');
  await ask('/dialogue', 'schedule 2025-05-14 10:00 London', '2025-01-10T10:00:00Z');
  await ask('/dialogue', 'lang es', '2024-05-03T10:00:00Z', 'UREADER1');
  await ask('/dialogue', 'subscribe', '2024-05-03T10:00:00Z', 'UREADER1');
  const lines: string[] = [];
  const report = await core.services.reminders.runDue(
    new Date('2024-07-16T08:00:00Z'),
    createLocalNotifier({ write: (t: string) => lines.push(t) }),
  );
  expect(report.sent.length).toBeGreaterThan(0);
}

/** Everything the export verbs write, in every format. */
export async function exportAll(core: Core): Promise<string[]> {
  const data = await core.services.exports.collect(null, 'all');
  return [
    toJson(data),
    toCsv(data, 'commitments'),
    toCsv(data, 'rounds'),
    toCsv(data, 'history'),
    toMarkdown(data, 'en'),
    toMarkdown(data, 'es'),
  ];
}

export interface Fresh {
  readonly url: string;
  readonly schema: string | undefined;
  open(): Promise<Store>;
  core(): Promise<Core>;
}

/** A new, empty database: a SQLite file of its own, or a Postgres schema dropped and made anew. */
export async function freshDatabase(dialect: DialectName, dir: string, tag: string): Promise<Fresh> {
  let url: string;
  let schema: string | undefined;
  if (dialect === 'sqlite') url = `sqlite:${join(dir, `${tag}-${Math.random().toString(36).slice(2)}.db`)}`;
  else {
    url = PG_URL!;
    schema = workerSchema(tag);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`drop schema if exists ${schema} cascade`);
    } finally {
      await client.end();
    }
  }
  return {
    url,
    schema,
    open: () => openStore(url, { schema }),
    core: () =>
      openCore({
        config: testConfig({ ...ENV, DATABASE_URL: url }, dialect),
        schema,
        now: SEED_AT,
        logDestination: { write: () => {} } as never,
      }),
  };
}
