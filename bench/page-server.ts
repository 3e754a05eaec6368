/**
 * A server for the page bench, run in its own process by bench/page.ts:
 *   app <DATABASE_URL> <cwd>           the real thing: openCore + createHttpServer + createPageRoute
 *   plain <file> <etag> <content-type> a plain node:http server answering the same bytes (and 304 for its ETag)
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { openCore } from '../src/core.js';
import { createHttpServer } from '../src/http.js';
import { createPageRoute } from '../src/page/route.js';
import { serve } from './serve.js';

const [mode, a, b, c] = process.argv.slice(2);
const REPO = new URL('..', import.meta.url).pathname;
const EDITOR = 'ULOCAL';

if (mode === 'app') {
  const now = new Date('2024-12-01T12:00:00Z');
  const core = await openCore({
    env: { DATABASE_URL: a!, CONFIG_DIR: `${REPO}config`, LOG_LEVEL: 'warn', PUBLIC_URL: 'http://127.0.0.1' },
    cwd: b!,
    now,
  });
  // The Mexico–UK dialogue as people will see it: the next round fixed, deadlines, owners, progress and notes.
  const { cycle, commitments, pages } = core.services;
  const d = 'mexico-uk';
  await cycle.schedule(d, EDITOR, { date: '2025-05-14', time: '10:00', city: 'London' }, now);
  const all = await commitments.list(d);
  for (const [i, item] of all.entries()) {
    await commitments.setDue(d, EDITOR, item.id, `2025-0${1 + (i % 9)}-15`, now);
    await commitments.assign(d, EDITOR, item.id, `UOWNER${i}`, i % 2 ? 'mx' : 'uk', now);
    if (i % 3 === 0) await commitments.updateStatus(d, EDITOR, item.id, 'in-progress', 'work has started', now);
    await commitments.note(d, EDITOR, item.id, 'met the counterpart; next step agreed', now);
  }
  const link = await pages.share(d, EDITOR, 'bench', false, now);
  const http = createHttpServer(
    { health: async () => ({ ok: true, db: true, scheduler: true }), page: createPageRoute(core) },
    core.logger,
  );
  await http.listen(0);
  serve(http.server, { path: new URL(link.url).pathname, db: core.store.dialect }, () => core.close());
} else if (mode === 'plain') {
  const body = readFileSync(a!);
  const etag = b!;
  const type = c!;
  const server = createServer((req, res) => {
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag });
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': type, 'content-length': body.length, etag });
    res.end(body);
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, resolve));
  serve(server, { path: '/page.html' });
} else {
  console.error('usage: page-server.ts app <DATABASE_URL> <cwd> | plain <file> <etag> <content-type>');
  process.exit(2);
}
