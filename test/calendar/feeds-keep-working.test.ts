import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFeedHandler } from '../../src/calendar/route.js';
import type { Core } from '../../src/core.js';
import { createHttpServer, type HttpServer } from '../../src/http.js';
import type { Reply } from '../../src/presentation/reply.js';
import { DIALECTS, openTestCore, REPO } from '../support/store.js';
import { parseFeed } from './ics.js';

const ANA = 'UANA1';
const EDITOR = 'UEDITOR1';
const TRADE = 'mexico-uk-trade';

/** The repo's config plus a second dialogue (the same two sides, its own rounds and commitments). */
function twoDialogues(): string {
  const dir = mkdtempSync(join(tmpdir(), 'feeds-13-'));
  cpSync(join(REPO, 'config'), dir, { recursive: true });
  const uk = readFileSync(join(dir, 'dialogues/mexico-uk.yml'), 'utf8');
  const trade = uk
    .replace(/^id: mexico-uk$/m, `id: ${TRADE}`)
    .replace(/^ {2}en: Mexico–UK Multilateral and Human Rights Dialogue$/m, '  en: Mexico–UK Trade Dialogue')
    .replace(/^ {2}es: .*$/m, '  es: Diálogo Comercial México–Reino Unido');
  expect(trade).not.toBe(uk);
  writeFileSync(join(dir, `dialogues/${TRADE}.yml`), trade);
  return dir;
}

