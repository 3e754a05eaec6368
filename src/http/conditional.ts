import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Conditional GET for the routes that serve kept bytes (the calendar feed and
 * the dialogue page): whether the client's copy is current, and the 304 that
 * says so. Both run on every fetch, so nothing here allocates or compiles a
 * regular expression: the header is scanned in place.
 */

const SPACE = 0x20;
const TAB = 0x09;
const COMMA = 0x2c;
const DQUOTE = 0x22;
const STAR = 0x2a;
const W = 0x57;
const SLASH = 0x2f;

/**
 * Whether an If-None-Match field value names the current representation,
 * whose entity tag is `etag` (RFC 9110 §13.1.2): `*`, or any entity tag in
 * the list by *weak* comparison, which ignores the `W/` prefix on either side
 * (`W/"x"` and `"x"` name the same entity). Entity tags are read as quoted
 * strings, so a comma inside one does not split it; a malformed member is
 * skipped, never a match.
 */
export function etagMatches(header: string, etag: string): boolean {
  // What a browser sends back almost always: the tag it was given, alone.
  if (header === etag) return true;
  const ours = etag.charCodeAt(0) === W && etag.charCodeAt(1) === SLASH ? 2 : 0;
  const oursLength = etag.length - ours;
  const n = header.length;
  let i = 0;
  while (i < n) {
    const c = header.charCodeAt(i);
    if (c === SPACE || c === TAB || c === COMMA) {
      i++;
      continue;
    }
    // A member is `*`, `"…"` or `W/"…"`, then optional whitespace and a comma (or the end).
    let end = -1;
    let same = false;
    if (c === STAR) {
      end = i + 1;
      same = true;
    } else {
      const open = c === W && header.charCodeAt(i + 1) === SLASH ? i + 2 : i;
      if (header.charCodeAt(open) === DQUOTE) {
        const close = header.indexOf('"', open + 1);
        if (close === -1) return false;
        end = close + 1;
        same = end - open === oursLength && sameAt(header, open, etag, ours);
      }
    }
    if (end !== -1 && memberEnds(header, end)) {
      if (same) return true;
      i = end;
      continue;
    }
    // Malformed: skipped, on to the next comma.
    const next = header.indexOf(',', end === -1 ? i : end);
    if (next === -1) return false;
    i = next + 1;
  }
  return false;
}

/** Only optional whitespace between `at` and the next comma or the end. */
function memberEnds(s: string, at: number): boolean {
  for (let i = at; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === COMMA) return true;
    if (c !== SPACE && c !== TAB) return false;
  }
  return true;
}

/** `a` from `ai` holds the same characters as `b` from `bi` to its end. */
function sameAt(a: string, ai: number, b: string, bi: number): boolean {
  for (let k = 0; bi + k < b.length; k++) if (a.charCodeAt(ai + k) !== b.charCodeAt(bi + k)) return false;
  return true;
}

/**
 * Whether a GET or HEAD may be answered 304: If-None-Match when the client
 * sent one (it wins, RFC 9110 §13.2.2); otherwise If-Modified-Since, when the
 * representation has a `lastModified` (milliseconds, whole seconds: what its
 * Last-Modified header says) and the date is valid and not before it.
 */
export function isNotModified(req: Pick<IncomingMessage, 'headers'>, etag: string, lastModified?: number): boolean {
  const inm = req.headers['if-none-match'];
  if (inm !== undefined) return etagMatches(inm, etag);
  if (lastModified === undefined) return false;
  const ims = req.headers['if-modified-since'];
  if (ims === undefined) return false;
  const since = Date.parse(ims);
  return !Number.isNaN(since) && lastModified <= since;
}

/**
 * Answers 304 with `headers` (a flat name/value list built once per
 * representation) when the client's copy is current; true when it did.
 */
export function answeredNotModified(
  req: Pick<IncomingMessage, 'headers'>,
  res: ServerResponse,
  etag: string,
  headers: readonly string[],
  lastModified?: number,
): boolean {
  if (!isNotModified(req, etag, lastModified)) return false;
  res.writeHead(304, headers as string[]);
  res.end();
  return true;
}
