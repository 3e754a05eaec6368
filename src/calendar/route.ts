import type { ServerResponse } from 'node:http';
import { answeredNotModified } from '../http/conditional.js';
import type { RouteHandler } from '../http.js';
import type { FeedDocument, FeedService } from '../services/feeds.service.js';
import type { Services } from '../services/index.js';

const PATH = /^\/calendar\/([A-Za-z0-9_-]+)\.ics$/;
const NOT_FOUND = 'not found\n';

function notFound(res: ServerResponse): void {
  // The same answer for a malformed, unknown or revoked token: no hint which.
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'content-length': NOT_FOUND.length });
  res.end(NOT_FOUND);
}

const second = (ms: number) => Math.floor(ms / 1000) * 1000;

/**
 * Last-Modified has whole seconds. A change later in the same second as the
 * one a client saw would carry the same date, so a client served within the
 * second of the last change is given the second before: its next
 * If-Modified-Since then always gets the full feed. Any change after a
 * response falls in a later second than the date that response gave.
 */
function lastModifiedFor(doc: FeedDocument, now: number): number {
  const lm = second(doc.lastModified);
  return second(now) > lm ? lm : lm - 1000;
}

/** The answers to one feed document, built once per document (headers as flat name/value lists). */
interface Answers {
  /** 304: the validators and caching rules only (RFC 9110 §15.4.5; Last-Modified is not needed beside an ETag). */
  readonly notModified: readonly string[];
  /** 200 with Last-Modified at the document's second, and at the second before it (see lastModifiedFor). */
  readonly full: readonly (string | number)[];
  readonly fullSecondBefore: readonly (string | number)[];
}

function fullHeaders(doc: FeedDocument, lastModified: number): (string | number)[] {
  return [
    'content-type',
    'text/calendar; charset=utf-8',
    'content-length',
    doc.body.length,
    'etag',
    doc.etag,
    'last-modified',
    new Date(lastModified).toUTCString(),
    // Private (the URL is a secret), and revalidated on every use: a 304 is cheap.
    'cache-control',
    'private, no-cache',
    'x-content-type-options',
    'nosniff',
  ];
}

/** Documents are immutable and shared by every fetch of the same feed until it changes. */
const answersOf = new WeakMap<FeedDocument, Answers>();

function answers(doc: FeedDocument): Answers {
  let a = answersOf.get(doc);
  if (!a) {
    const lm = second(doc.lastModified);
    a = {
      notModified: ['etag', doc.etag, 'cache-control', 'private, no-cache'],
      full: fullHeaders(doc, lm),
      fullSecondBefore: fullHeaders(doc, lm - 1000),
    };
    answersOf.set(doc, a);
  }
  return a;
}

/**
 * GET /calendar/<token>.ics: a subscriber's private feed, served from the
 * feed cache as bytes with a strong ETag; 304 when the client's copy is
 * current. Headers are built once per rendered document, so a fetch of an
 * unchanged feed does no formatting. Nothing here logs the URL (it carries
 * the token); failures reach the server's handler, which logs the URL redacted.
 */
export function createFeedHandler(feeds: FeedService, clock: () => Date = () => new Date()): RouteHandler {
  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-length': 0 });
      res.end();
      return;
    }
    const url = req.url ?? '';
    const q = url.indexOf('?');
    const match = PATH.exec(q === -1 ? url : url.slice(0, q));
    if (!match) return notFound(res);
    const mine = q !== -1 && /^(1|true|yes)$/i.test(new URLSearchParams(url.slice(q + 1)).get('mine') ?? '');
    const now = clock();
    const doc = await feeds.document(match[1]!, { mine }, now);
    if (!doc) return notFound(res);
    const a = answers(doc);
    const lm = second(doc.lastModified);
    // If-None-Match wins; else If-Modified-Since against the document's second.
    if (answeredNotModified(req, res, doc.etag, a.notModified, lm)) return;
    const fresh = lastModifiedFor(doc, now.getTime()) === lm;
    res.writeHead(200, (fresh ? a.full : a.fullSecondBefore) as (string | number)[]);
    res.end(req.method === 'HEAD' ? undefined : doc.body);
  };
}

/** GET /calendar/* for the composition root (main.ts mounts it). It needs the feed service, nothing else. */
export function createCalendarRoute(core: { readonly services: Pick<Services, 'feeds'> }): RouteHandler {
  return createFeedHandler(core.services.feeds);
}