function urlOf(reply: Reply): string {
  const json = JSON.stringify(reply);
  const m = /https:\/\/[^"]+\/calendar\/[A-Za-z0-9_-]{43}\.ics(?:\?mine=1)?/.exec(json);
  if (!m) throw new Error(`no feed address in ${json}`);
  return m[0];
}

describe.each(DIALECTS)('calendar links that keep working (%s)', (dialect) => {
  let core: Core;
  let http: HttpServer;
  let base: string;
  let dir: string;
  let clock: Date;

  beforeEach(async () => {
    dir = twoDialogues();
    clock = new Date('2024-06-01T12:00:00Z');
    core = await openTestCore(dialect, {
      tag: 'feeds13',
      env: { CONFIG_DIR: dir, PUBLIC_URL: 'https://dialogue.example.org', EDITORS: EDITOR },
    });
    http = createHttpServer(
      {
        health: async () => ({ ok: true, db: true, scheduler: true }),
        calendar: createFeedHandler(core.services.feeds, () => clock),
      },
      core.logger,
    );
    base = `http://127.0.0.1:${await http.listen(0)}`;
  });
  afterEach(async () => {
    await http.close();
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = (text: string, userId = ANA) =>
    core.router.handle({ command: '/dialogue', text, userId, channelId: null, now: clock });
  const get = (url: string) => {
    const u = new URL(url);
    return fetch(`${base}${u.pathname}${u.search}`);
  };
  const live = async () =>
    (await core.store.db.selectFrom('subscriptions').select('id').where('revoked_at', 'is', null).execute()).length;

  it('subscribing twice shows the same address, and the first keeps working', async () => {
    const first = urlOf(await run('subscribe'));
    expect((await get(first)).status).toBe(200);
    const again = await run('subscribe');
    expect(urlOf(again)).toBe(first);
    expect(JSON.stringify(again)).toContain('the same as before');
    expect((await get(first)).status).toBe(200);
    // "mine" is the same feed, narrowed: the plain address still works.
    expect(urlOf(await run('subscribe mine'))).toBe(`${first}?mine=1`);
    expect((await get(first)).status).toBe(200);
    // Asking for a reset only asks: nothing changes until it is confirmed.
    const ask = await run('subscribe reset');
    expect(ask.summary).toMatch(/the current one stops working at once/);
    expect(ask.actions?.[0]).toMatchObject({ id: 'calendar.reset', confirm: { confirm: 'Reset link' } });
    expect((await get(first)).status).toBe(200);
    expect(await live()).toBe(1);
    // Confirmed: a new address, the old one stops, and it says so.
    const reset = await run('subscribe reset confirm');
    const second = urlOf(reset);
    expect(second).not.toBe(first);
    expect(JSON.stringify(reset)).toContain('The old one has stopped working');
    expect((await get(first)).status).toBe(404);
    expect((await get(second)).status).toBe(200);
    expect(urlOf(await run('subscribe'))).toBe(second);
  });

  it('two dialogues’ feeds and the all-dialogues feed coexist; a reset of one leaves the others working', async () => {
    const uk = urlOf(await run('subscribe --dialogue mexico-uk'));
    const trade = urlOf(await run(`subscribe --dialogue ${TRADE}`));
    const every = urlOf(await run('subscribe'));
    expect(new Set([uk, trade, every]).size).toBe(3);
    const uids = async (url: string) => {
      const res = await get(url);
      expect(res.status).toBe(200);
      return parseFeed(await res.text()).events.map((e) => e.uid);
    };
    const ukEvents = await uids(uk);
    const tradeEvents = await uids(trade);
    const allEvents = await uids(every);
    expect(ukEvents.length).toBeGreaterThan(0);
    expect(ukEvents.every((u) => u.includes('-mexico-uk-') && !u.includes(TRADE))).toBe(true);
    expect(tradeEvents.length).toBeGreaterThan(0);
    expect(tradeEvents.every((u) => u.includes(`-${TRADE}-`))).toBe(true);
    expect(new Set(allEvents)).toEqual(new Set([...ukEvents, ...tradeEvents]));
    // Subscribing to one again touches nothing.
    expect(urlOf(await run(`subscribe --dialogue ${TRADE}`))).toBe(trade);
    for (const url of [uk, trade, every]) expect((await get(url)).status).toBe(200);
    // Resetting the trade feed stops only that address.
    const newTrade = urlOf(await run(`subscribe reset confirm --dialogue ${TRADE}`));
    expect((await get(trade)).status).toBe(404);
    for (const url of [uk, every, newTrade]) expect((await get(url)).status).toBe(200);
  });

  it('a round with no fixed date is never an event in the past, and never looks fixed (read with ical.js)', async () => {
    const feed = urlOf(await run('subscribe'));
    // Round 2 is expected in 2025 with no date; its projected day is 16 January 2025.
    const days = ['2024-06-01', '2025-01-10', '2025-01-16', '2025-01-17', '2025-06-30', '2026-02-01', '2026-03-29'];
    for (const d of days) {
      clock = new Date(`${d}T23:30:00Z`);
      const res = await get(feed);
      expect(res.status).toBe(200);
      const events = parseFeed(await res.text()).events.filter((e) => e.uid.startsWith('round-'));
      const undated = events.filter((e) => e.summary.endsWith('— date not fixed yet'));
      expect(undated.length, d).toBeGreaterThan(0);
      for (const e of events) {
        // Whatever is said about the date, an event of a round with no fixed date is tentative and not in the past.
        if (e.status !== 'TENTATIVE') continue;
        const today = DateTime.fromJSDate(clock, { zone: 'Europe/London' }).toISODate()!;
        expect(e.summary, d).toMatch(/ — date not fixed yet$/);
        expect(e.allDay, d).toBe(true);
        expect(e.transp, d).toBe('TRANSPARENT');
        expect(e.location, d).toBeNull();
        expect(e.startDate >= today, `${d}: ${e.uid} on ${e.startDate}`).toBe(true);
      }
      const round2 = events.find((e) => e.uid === 'round-mexico-uk-2@dialogue-tracker')!;
      const today = DateTime.fromJSDate(clock, { zone: 'Europe/London' }).toISODate()!;
      expect(round2.startDate).toBe(today > '2025-01-16' ? today : '2025-01-16');
    }
    // Once a date is fixed, the same event carries it, timed, with the end it was given.
    clock = new Date('2026-03-01T09:00:00Z');
    const scheduled = await core.router.handle({
      command: '/dialogue',
      text: 'schedule 2026-03-31 10:00-17:30 London --dialogue mexico-uk',
      userId: EDITOR,
      channelId: null,
      now: clock,
    });
    expect(scheduled.summary).toContain('Round 2');
    expect(scheduled.kind).toBe('change');
    expect(scheduled.summary).toContain('Ends at 17:30.');
    const e = parseFeed(await (await get(feed)).text()).events.find(
      (x) => x.uid === 'round-mexico-uk-2@dialogue-tracker',
    )!;
    expect(e.status).toBe('CONFIRMED');
    expect(e.summary).not.toContain('date not fixed');
    expect(e.location).toBe('London');
    // 31 March 2026 is after London's clock change: BST, so 10:00–17:30 London is 09:00–16:30 UTC.
    expect(e.startUtc).toBe(Date.parse('2026-03-31T09:00:00Z'));
    expect(e.endUtc).toBe(Date.parse('2026-03-31T16:30:00Z'));
    // Without an end time: the documented default, said to the user.
    const plain = await core.router.handle({
      command: '/dialogue',
      text: 'schedule 2026-03-20 10:00 --dialogue mexico-uk',
      userId: EDITOR,
      channelId: null,
      now: clock,
    });
    expect(plain.summary).toContain('No end time given: calendars show it as 10:00–11:00 (one hour)');
    const g = parseFeed(await (await get(feed)).text()).events.find(
      (x) => x.uid === 'round-mexico-uk-2@dialogue-tracker',
    )!;
    // 20 March 2026 is before the change: GMT.
    expect(g.startUtc).toBe(Date.parse('2026-03-20T10:00:00Z'));
    expect(g.endUtc).toBe(Date.parse('2026-03-20T11:00:00Z'));
    expect(g.description).toContain('No end time was given: shown as one hour from the start.');
    const bad = await core.router.handle({
      command: '/dialogue',
      text: 'schedule 2026-03-20 17:00-10:00 --dialogue mexico-uk',
      userId: EDITOR,
      channelId: null,
      now: clock,
    });
    expect(bad.kind).toBe('usage');
    expect(bad.summary).toContain('The end (10:00) must be after the start (17:00).');
  });
});
