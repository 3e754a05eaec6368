import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFeedHandler } from '../../src/calendar/route.js';
import { type Core, openCore } from '../../src/core.js';
import { createHttpServer, type HttpServer } from '../../src/http.js';
import type { Reply } from '../../src/presentation/reply.js';
import { newFeedToken } from '../../src/services/feed-token.js';
import { createServices } from '../../src/services/index.js';
import { openStore } from '../../src/store/connection.js';
import { QueryCounter } from '../support/query-counter.js';
import { DIALECTS, type DialectName, resetStore, silentLogger, testConfig, workerSchema } from '../support/store.js';
import { parseFeed } from './ics.js';

const T0 = new Date('2024-06-01T12:00:00Z');
const EDITOR = 'ULOCAL';
const ANA = 'UANA1';
const PUBLIC_URL = 'https://dialogue.example.org';
const ROUND_2 = 'round-mexico-uk-2@dialogue-tracker';

/** A seeded core whose log lines are kept, so tests can look for secrets in them. */
async function openLoggedCore(dialect: DialectName, logs: string[]): Promise<Core> {
  const config = testConfig({ LOG_LEVEL: 'trace', PUBLIC_URL }, dialect);
  const schema = dialect === 'postgres' ? workerSchema('calendar_route') : undefined;
  if (schema) {
    const store = await openStore(config.env.databaseUrl, { schema });
    await resetStore(store);
    await store.close();
  }
  return openCore({ config, schema, now: T0, logDestination: { write: (line: string) => logs.push(line) } as never });
}

function feedUrls(reply: Reply): { https: string; webcal: string } {
  const links: string[] = [];
  for (const block of reply.blocks) {
    if (block.type !== 'fields') continue;
    for (const [, value] of block.fields)
      if (typeof value !== 'string')
        for (const part of value) if (typeof part === 'object' && 'link' in part) links.push(part.link);
  }
  const https = links.find((l) => l.startsWith('https://'));
  const webcal = links.find((l) => l.startsWith('webcal://'));
  if (!https || !webcal) throw new Error(`no feed links in ${JSON.stringify(reply)}`);
  return { https, webcal };
}

