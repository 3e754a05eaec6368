import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderText } from '../../src/presentation/reply.js';
import { payloadProblems } from '../../src/slack/limits.js';
import { DIALECTS } from '../support/store.js';
import {
  answerTo,
  blockActionBody,
  commandBody,
  EDITOR,
  postSigned,
  READER,
  type SlackHarness,
  startSlackApp,
  waitFor,
} from './helpers.js';

// biome-ignore lint/suspicious/noExplicitAny: Slack JSON is inspected freely
type Json = Record<string, any>;

const CHANNEL_ID = 'CREMINDPG';
/** Commitments due inside the look-ahead: each gives three channel reminders (14, 7 and 1 days before). */
const DUE = 40;

/** The `• …` lines of a message's sections, in order. */
function lines(payload: Json): string[] {
  return (payload.blocks ?? [])
    .filter((b: Json) => b.type === 'section' && typeof b.text?.text === 'string')
    .flatMap((b: Json) => (b.text.text as string).split('\n'))
    .filter((l: string) => l.startsWith('• '));
}

function contexts(payload: Json): string {
  return (payload.blocks ?? [])
    .filter((b: Json) => b.type === 'context')
    .flatMap((b: Json) => b.elements.map((e: Json) => e.text))
    .join('\n');
}

function pageButton(payload: Json, label: string): Json | undefined {
  return (payload.blocks ?? [])
    .filter((b: Json) => b.type === 'actions')
    .flatMap((b: Json) => b.elements)
    .find((e: Json) => e.action_id?.startsWith('reply.page') && e.text.text === label);
}

describe.each(DIALECTS)('/dialogue reminders pages instead of stopping (%s)', (dialect) => {
  let h: SlackHarness;
  let ids: string[];
  const at = new Date('2025-03-01T12:00:00Z');

  beforeAll(async () => {
    h = await startSlackApp(dialect, 'reminders_paging', { at, env: { REMINDER_CHANNEL: CHANNEL_ID } });
    const { commitments, users } = h.app.core.services;
    ids = [];
    for (let i = 0; i < DUE; i++) {
      const c = await commitments.add('mexico-uk', EDITOR, `Undertaking ${i} due this month`, at);
      await commitments.setDue('mexico-uk', EDITOR, c.after.id, '2025-03-25', at);
      ids.push(c.after.id);
    }
    await users.setLang(READER, 'es', at);
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  /** Runs `/dialogue <text>` as `user` and follows the button labelled `next` to the end. */
  async function readAllPages(user: string, text: string, next: string): Promise<Json[]> {
    const cmd = commandBody(h.fake, { command: '/dialogue', text, user_id: user });
    expect((await postSigned(h.url, cmd.body)).status).toBe(200);
    let page: Json = await answerTo(h.fake, cmd.method);
    const pages: Json[] = [];
    for (let n = 1; n <= 20; n++) {
      expect(payloadProblems(page, 'message')).toEqual([]);
      pages.push(page);
      const button = pageButton(page, next);
      if (!button) break;
      const click = blockActionBody(h.fake, { actionId: button.action_id, value: button.value, user });
      expect((await postSigned(h.url, click.body)).status).toBe(200);
      page = await waitFor(() => h.fake.callsTo(click.method)[0]?.args, `page ${n + 1}`, 30_000);
      expect(page.replace_original).toBe(true);
    }
    return pages;
  }

  it('Next ▸ reaches every reminder once, each page within Slack’s limits, the rest said as text', async () => {
    const pages = await readAllPages(EDITOR, 'reminders', 'Next ▸');
    const seen = pages.flatMap(lines);
    // Every line once, and the count the pager states is the count shown.
    expect(new Set(seen).size).toBe(seen.length);
    const total = Number(/Page 1 of \d+ · 1–25 of (\d+)/.exec(contexts(pages[0]!))![1]);
    expect(seen).toHaveLength(total);
    expect(pages).toHaveLength(Math.ceil(total / 25));
    expect(pages.length).toBeGreaterThan(4);
    // Each commitment's three reminders (14, 7 and 1 days before it is due), none missing.
    for (const id of ids) expect(seen.filter((l) => l.includes(`Commitment ${id} is due soon`))).toHaveLength(3);
    expect(seen.some((l) => l.includes('Weekly digest'))).toBe(true);
    // Where it stands and how to reach the rest, typed.
    expect(contexts(pages[0]!)).toContain(
      `Page 1 of ${pages.length} · 1–25 of ${total} · ${total - 25} more: /dialogue reminders page 2`,
    );
    // The last page has only ◂ Previous, and going back gives page before last.
    const last = pages.at(-1)!;
    expect(pageButton(last, 'Next ▸')).toBeUndefined();
    const previous = pageButton(last, '◂ Previous')!;
    const click = blockActionBody(h.fake, { actionId: previous.action_id, value: previous.value });
    await postSigned(h.url, click.body);
    const back: Json = await waitFor(() => h.fake.callsTo(click.method)[0]?.args, 'the page before last', 30_000);
    expect(lines(back)).toEqual(lines(pages.at(-2)!));
  });

  it('keeps the look-ahead asked for, in Spanish too', async () => {
    const pages = await readAllPages(READER, 'reminders 60', 'Siguiente ▸');
    const seen = pages.flatMap(lines);
    expect(new Set(seen).size).toBe(seen.length);
    const m = /Página 1 de (\d+) · 1–25 de (\d+) · (\d+) más: \/dialogue reminders 60 page 2/.exec(contexts(pages[0]!));
    expect(m).not.toBeNull();
    expect(seen).toHaveLength(Number(m![2]));
    expect(pages).toHaveLength(Number(m![1]));
    for (const id of ids) expect(seen.filter((l) => new RegExp(String.raw`\b${id}\b`).test(l))).toHaveLength(3);
  });

  it('`reminders [days] page N` as text gives the same pages; past the end it says how many there are', async () => {
    const ask = (text: string) =>
      h.app.core.router.handle({ command: '/dialogue', text, userId: EDITOR, channelId: null, now: at });
    const first = renderText(await ask('reminders 30 page 1'));
    const plain = renderText(await ask('reminders'));
    expect(first.split('\n').filter((l) => l.startsWith('• '))).toEqual(
      plain.split('\n').filter((l) => l.startsWith('• ')),
    );
    const beyond = await ask('reminders page 99');
    expect(beyond.kind).toBe('usage');
    expect(beyond.summary).toMatch(/^There are \d+ pages \(asked for page 99\)\.$/);
    expect((await ask('reminders 30 40')).kind).toBe('usage');
  });
});
