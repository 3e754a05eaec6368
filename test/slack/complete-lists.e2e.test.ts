import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReminderTick } from '../../src/scheduler/tick.js';
import { payloadProblems } from '../../src/slack/limits.js';
import { createSlackNotifier, reminderWebClient } from '../../src/slack/notifier.js';
import { DIALECTS } from '../support/store.js';
import {
  answerTo,
  blockActionBody,
  commandBody,
  EDITOR,
  eventBody,
  postSigned,
  type SlackHarness,
  startSlackApp,
  TOKEN,
  waitFor,
} from './helpers.js';

// biome-ignore lint/suspicious/noExplicitAny: Slack JSON is inspected freely
type Json = Record<string, any>;

const REMINDERS = 'CREMIND13';
const TOTAL = 150;
const ID = String.raw`[A-Z]\d+(?:-\d+[a-z]?)?`;

/** Section and context texts of a message or view, in order. */
function texts(payload: Json): string[] {
  const out: string[] = [];
  for (const b of payload.blocks ?? []) {
    if (b.text?.text) out.push(b.text.text);
    for (const f of b.fields ?? []) out.push(f.text);
    if (b.type === 'context') for (const e of b.elements) out.push(e.text ?? '');
  }
  return out;
}

/** IDs a list shows, one per `• ID …` line (a list item is one line: texts are flattened and clipped per item). */
function listedIds(payload: Json, line: RegExp): string[] {
  return texts(payload).flatMap((t) => [...t.matchAll(line)].map((m) => m[1]!));
}

/** Buttons of a message or view, by action_id prefix. */
function buttons(payload: Json, prefix: string): Json[] {
  return (payload.blocks ?? [])
    .filter((b: Json) => b.type === 'actions')
    .flatMap((b: Json) => b.elements)
    .filter((e: Json) => e.action_id?.startsWith(prefix));
}

function expectWithinLimits(payload: Json, surface: 'message' | 'view'): void {
  expect(payloadProblems(payload, surface)).toEqual([]);
}

