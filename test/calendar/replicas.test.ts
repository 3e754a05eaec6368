import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCalendarRoute } from '../../src/calendar/route.js';
import type { Core } from '../../src/core.js';
import { createHttpServer, type HttpServer } from '../../src/http.js';
import { newFeedToken } from '../../src/services/feed-token.js';
import { DIALECTS, openReplicaPair } from '../support/store.js';

const T0 = new Date('2024-06-01T12:00:00Z');
const EDITOR = 'ULOCAL';
const ANA = 'UANA1';
const BEN = 'UBEN1';

/**
 * The feed route keeps what each token opens for one value of the store's
 * change count. Two cores on one store stand for two replicas (or the CLI
 * and the server on one SQLite file): whatever the other one changes, the
 * serving one's next fetch shows, because every change moves the revision
 * row read for every fetch. These tests fail if that cache outlives a change.
 */
describe.each(DIALECTS)('feeds served by one replica, changed by another (%s)', (dialect) => {
  let a: Core;
  let b: Core;
  let close: () => Promise<void>;
  let http: HttpServer;
  let base: string;

  beforeEach(async () => {
    ({ a, b, close } = await openReplicaPair(dialect, { now: T0, tag: 'feed_replicas' }));
    http = createHttpServer(
      { health: async () => ({ ok: true, db: true, scheduler: true }), calendar: createCalendarRoute(a) },
      a.logger,
    );
    base = `http://127.0.0.1:${await http.listen(0)}`;
  });
  afterEach(async () => {
    await http.close();
    await close();
  });

  const get = (token: string, headers: Record<string, string> = {}) =>
    fetch(`${base}/calendar/${token}.ics`, { headers });
  const subscribeOn = async (core: Core, user = ANA) =>
    (await core.services.feeds.subscribe(user, { lang: 'en', mine: false, dialogueId: null }, T0)).token;

  it('a token revoked by another replica answers 404 at once, exactly as an unknown token does', async () => {
    const token = await subscribeOn(b);
    const other = await subscribeOn(b, BEN);
    const first = await get(token);
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag')!;
    expect((await get(token, { 'if-none-match': etag })).status).toBe(304);
    expect((await get(other)).status).toBe(200);

    expect((await b.services.feeds.stop(ANA, { kind: 'every' }, T0)).stopped).toHaveLength(1);
    const revoked = await get(token);
    expect(revoked.status).toBe(404);
    const conditional = await get(token, { 'if-none-match': etag });
    expect(conditional.status).toBe(404);
    const unknown = await get(newFeedToken());
    expect(unknown.status).toBe(404);
    expect(await revoked.text()).toBe(await unknown.text());
    expect(await conditional.text()).toBe('not found\n');
    // Someone else's feed is untouched.
    expect((await get(other)).status).toBe(200);
  });

  it('a token rotated by another replica: the old one answers 404, the new one is served', async () => {
    const old = await subscribeOn(a);
    expect((await get(old)).status).toBe(200);
    const rotated = (await b.services.feeds.reset(ANA, { lang: 'en', mine: false, dialogueId: null }, T0)).token;
    expect((await get(old)).status).toBe(404);
    expect((await get(rotated)).status).toBe(200);
  });

  it('a change to a dialogue made by another replica shows in the next fetch: new ETag, new bytes', async () => {
    const token = await subscribeOn(a);
    const first = await get(token);
    const etag = first.headers.get('etag')!;
    const body = await first.text();
    expect((await get(token, { 'if-none-match': etag })).status).toBe(304);

    await b.services.cycle.schedule('mexico-uk', EDITOR, { date: '2025-05-14', time: '10:00', city: 'London' }, T0);
    const changed = await get(token, { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    const etag2 = changed.headers.get('etag')!;
    expect(etag2).not.toBe(etag);
    const body2 = await changed.text();
    expect(body2).not.toBe(body);
    expect(body2).toContain('DTSTART;TZID=Europe/London:20250514T100000');
    expect((await get(token, { 'if-none-match': etag2 })).status).toBe(304);

    await b.services.commitments.setDue('mexico-uk', EDITOR, 'R1-6', '2024-12-01', T0);
    const due = await get(token, { 'if-none-match': etag2 });
    expect(due.status).toBe(200);
    expect(due.headers.get('etag')).not.toBe(etag2);
    expect(await due.text()).toContain('commitment-mexico-uk-R1-6@dialogue-tracker');
  });

  // Perf guard: one revision read per batch of fetches (RevisionGate); protects feed · "feed route 200" and
  // "304" at 10 connections in bench/RESULTS.md (docs/performance.md, FeedService `gate`).
  it('perf guard: fetches of an unchanged feed in flight together share one read of the store', async () => {
    const token = await subscribeOn(a);
    const doc = await a.services.feeds.document(token, {}, T0);
    let reads = 0;
    const read = a.services.ctx.storeRevision.bind(a.services.ctx);
    a.services.ctx.storeRevision = () => {
      reads += 1;
      return read();
    };
    const docs = await Promise.all(Array.from({ length: 10 }, () => a.services.feeds.document(token, {}, T0)));
    expect(docs.every((d) => d === doc)).toBe(true);
    expect(reads).toBe(1);
    // Asked again after those were answered: read again, so a change since is seen.
    await b.services.feeds.stop(ANA, { kind: 'every' }, T0);
    expect(await a.services.feeds.document(token, {}, T0)).toBeNull();
    expect(reads).toBe(2);
  });
});