describe.each(DIALECTS)('calendar feed over HTTP on %s', (dialect) => {
  let core: Core;
  let http: HttpServer;
  let base: string;
  let logs: string[];
  let closed: boolean;

  beforeEach(async () => {
    logs = [];
    closed = false;
    core = await openLoggedCore(dialect, logs);
    // The feed's clock is the data's: a round with no fixed date is marked on its projected day while that is ahead.
    const route = createFeedHandler(core.services.feeds, () => new Date('2024-12-01T00:00:00Z'));
    http = createHttpServer(
      { health: async () => ({ ok: true, db: true, scheduler: true }), calendar: route },
      core.logger,
    );
    base = `http://127.0.0.1:${await http.listen(0)}`;
  });
  afterEach(async () => {
    await http.close();
    if (!closed) await core.close();
  });

  const run = (text: string, userId = EDITOR, now = T0, command: '/dialogue' | '/commitments' = '/dialogue') =>
    core.router.handle({ command, text, userId, channelId: null, now });

  async function subscribe(userId = ANA, text = 'subscribe') {
    const reply = await run(text, userId);
    expect(reply.kind).toBe('answer');
    return feedUrls(reply);
  }

  const get = (url: string, headers: Record<string, string> = {}, method = 'GET') => {
    const u = new URL(url);
    return fetch(`${base}${u.pathname}${u.search}`, { headers, method });
  };

  it('subscribe answers with the https and webcal addresses and a line per calendar app; looked up by hash', async () => {
    const reply = await run('subscribe', ANA);
    const { https, webcal } = feedUrls(reply);
    const m = /^https:\/\/dialogue\.example\.org\/calendar\/([A-Za-z0-9_-]{43})\.ics$/.exec(https);
    expect(m).not.toBeNull();
    const token = m![1]!;
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(webcal).toBe(`webcal://dialogue.example.org/calendar/${token}.ics`);
    const list = reply.blocks.find((b) => b.type === 'list');
    expect(list && list.type === 'list' ? list.items.join('\n') : '').toMatch(/Google[\s\S]*Outlook[\s\S]*Apple/);
    const rows = await core.store.db.selectFrom('subscriptions').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ user_id: ANA, lang: 'en', revoked_at: null, dialogue_id: null });
    expect(rows[0]!.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    // Kept so that subscribing again shows the same address (it must not break a calendar).
    expect(rows[0]!.token).toBe(token);
  });

  it('serves the feed with calendar headers, 304 while unchanged and 200 after a change', async () => {
    const { https } = await subscribe();
    const first = await get(https);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const etag = first.headers.get('etag')!;
    const lastModified = first.headers.get('last-modified')!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(new Date(lastModified).toISOString()).toBe(T0.toISOString());
    const body = await first.text();
    expect(body.endsWith('\r\n')).toBe(true);
    expect(etag).toBe(`"${createHash('sha256').update(body).digest('base64url')}"`);
    expect(parseFeed(body).events.map((e) => e.uid)).toContain(ROUND_2);

    const again = await get(https);
    expect(await again.text()).toBe(body);
    expect(again.headers.get('etag')).toBe(etag);

    const byEtag = await get(https, { 'if-none-match': etag });
    expect(byEtag.status).toBe(304);
    expect(await byEtag.text()).toBe('');
    expect(byEtag.headers.get('etag')).toBe(etag);
    // A 304 repeats the validator and the caching rules (RFC 9110 §15.4.5), nothing about a body.
    expect(byEtag.headers.get('cache-control')).toBe('private, no-cache');
    expect(byEtag.headers.get('content-type')).toBeNull();
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    expect(first.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Number(first.headers.get('content-length'))).toBe(Buffer.byteLength(body));
    expect((await get(https, { 'if-none-match': `"other", W/${etag}` })).status).toBe(304);
    expect((await get(https, { 'if-modified-since': lastModified })).status).toBe(304);
    expect((await get(https, { 'if-none-match': '"stale"', 'if-modified-since': lastModified })).status).toBe(200);

    // A change that does not show in the feed leaves the bytes, and so the ETag, as they were.
    expect(
      (await run('update R1-6 in-progress kick-off', EDITOR, new Date('2024-06-02T08:00:00Z'), '/commitments')).kind,
    ).toBe('change');
    expect((await get(https, { 'if-none-match': etag })).status).toBe(304);

    expect((await run('due R1-6 2024-12-01', EDITOR, new Date('2024-06-03T08:00:00Z'), '/commitments')).kind).toBe(
      'change',
    );
    const afterEtag = await get(https, { 'if-none-match': etag });
    expect(afterEtag.status).toBe(200);
    expect(afterEtag.headers.get('etag')).not.toBe(etag);
    expect(afterEtag.headers.get('last-modified')).toBe(new Date('2024-06-03T08:00:00Z').toUTCString());
    expect((await get(https, { 'if-modified-since': lastModified })).status).toBe(200);
  });

  it('never answers 304 to If-Modified-Since for a change in the same second as the copy the client holds', async () => {
    const { https } = await subscribe();
    let clock = new Date('2024-06-05T10:00:00.300Z');
    const timed = createHttpServer(
      {
        health: async () => ({ ok: true, db: true, scheduler: true }),
        calendar: createFeedHandler(core.services.feeds, () => clock),
      },
      core.logger,
    );
    const port = await timed.listen(0);
    try {
      const fetchAt = (headers: Record<string, string> = {}) =>
        fetch(`http://127.0.0.1:${port}${new URL(https).pathname}`, { headers });
      await run('due R1-6 2024-12-01', EDITOR, new Date('2024-06-05T10:00:00.100Z'), '/commitments');
      // Served within the second of the last change: the date given is the second before.
      const first = await fetchAt();
      const lastModified = first.headers.get('last-modified')!;
      expect(lastModified).toBe(new Date('2024-06-05T09:59:59Z').toUTCString());
      await run('due R1-6 2024-12-02', EDITOR, new Date('2024-06-05T10:00:00.800Z'), '/commitments');
      clock = new Date('2024-06-05T10:00:05Z');
      const second = await fetchAt({ 'if-modified-since': lastModified });
      expect(second.status).toBe(200);
      // Served after that second: the true date, and a 304 for it while nothing changes.
      const stable = second.headers.get('last-modified')!;
      expect(stable).toBe(new Date('2024-06-05T10:00:00Z').toUTCString());
      expect((await fetchAt({ 'if-modified-since': stable })).status).toBe(304);
      expect((await fetchAt({ 'if-modified-since': 'not a date' })).status).toBe(200);
    } finally {
      await timed.close();
    }
  });

  it('raises SEQUENCE when /dialogue schedule moves the date; the UID stays', async () => {
    const { https } = await subscribe();
    const before = parseFeed(await (await get(https)).text()).events.find((e) => e.uid === ROUND_2)!;
    expect(before).toMatchObject({ status: 'TENTATIVE', allDay: true });

    expect((await run('schedule 2025-05-14 10:00 London', EDITOR, new Date('2024-07-01T09:00:00Z'))).kind).toBe(
      'change',
    );
    const scheduled = parseFeed(await (await get(https)).text()).events.find((e) => e.uid === ROUND_2)!;
    expect(scheduled).toMatchObject({ status: 'CONFIRMED', allDay: false, tzid: 'Europe/London', location: 'London' });
    expect(scheduled.startUtc).toBe(Date.parse('2025-05-14T09:00:00Z'));
    expect(scheduled.sequence).toBeGreaterThan(before.sequence);
    expect(scheduled.dtstampRaw).toBe('20240701T090000Z');

    expect((await run('schedule 2025-11-03 10:00', EDITOR, new Date('2024-08-01T09:00:00Z'))).kind).toBe('change');
    const moved = parseFeed(await (await get(https)).text()).events.find((e) => e.uid === ROUND_2)!;
    expect(moved.startUtc).toBe(Date.parse('2025-11-03T10:00:00Z'));
    expect(moved.sequence).toBeGreaterThan(scheduled.sequence);
    expect(moved.dtstampRaw).toBe('20240801T090000Z');
  });

  it('answers 404 for revoked, rotated, unknown and malformed tokens alike', async () => {
    const first = await subscribe();
    expect((await get(first.https)).status).toBe(200);
    expect((await subscribe()).https).toBe(first.https);
    expect((await get(first.https)).status).toBe(200);
    const second = await subscribe(ANA, 'subscribe reset confirm');
    expect(second.https).not.toBe(first.https);
    const rotated = await get(first.https);
    expect(rotated.status).toBe(404);
    const notFound = await rotated.text();
    expect((await get(second.https)).status).toBe(200);

    const off = await run('unsubscribe confirm', ANA);
    expect(off.summary).toMatch(/feed is stopped/);
    const revoked = await get(second.https);
    expect(revoked.status).toBe(404);
    expect(await revoked.text()).toBe(notFound);
    expect((await run('unsubscribe confirm', ANA)).summary).toMatch(/Nothing left to stop/);

    for (const path of [`/calendar/${newFeedToken()}.ics`, '/calendar/short.ics', '/calendar/', '/calendar/x/y.ics']) {
      const res = await fetch(`${base}${path}`);
      expect(res.status).toBe(404);
      expect(await res.text()).toBe(notFound);
    }
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const { https } = await subscribe();
    const head = await get(https, {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(Number(head.headers.get('content-length'))).toBeGreaterThan(100);
    expect(await head.text()).toBe('');
    const post = await get(https, {}, 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('narrows to the subscriber’s own commitments with ?mine=1 or “subscribe mine”', async () => {
    await run('due R1-6 2024-12-01', EDITOR, T0, '/commitments');
    await run('due R1-8 2025-02-01', EDITOR, T0, '/commitments');
    await run(`assign R1-8 <@${ANA}> mx`, EDITOR, T0, '/commitments');
    const deadlines = async (url: string) =>
      parseFeed(await (await get(url)).text())
        .events.map((e) => e.uid)
        .filter((u) => u.startsWith('commitment-'));
    const all = await subscribe();
    expect(await deadlines(all.https)).toEqual([
      'commitment-mexico-uk-R1-6@dialogue-tracker',
      'commitment-mexico-uk-R1-8@dialogue-tracker',
    ]);
    expect(await deadlines(`${all.https}?mine=1`)).toEqual(['commitment-mexico-uk-R1-8@dialogue-tracker']);
    const mine = await subscribe(ANA, 'subscribe mine');
    expect(await deadlines(mine.https)).toEqual(['commitment-mexico-uk-R1-8@dialogue-tracker']);
    expect((await run('subscribe everything', ANA)).kind).toBe('usage');
  });

  it('covers one dialogue when subscribing with --dialogue, every dialogue otherwise', async () => {
    const one = await subscribe(ANA, 'subscribe --dialogue mexico-uk');
    const rows = await core.store.db.selectFrom('subscriptions').select(['dialogue_id', 'revoked_at']).execute();
    expect(rows.find((r) => r.revoked_at === null)?.dialogue_id).toBe('mexico-uk');
    const feed = parseFeed(await (await get(one.https)).text());
    expect(feed.props.NAME).toBe('Mexico–UK Multilateral and Human Rights Dialogue');
    expect((await run('subscribe --dialogue nowhere', ANA)).kind).toBe('error');
  });

  it('renders the feed in the language the subscriber uses', async () => {
    await run('lang es', ANA);
    const reply = await run('subscribe', ANA);
    expect(reply.summary).toMatch(/^Su calendario privado/);
    const feed = parseFeed(await (await get(feedUrls(reply).https)).text());
    const e = feed.events.find((x) => x.uid === ROUND_2)!;
    expect(e.summary).toContain('Ronda 2');
    expect(e.summary).toContain('— fecha aún sin fijar');
  });

  // Perf guard: an unchanged feed costs one query (the revision) and no render; protects feed · "feed route 200"
  // and "304" in bench/RESULTS.md (FeedService tokens and cache, docs/performance.md).
  it('perf guard: serves an unchanged feed with one query and no rendering; a change elsewhere is seen at once', async () => {
    const counter = new QueryCounter();
    // A second set of services over the same database, as another process would have.
    const services = createServices(counter.wrap(core.store), core.config, silentLogger);
    const sub = await services.feeds.subscribe(ANA, { lang: 'en', mine: false, dialogueId: null }, T0);
    counter.count = 0;
    const first = await services.feeds.document(sub.token, {}, T0);
    expect(counter.count).toBeGreaterThan(1);
    counter.count = 0;
    const second = await services.feeds.document(sub.token, {}, T0);
    expect(counter.count).toBe(1);
    expect(second).toBe(first);

    await core.services.cycle.schedule('mexico-uk', EDITOR, { date: '2025-05-14', time: '10:00', city: null }, T0);
    counter.count = 0;
    const third = await services.feeds.document(sub.token, {}, T0);
    expect(counter.count).toBeGreaterThan(1);
    expect(third!.etag).not.toBe(first!.etag);
    expect(third!.body.toString()).toContain('DTSTART;TZID=Europe/London:20250514T100000');
  });

  it('keeps feed tokens out of the logs, also when a request fails', async () => {
    const { https } = await subscribe();
    const token = /\/calendar\/([^/]+)\.ics$/.exec(https)![1]!;
    expect((await get(https)).status).toBe(200);
    await run('unsubscribe confirm', ANA);
    expect((await get(https)).status).toBe(404);
    const { https: next } = await subscribe();
    const nextToken = /\/calendar\/([^/]+)\.ics$/.exec(next)![1]!;
    await core.close();
    closed = true;
    expect((await get(next)).status).toBe(500);
    const text = logs.join('');
    expect(text).toContain('feed subscribed');
    expect(text).toContain('request failed');
    expect(text).toContain('/calendar/[redacted]');
    expect(text).not.toContain(token);
    expect(text).not.toContain(nextToken);
  });
});
