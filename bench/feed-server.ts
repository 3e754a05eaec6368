/**
 * A server for the feed bench, run in its own process by bench/feed.ts:
 *   app <DATABASE_URL> <cwd>   the real thing: openCore + createHttpServer + createCalendarRoute
 *   plain <file> <etag>        a plain node:http server answering the same bytes (and 304 for its ETag)
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createCalendarRoute } from '../src/calendar/route.js';
import { openCore } from '../src/core.js';
import { createHttpServer } from '../src/http.js';
import { serve } from './serve.js';

const [mode, a, b] = process.argv.slice(2);
const REPO = new URL('..', import.meta.url).pathname;
const EDITOR = 'ULOCAL';
const USER = 'UBENCH1';

if (mode === 'app') {
  const now = new Date('2024-06-01T12:00:00Z');
  const core = await openCore({
    env: { DATABASE_URL: a!, CONFIG_DIR: `${REPO}config`, LOG_LEVEL: 'warn', PUBLIC_URL: 'http://127.0.0.1' },
    cwd: b!,
    now,
  });
  // A feed as people will have it: the next round fixed, deadlines and owners on the commitments.
  const { cycle, commitments, feeds } = core.services;
  const d = 'mexico-uk';
  await cycle.schedule(d, EDITOR, { date: '2025-05-14', time: '10:00', city: 'London' }, now);
  const all = await commitments.list(d);
  for (const [i, c] of all.entries()) {
    await commitments.setDue(d, EDITOR, c.id, `2025-0${1 + (i % 9)}-15`, now);
    await commitments.assign(d, EDITOR, c.id, i % 2 ? USER : 'UOTHER1', i % 2 ? 'mx' : 'uk', now);
  }
  const sub = await feeds.subscribe(USER, { lang: 'en', mine: false, dialogueId: null }, now);
  const http = createHttpServer(
    { health: async () => ({ ok: true, db: true, scheduler: true }), calendar: createCalendarRoute(core) },
    core.logger,
  );
  await http.listen(0);
  serve(http.server, { path: new URL(sub.urls.https).pathname, db: core.store.dialect }, () => core.close());
} else if (mode === 'plain') {
  const body = readFileSync(a!);
  const etag = b!;
  const server = createServer((req, res) => {
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag });
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/calendar; charset=utf-8', 'content-length': body.length, etag });
    res.end(body);
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, resolve));
  serve(server, { path: '/feed.ics' });
} else {
  console.error('usage: feed-server.ts app <DATABASE_URL> <cwd> | plain <file> <etag>');
  process.exit(2);
}
