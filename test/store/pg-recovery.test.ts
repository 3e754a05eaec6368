import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApp, startApp } from '../../src/main.js';
import { findCommitmentRow } from '../../src/store/commitments.repository.js';
import { commandBody, EDITOR, eventually, NOW, postSigned, SECRET, TOKEN } from '../slack/helpers.js';
import { FakeSlack } from '../support/fake-slack.js';
import { PG_URL, testConfig } from '../support/store.js';

/**
 * The running app (HTTP mode, Postgres) while its database goes away: its
 * connections killed by the server, then the database dropped and created
 * anew. This file uses a database of its own (not a schema in the shared
 * one), so dropping it disturbs no other suite.
 */
// Deadlines, not timing goals: dropping and re-creating a database, then migrating and seeding it,
// takes well over the default 30 s when the machine is busy.
describe.skipIf(!PG_URL)('Postgres going away under the running app', { timeout: 120_000 }, () => {
  const name = `t14_recovery_${process.pid}_${process.env.VITEST_POOL_ID ?? '0'}`;
  const dbUrl = (() => {
    const u = new URL(PG_URL ?? 'postgres://x/y');
    u.pathname = `/${name}`;
    return u.toString();
  })();
  let admin: pg.Client;
  let fake: FakeSlack;
  let app: RunningApp;
  let url: string;
  let health: string;
  const logs: string[] = [];

  const adminQuery = (text: string) => admin.query(text);
  const healthStatus = async () => (await fetch(health)).status;
  /** `/commitments update <id> <status>` as an editor, through Slack's door; resolves when the store has it. */
  const update = async (id: string, to: string) => {
    const { body } = commandBody(fake, { command: '/commitments', text: `update ${id} ${to}`, user_id: EDITOR });
    expect((await postSigned(url, body)).status).toBe(200);
    await eventually(
      async () => (await findCommitmentRow(app.core.store.db, 'mexico-uk', id))?.status === to,
      `${id} ${to}`,
    );
  };
  /** What the database itself says, read on a connection of the test's own. */
  const storedStatus = async (id: string) => {
    const c = new pg.Client({ connectionString: dbUrl });
    await c.connect();
    try {
      const { rows } = await c.query('select status from commitments where dialogue_id = $1 and id = $2', [
        'mexico-uk',
        id,
      ]);
      return rows[0]?.status as string | undefined;
    } finally {
      await c.end();
    }
  };

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: PG_URL! });
    await admin.connect();
    await adminQuery(`drop database if exists ${name} with (force)`);
    await adminQuery(`create database ${name}`);
    fake = await new FakeSlack().start();
    app = await startApp({
      config: testConfig(
        {
          DATABASE_URL: dbUrl,
          SLACK_BOT_TOKEN: TOKEN,
          SLACK_SIGNING_SECRET: SECRET,
          SLACK_API_URL: fake.url,
          EDITORS: EDITOR,
          LOG_LEVEL: 'info',
        },
        'postgres',
      ),
      port: 0,
      now: NOW,
      clock: () => NOW,
      logDestination: { write: (line: string) => void logs.push(line) } as never,
    });
    url = `http://127.0.0.1:${app.port}/slack/events`;
    health = `http://127.0.0.1:${app.port}/healthz`;
  });
  afterAll(async () => {
    await app?.stop();
    await fake?.stop();
    await adminQuery(`drop database if exists ${name} with (force)`).catch(() => {});
    await admin?.end();
  });

  it('survives pg_terminate_backend of its pooled connections; the next write is stored', async () => {
    await update('R1-4', 'in-progress'); // leaves idle connections in the pool
    expect(await healthStatus()).toBe(200);
    const { rows } = await adminQuery(
      `select pg_terminate_backend(pid) as killed from pg_stat_activity where datname = '${name}' and pid <> pg_backend_pid()`,
    );
    expect(rows.length).toBeGreaterThan(0);
    // The pool heard each idle connection die (unheard, that 'error' event ended the process).
    await eventually(async () => logs.some((l) => l.includes('database connection lost')), 'the pool to notice');
    expect(await healthStatus()).toBe(200);
    await update('R1-4', 'done');
    expect(await storedStatus('R1-4')).toBe('done');
  });

  it('survives the database being dropped and created anew: /healthz 503, then 200, and a write after is stored', async () => {
    await adminQuery(`drop database ${name} with (force)`);
    await eventually(async () => (await healthStatus()) === 503, '/healthz 503', 60_000);
    const down = await (await fetch(health)).json();
    expect(down).toEqual({ ok: false, db: false, scheduler: true });
    // Still serving meanwhile: the calendar route and Slack's door answer (no crash, no hang).
    expect((await fetch(`http://127.0.0.1:${app.port}/calendar/nope.ics`)).status).toBe(404);

    await adminQuery(`create database ${name}`);
    // Found empty, it is migrated and seeded from config again, as a start would do.
    await eventually(async () => (await healthStatus()) === 200, '/healthz 200 again', 60_000);
    expect(logs.some((l) => l.includes('migrated and seeded from config again'))).toBe(true);
    expect(await storedStatus('R1-6')).toBe('not-started');
    await update('R1-6', 'in-progress');
    expect(await storedStatus('R1-6')).toBe('in-progress');
    // A deadline, not a timing goal: dropping, creating, migrating and seeding a database on a busy machine
    // with other suites on the same Postgres took over 30 s (one run in three), against 5–10 s alone.
  }, 120_000);
});
