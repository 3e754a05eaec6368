import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { payloadProblems } from '../../src/slack/limits.js';
import { DIALECTS, REPO } from '../support/store.js';
import {
  answerTo,
  commandBody,
  EDITOR,
  NOW,
  postSigned,
  READER,
  type SlackHarness,
  startSlackApp,
  waitFor,
} from './helpers.js';

// biome-ignore lint/suspicious/noExplicitAny: Slack JSON is inspected freely
type Json = Record<string, any>;

/** A Slack Connect channel (shared with the other ministry), and a channel of one ministry only. */
const SHARED = 'CSHARED1';
const PLAIN = 'CPLAIN1';

const EN_NAME = 'Mexico–UK Multilateral and Human Rights Dialogue';
const ES_NAME = 'Diálogo sobre Asuntos Multilaterales y Derechos Humanos México–Reino Unido';

/** Messages the bot posted in a channel, oldest first. */
function postsIn(h: SlackHarness, channel: string): Json[] {
  return h.fake
    .callsTo('chat.postMessage')
    .map((c) => c.args)
    .filter((m) => m.channel === channel);
}

/** The Slack JSON of a message: every text it shows. */
const shown = (m: Json) => JSON.stringify(m.blocks ?? []);

/** A message carries both languages: each version's words, a divider between, within Slack's limits. */
function expectBoth(m: Json, en: RegExp, es: RegExp): void {
  expect(shown(m)).toMatch(en);
  expect(shown(m)).toMatch(es);
  expect((m.blocks as Json[]).some((b) => b.type === 'divider')).toBe(true);
  // English (the app's language) first, then Spanish.
  expect(shown(m).search(en)).toBeLessThan(shown(m).search(es));
  expect(payloadProblems(m, 'message')).toEqual([]);
}

function expectOnlyEnglish(m: Json, en: RegExp, es: RegExp): void {
  expect(shown(m)).toMatch(en);
  expect(shown(m)).not.toMatch(es);
  expect((m.blocks as Json[]).some((b) => b.type === 'divider')).toBe(false);
}

/** Runs the scheduler's pass every hour of a day (UTC), as the cron tick would. */
async function tickThrough(h: SlackHarness, day: string, hours = 14): Promise<void> {
  for (let hour = 0; hour < hours; hour++)
    await h.app.runTick(new Date(`${day}T${String(hour).padStart(2, '0')}:00:00Z`));
}

async function command(h: SlackHarness, command: string, text: string, channel: string, user = EDITOR) {
  const { body, method } = commandBody(h.fake, { command, text, channel_id: channel, user_id: user });
  await postSigned(h.url, body);
  return answerTo(h.fake, method);
}

describe.each(DIALECTS)('a channel shared by both delegations speaks both languages (%s)', (dialect) => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackApp(dialect, 'bilingual_connect', { env: { REMINDER_CHANNEL: SHARED } });
    h.fake.on('conversations.info', (args) => ({
      body: { ok: true, channel: { id: args.channel, is_ext_shared: args.channel === SHARED, is_shared: false } },
    }));
  });
  afterAll(async () => {
    await h.close();
  });

  it('announces a change in a Slack Connect channel in English and Spanish, in one message', async () => {
    await command(h, '/commitments', 'update R1-4 in-progress', SHARED);
    await h.app.idle();
    const posted = await waitFor(() => postsIn(h, SHARED)[0], 'the announcement');
    expectBoth(posted, /not started → in progress/, /sin iniciar → en curso/);
    expect(postsIn(h, SHARED)).toHaveLength(1);
    expect(h.fake.callsTo('conversations.info').filter((c) => c.args.channel === SHARED)).toHaveLength(1);
  });

  it('asks Slack about a channel once, then remembers', async () => {
    await command(h, '/commitments', 'note R1-4 first meeting held', SHARED);
    await command(h, '/commitments', 'lista', SHARED, READER);
    await h.app.idle();
    expect(h.fake.callsTo('conversations.info').filter((c) => c.args.channel === SHARED)).toHaveLength(1);
    expectBoth(postsIn(h, SHARED)[1]!, /R1-4: note added|note/i, /nota/i);
  });

  it('announces in a channel of one ministry in its own language only', async () => {
    await command(h, '/commitments', 'update R1-6 in-progress', PLAIN);
    await h.app.idle();
    const posted = await waitFor(() => postsIn(h, PLAIN)[0], 'the announcement');
    expectOnlyEnglish(posted, /not started → in progress/, /en curso/);
  });

  it('posts a round reminder and the weekly digest in both languages there', async () => {
    await command(h, '/dialogue', 'schedule 2025-04-09 10:00 London', SHARED);
    await h.app.idle();
    // Monday 3 March 2025: the weekly digest.
    await tickThrough(h, '2025-03-03');
    const digest = postsIn(h, SHARED).find((m) => String(m.text).startsWith('Weekly digest'));
    expect(digest).toBeDefined();
    expectBoth(digest!, /Weekly digest/, /Resumen semanal/);
    expect(shown(digest!)).toContain(EN_NAME);
    expect(shown(digest!)).toContain(ES_NAME);
    // Buttons once, labelled in both languages where they fit.
    const labels = (digest!.blocks as Json[])
      .filter((b) => b.type === 'actions')
      .flatMap((b) => b.elements)
      .map((e: Json) => e.text.text as string);
    expect(new Set(labels).size).toBe(labels.length);
    // 10 March, 09:00 London: 30 days before the round.
    await h.app.runTick(new Date('2025-03-10T09:00:00Z'));
    const reminder = postsIn(h, SHARED).find((m) => String(m.text).startsWith('Reminder: round 2'));
    expect(reminder).toBeDefined();
    expectBoth(reminder!, /Reminder: round 2/, /Recordatorio: ronda 2/);
    expect(shown(reminder!)).toMatch(/London/);
    expect(shown(reminder!)).toMatch(/Londres/);
  });

  it('moved to a channel of one ministry, reminders and digests come in its language only', async () => {
    await command(h, '/dialogue', 'remind-here', PLAIN);
    await h.app.idle();
    await tickThrough(h, '2025-03-17');
    const digest = postsIn(h, PLAIN).find((m) => String(m.text).startsWith('Weekly digest'));
    expect(digest).toBeDefined();
    expectOnlyEnglish(digest!, /Weekly digest/, /Resumen semanal/);
    // 26 March, 09:00 London: 14 days before the round.
    await h.app.runTick(new Date('2025-03-26T09:00:00Z'));
    const reminder = postsIn(h, PLAIN).find((m) => String(m.text).startsWith('Reminder: round 2'));
    expect(reminder).toBeDefined();
    expectOnlyEnglish(reminder!, /Reminder: round 2/, /Recordatorio/);
  });
});

