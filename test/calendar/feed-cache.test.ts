import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/core.js';
import { newFeedToken } from '../../src/services/feed-token.js';
import { TOKENS_KEPT } from '../../src/services/feeds.service.js';
import { createServices, type Services } from '../../src/services/index.js';
import { QueryCounter } from '../support/query-counter.js';
import { openTestCore, silentLogger } from '../support/store.js';

const T0 = new Date('2024-06-01T12:00:00Z');

/**
 * Perf guards: each fetch is counted in queries. They protect feed · "feed route 200" and "304" in
 * bench/RESULTS.md (FeedService `tokens`, docs/performance.md), and that guessing tokens cannot fill the map.
 */
describe('perf guard: what a feed token opens, kept per store revision', () => {
  let core: Core;
  let services: Services;
  const counter = new QueryCounter();

  beforeEach(async () => {
    core = await openTestCore('sqlite', { now: T0 });
    services = createServices(counter.wrap(core.store), core.config, silentLogger);
  });
  afterEach(async () => {
    await core.close();
  });

  const queriesFor = async (token: string) => {
    counter.count = 0;
    const doc = await services.feeds.document(token, {}, T0);
    return { doc, queries: counter.count };
  };

  it(`keeps at most ${TOKENS_KEPT} tokens: the oldest is looked up again, the newest is not`, async () => {
    const tokens: string[] = [];
    for (let i = 0; i <= TOKENS_KEPT; i++) {
      const sub = await services.feeds.subscribe(`U${i}`, { lang: 'en', mine: false, dialogueId: null }, T0);
      tokens.push(sub.token);
    }
    for (const token of tokens) expect((await services.feeds.document(token, {}, T0))?.body.length).toBeGreaterThan(0);
    // The newest: the revision read only. The oldest was pushed out: revision read and lookup.
    expect((await queriesFor(tokens[TOKENS_KEPT]!)).queries).toBe(1);
    const oldest = await queriesFor(tokens[0]!);
    expect(oldest.doc).not.toBeNull();
    expect(oldest.queries).toBe(2);
    expect((await queriesFor(tokens[0]!)).queries).toBe(1);
  });

  it('never remembers an unknown token: each fetch looks it up, and it opens nothing', async () => {
    const unknown = newFeedToken();
    for (let i = 0; i < 3; i++) expect(await queriesFor(unknown)).toEqual({ doc: null, queries: 2 });
    // A malformed one costs no query at all.
    expect(await queriesFor('short')).toEqual({ doc: null, queries: 0 });
  });

  it('keeps the feed as subscribed and the ?mine=1 one apart, both without a query of their own', async () => {
    const { token } = await services.feeds.subscribe('UANA1', { lang: 'en', mine: false, dialogueId: null }, T0);
    const all = await services.feeds.document(token, {}, T0);
    const mine = await services.feeds.document(token, { mine: true }, T0);
    expect(mine).not.toBe(all);
    counter.count = 0;
    expect(await services.feeds.document(token, { mine: true }, T0)).toBe(mine);
    expect(await services.feeds.document(token, {}, T0)).toBe(all);
    expect(counter.count).toBe(2);
  });
});
