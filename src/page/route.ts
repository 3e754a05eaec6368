import type { IncomingMessage, ServerResponse } from 'node:http';
import { answeredNotModified } from '../http/conditional.js';
import type { RouteHandler } from '../http.js';
import { PAGE_CSS_HASH } from '../presentation/page/style.js';
import type { Services } from '../services/index.js';
import type { PageDocument, PageService } from '../services/page.service.js';

const PATH = /^\/page\/([A-Za-z0-9_-]+)\/?$/;
const NOT_FOUND = 'not found\n';

/**
 * Safe to hand out: nothing from elsewhere may load (no CDN, font or script;
 * the one stylesheet is allowed by its hash, the charts are inline SVG), no
 * referrer leaves with a click (the URL is a secret), search engines keep out,
 * and only the holder's own browser may keep a copy.
 */
export const PAGE_CSP = [
  "default-src 'none'",
  `style-src ${PAGE_CSS_HASH}`,
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const COMMON: readonly (readonly [string, string])[] = [
  ['content-security-policy', PAGE_CSP],
  ['referrer-policy', 'no-referrer'],
  ['x-robots-tag', 'noindex, nofollow'],
  // Private (the URL is a secret), and revalidated on every use: a 304 is cheap.
  ['cache-control', 'private, no-cache'],
  ['x-content-type-options', 'nosniff'],
  ['x-frame-options', 'DENY'],
  // The language follows Accept-Language when the link does not say ?lang=.
  ['vary', 'Accept-Language'],
];

function notFound(res: ServerResponse): void {
  // The same answer for a malformed, unknown or revoked token (or an unknown commitment): no hint which.
  const headers: Record<string, string | number> = Object.fromEntries(COMMON);
  headers['content-type'] = 'text/plain; charset=utf-8';
  headers['content-length'] = NOT_FOUND.length;
  res.writeHead(404, headers);
  res.end(NOT_FOUND);
}

interface Answers {
  readonly notModified: readonly string[];
  readonly full: readonly (string | number)[];
}

/** Documents are immutable and shared by every fetch of the same view until something changes. */
const answersOf = new WeakMap<PageDocument, Answers>();

function answers(doc: PageDocument): Answers {
  let a = answersOf.get(doc);
  if (!a) {
    const common = COMMON.flat();
    a = {
      notModified: ['etag', doc.etag, ...common],
      full: [
        'content-type',
        'text/html; charset=utf-8',
        'content-length',
        doc.body.length,
        'content-language',
        doc.lang,
        'etag',
        doc.etag,
        ...common,
      ],
    };
    answersOf.set(doc, a);
  }
  return a;
}

/**
 * GET /page/<token>[?lang=en|es&theme=…&side=…&c=<ID>]: the dialogue's
 * read-only page (or, with `c`, one commitment's), served as bytes from the
 * page cache with a strong ETag; 304 when the browser's copy is current.
 * Nothing here logs the URL (it carries the token); failures reach the
 * server's handler, which logs it redacted.
 */
export function createPageHandler(pages: PageService, clock: () => Date = () => new Date()): RouteHandler {
  return async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-length': 0 });
      res.end();
      return;
    }
    const url = req.url ?? '';
    const q = url.indexOf('?');
    const match = PATH.exec(q === -1 ? url : url.slice(0, q));
    if (!match) return notFound(res);
    const params = new URLSearchParams(q === -1 ? '' : url.slice(q + 1));
    const accept = req.headers['accept-language'];
    const doc = await pages.document(
      match[1]!,
      {
        lang: params.get('lang'),
        acceptLanguage: Array.isArray(accept) ? accept.join(',') : accept,
        theme: params.get('theme'),
        side: params.get('side'),
        c: params.get('c'),
      },
      clock(),
    );
    if (!doc) return notFound(res);
    const a = answers(doc);
    if (answeredNotModified(req, res, doc.etag, a.notModified)) return;
    res.writeHead(200, a.full as (string | number)[]);
    res.end(req.method === 'HEAD' ? undefined : doc.body);
  };
}

/** GET /page/* for the composition root (main.ts mounts it). */
export function createPageRoute(core: { readonly services: Pick<Services, 'pages'> }): RouteHandler {
  return createPageHandler(core.services.pages);
}