describe.each(DIALECTS)('every item reachable, nothing over Slack’s limits: 150 commitments (%s)', (dialect) => {
  let h: SlackHarness;
  let all: string[];
  let open: string[];
  const at = new Date('2025-03-01T12:00:00Z');

  beforeAll(async () => {
    h = await startSlackApp(dialect, 'complete_lists', { at, env: { REMINDER_CHANNEL: REMINDERS } });
    const { commitments } = h.app.core.services;
    const seeded = (await commitments.list('mexico-uk')).length;
    for (let i = seeded; i < TOTAL; i++) {
      // Every tenth is longer than a whole Slack section, with characters mrkdwn must escape.
      const text =
        i % 10 === 0
          ? `Long undertaking ${i}: ${'cooperate & report <progress> on *all* _fronts_ '.repeat(70)}`
          : `Undertaking ${i} on cooperation`;
      await commitments.add('mexico-uk', EDITOR, text, at);
    }
    const list = await commitments.list('mexico-uk');
    for (const [i, c] of list.entries()) {
      if (i % 7 === 0) await commitments.updateStatus('mexico-uk', EDITOR, c.id, 'in-progress', null, at);
      // Overdue by the digest's Monday: listed under Overdue, and only there.
      if (i % 11 === 0) await commitments.setDue('mexico-uk', EDITOR, c.id, '2025-03-02', at);
      if (i % 13 === 5) await commitments.updateStatus('mexico-uk', EDITOR, c.id, 'done', null, at);
    }
    const final = await commitments.list('mexico-uk');
    all = final.map((c) => c.id);
    open = final.filter((c) => c.status === 'not-started' || c.status === 'in-progress').map((c) => c.id);
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it('has the data the test is about', () => {
    expect(all).toHaveLength(TOTAL);
    expect(new Set(all).size).toBe(TOTAL);
    expect(open.length).toBeGreaterThan(100);
    expect(open.length).toBeLessThan(TOTAL);
  });

  it('/commitments list all: every ID once across its pages, reached with Next ▸, each page within limits', async () => {
    const line = new RegExp(`^• (${ID}) `, 'gm');
    const cmd = commandBody(h.fake, { command: '/commitments', text: 'list all' });
    expect((await postSigned(h.url, cmd.body)).status).toBe(200);
    let page: Json = await answerTo(h.fake, cmd.method);
    const seen: string[] = [];
    const pages: Json[] = [];
    for (let n = 1; n <= 20; n++) {
      expectWithinLimits(page, 'message');
      pages.push(page);
      seen.push(...listedIds(page, line));
      const next = buttons(page, 'reply.page').find((b) => b.text.text === 'Next ▸');
      if (!next) break;
      const click = blockActionBody(h.fake, { actionId: next.action_id, value: next.value });
      expect((await postSigned(h.url, click.body)).status).toBe(200);
      page = await waitFor(() => h.fake.callsTo(click.method)[0]?.args, `page ${n + 1}`);
      expect(page.replace_original).toBe(true);
    }
    expect(pages.length).toBe(Math.ceil(TOTAL / 25));
    expect(seen).toHaveLength(TOTAL);
    expect(new Set(seen)).toEqual(new Set(all));
    // Where it stands and how to see the rest, as text too.
    expect(texts(pages[0]!).join('\n')).toContain('Page 1 of 6 · 1–25 of 150 · 125 more: /commitments list all page 2');
    // A long text is clipped on its own line, with the way to read it whole.
    expect(texts(pages[0]!).join('\n')).toMatch(/Long undertaking \d+: cooperate &amp; report &lt;progress&gt;[^\n]*…/);
    expect(texts(pages[0]!).join('\n')).toContain('/commitments show &lt;ID&gt; gives the whole text');
  });

  it('`list … page N` as text reaches the same pages, and a page past the end says how many there are', async () => {
    const { router } = h.app.core;
    const ask = (text: string) =>
      router.handle({ command: '/commitments', text, userId: EDITOR, channelId: null, now: at });
    const seen: string[] = [];
    for (let n = 1; n <= 6; n++) {
      const reply = await ask(`list all page ${n}`);
      const list = reply.blocks.find((b) => b.type === 'list');
      expect(list?.type).toBe('list');
      if (list?.type === 'list')
        for (const item of list.items) seen.push(/^(\S+)/.exec(typeof item === 'string' ? item : '')![1]!);
    }
    expect(seen.sort()).toEqual([...all].sort());
    const beyond = await ask('list all page 7');
    expect(beyond.kind).toBe('usage');
    expect(beyond.summary).toBe('There are 6 pages (asked for page 7).');
  });

  it('the weekly digest lists every open commitment once, under consistent headings, within limits', async () => {
    const notifier = createSlackNotifier(reminderWebClient({ token: TOKEN, apiUrl: h.fake.url }));
    const tick = createReminderTick(h.app.core, notifier);
    // Monday 3 March 2025, through the morning: the weekly digest goes out.
    for (let hour = 0; hour < 14; hour++) await tick(new Date(Date.UTC(2025, 2, 3, hour)));
    const digests = h.fake
      .callsTo('chat.postMessage')
      .map((c) => c.args)
      .filter((m) => m.channel === REMINDERS && String(m.text).startsWith('Weekly digest'));
    expect(digests).toHaveLength(1);
    const digest = digests[0]!;
    expectWithinLimits(digest, 'message');
    const ids = listedIds(digest, new RegExp(`^• (${ID}) — `, 'gm'));
    expect(ids).toHaveLength(open.length);
    expect(new Set(ids)).toEqual(new Set(open));
    const headings = texts(digest).filter((t) => /^\*[^*]+ \(\d+\)\*$/.test(t));
    expect(headings.map((t) => t.replace(/\(\d+\)/, '(n)'))).toEqual([
      '*Overdue (n)*',
      '*In progress (n)*',
      '*Not started (n)*',
    ]);
    // The counts add up to what is listed: nothing said that is not shown.
    const counted = headings.reduce((n, t) => n + Number(/\((\d+)\)/.exec(t)![1]), 0);
    expect(counted).toBe(open.length);
  });

  it('App Home: every ID once across its pages, reached with Next ▸, each view within limits', async () => {
    const before = h.fake.callsTo('views.publish').length;
    const opened = eventBody({ type: 'app_home_opened', user: EDITOR, channel: 'DHOME', tab: 'home' });
    await postSigned(h.url, opened, { contentType: 'application/json' });
    let view: Json = await waitFor(() => h.fake.callsTo('views.publish')[before]?.args.view, 'the Home tab');
    const row = new RegExp(String.raw`^\*(${ID})\* · `, 'gm');
    const seen: string[] = [];
    for (let n = 1; n <= 30; n++) {
      expectWithinLimits(view, 'view');
      seen.push(...listedIds(view, row));
      const next = buttons(view, 'home.page').find((b) => b.text.text === 'Next ▸');
      if (!next) break;
      const count = h.fake.callsTo('views.publish').length;
      const click = blockActionBody(h.fake, { actionId: next.action_id, value: next.value, fromHome: true });
      expect((await postSigned(h.url, click.body)).status).toBe(200);
      view = await waitFor(() => h.fake.callsTo('views.publish')[count]?.args.view, `Home page ${n + 1}`);
    }
    expect(seen).toHaveLength(TOTAL);
    expect(new Set(seen)).toEqual(new Set(all));
  });

  it('every message and view the app sent stayed within Slack’s limits', () => {
    const sent = h.fake.calls.filter((c) => c.method === 'chat.postMessage' || c.method.startsWith('response/'));
    expect(sent.length).toBeGreaterThan(5);
    for (const c of sent) expectWithinLimits(c.args, 'message');
    for (const c of h.fake.callsTo('views.publish')) expectWithinLimits(c.args.view, 'view');
  });
});