describe.each(DIALECTS)('a dialogue marked bilingual in config (%s)', (dialect) => {
  let h: SlackHarness;
  let dir: string;
  beforeAll(async () => {
    // The repo's own config, with `bilingual: true` in the dialogue's file.
    dir = mkdtempSync(join(tmpdir(), 'bilingual-config-'));
    cpSync(join(REPO, 'config'), dir, { recursive: true });
    const file = join(dir, 'dialogues', 'mexico-uk.yml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^bilingual: false$/m, 'bilingual: true'));
    h = await startSlackApp(dialect, 'bilingual_config', { env: { CONFIG_DIR: dir, REMINDER_CHANNEL: PLAIN } });
    // Slack cannot say (no channels:read): config alone makes the channel bilingual.
    h.fake.on('conversations.info', () => ({ body: { ok: false, error: 'missing_scope' } }));
  });
  afterAll(async () => {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('posts announcements and the digest in both languages, Slack asked nothing it need not be', async () => {
    await command(h, '/commitments', 'update R1-4 in-progress', PLAIN);
    await h.app.idle();
    expectBoth(await waitFor(() => postsIn(h, PLAIN)[0], 'the announcement'), /in progress/, /en curso/);
    await tickThrough(h, '2025-03-03');
    const digest = postsIn(h, PLAIN).find((m) => String(m.text).startsWith('Weekly digest'));
    expect(digest).toBeDefined();
    expectBoth(digest!, /Weekly digest/, /Resumen semanal/);
  });
});

describe.each(DIALECTS)('a user Slack will not describe (%s)', (dialect) => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackApp(dialect, 'bilingual_users_info', { at: NOW });
  });
  afterAll(async () => {
    await h.close();
  });

  it('is looked up once within the while, and still answered — in the ack from the second command on', async () => {
    const external = 'UEXTERNAL9';
    h.fake.on('users.info', (args) =>
      args.user === external ? { body: { ok: false, error: 'user_not_visible' } } : undefined,
    );
    const first = await command(h, '/dialogue', 'next', 'CDIALOGUE', external);
    expect(String(first.text)).toContain('round 2');
    for (let i = 0; i < 3; i++) {
      const { body, method } = commandBody(h.fake, { text: 'cycle', user_id: external });
      const res = await postSigned(h.url, body);
      // Answered in the ack itself: no second request to the response URL.
      const inAck = await res.text();
      expect(inAck, `command ${i + 2}`).toContain('Round 2');
      await h.app.idle();
      expect(h.fake.callsTo(method)).toHaveLength(0);
    }
    expect(h.fake.callsTo('users.info').filter((c) => c.args.user === external)).toHaveLength(1);
  });
});
