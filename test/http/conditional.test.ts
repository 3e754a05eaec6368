import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { answeredNotModified, etagMatches, isNotModified } from '../../src/http/conditional.js';

const TAG = '"abc_DEF-123"';
const req = (headers: Record<string, string>) => ({ headers }) as Pick<IncomingMessage, 'headers'>;

describe('etagMatches (If-None-Match, RFC 9110 §13.1.2)', () => {
  it('matches the tag sent back alone, strong or weak', () => {
    expect(etagMatches(TAG, TAG)).toBe(true);
    expect(etagMatches(`W/${TAG}`, TAG)).toBe(true);
    expect(etagMatches(`  ${TAG}\t`, TAG)).toBe(true);
  });

  it('compares weakly: a W/ on our side or theirs is ignored', () => {
    expect(etagMatches(TAG, `W/${TAG}`)).toBe(true);
    expect(etagMatches(`W/${TAG}`, `W/${TAG}`)).toBe(true);
    expect(etagMatches('"abc"', 'W/"abcd"')).toBe(false);
  });

  it('finds the tag anywhere in a list, with or without spaces', () => {
    expect(etagMatches(`"other", ${TAG}`, TAG)).toBe(true);
    expect(etagMatches(`"a",W/${TAG},"b"`, TAG)).toBe(true);
    expect(etagMatches(`"a" ,\t ${TAG} , "b"`, TAG)).toBe(true);
    expect(etagMatches('"a", "b", W/"c"', TAG)).toBe(false);
  });

  it('matches * (any current representation), alone or as a member', () => {
    expect(etagMatches('*', TAG)).toBe(true);
    expect(etagMatches(' * ', TAG)).toBe(true);
    expect(etagMatches('"a", *', TAG)).toBe(true);
    expect(etagMatches('**', TAG)).toBe(false);
  });

  it('needs the whole tag: no prefix, suffix, missing quotes or lower-case w/', () => {
    expect(etagMatches('"abc_DEF-12"', TAG)).toBe(false);
    expect(etagMatches('"abc_DEF-1234"', TAG)).toBe(false);
    expect(etagMatches('abc_DEF-123', TAG)).toBe(false);
    expect(etagMatches(`w/${TAG}`, TAG)).toBe(false);
    expect(etagMatches(`${TAG}x`, TAG)).toBe(false);
    expect(etagMatches(`x${TAG}`, TAG)).toBe(false);
    expect(etagMatches(`W/ ${TAG}`, TAG)).toBe(false);
    expect(etagMatches('', TAG)).toBe(false);
  });

  it('reads tags as quoted strings: a comma inside one does not split it', () => {
    expect(etagMatches('"x,y"', '"x,y"')).toBe(true);
    expect(etagMatches('"a", "x,y"', '"x,y"')).toBe(true);
    expect(etagMatches('"x,y"', '"y"')).toBe(false);
    expect(etagMatches('"x, "y"', '"y"')).toBe(false);
  });

  it('skips a malformed member and goes on with the list', () => {
    expect(etagMatches(`junk, ${TAG}`, TAG)).toBe(true);
    expect(etagMatches(`"a"b, ${TAG}`, TAG)).toBe(true);
    expect(etagMatches('"unterminated', TAG)).toBe(false);
    expect(etagMatches(`"unterminated, ${TAG}`, TAG)).toBe(false);
  });
});

describe('isNotModified', () => {
  const LM = Date.parse('2024-06-03T08:00:00Z');
  const date = new Date(LM).toUTCString();

  it('uses If-None-Match when sent, and then ignores If-Modified-Since', () => {
    expect(isNotModified(req({ 'if-none-match': TAG }), TAG)).toBe(true);
    expect(isNotModified(req({ 'if-none-match': '"stale"', 'if-modified-since': date }), TAG, LM)).toBe(false);
    expect(isNotModified(req({ 'if-none-match': TAG, 'if-modified-since': 'x' }), TAG, LM)).toBe(true);
  });

  it('uses If-Modified-Since only for a representation with a date, and only a valid date not before it', () => {
    expect(isNotModified(req({ 'if-modified-since': date }), TAG)).toBe(false);
    expect(isNotModified(req({ 'if-modified-since': date }), TAG, LM)).toBe(true);
    expect(isNotModified(req({ 'if-modified-since': new Date(LM + 5000).toUTCString() }), TAG, LM)).toBe(true);
    expect(isNotModified(req({ 'if-modified-since': new Date(LM - 1000).toUTCString() }), TAG, LM)).toBe(false);
    expect(isNotModified(req({ 'if-modified-since': 'not a date' }), TAG, LM)).toBe(false);
    expect(isNotModified(req({}), TAG, LM)).toBe(false);
  });
});

describe('answeredNotModified', () => {
  function fakeRes() {
    const calls: unknown[][] = [];
    const res = {
      writeHead: (...args: unknown[]) => calls.push(['writeHead', ...args]),
      end: (...args: unknown[]) => calls.push(['end', ...args]),
    } as unknown as ServerResponse;
    return { res, calls };
  }
  const HEADERS = ['etag', TAG, 'cache-control', 'private, no-cache'];

  it('writes 304 with exactly the headers given, and no body, when the copy is current', () => {
    const { res, calls } = fakeRes();
    expect(answeredNotModified(req({ 'if-none-match': `W/${TAG}` }), res, TAG, HEADERS)).toBe(true);
    expect(calls).toEqual([['writeHead', 304, HEADERS], ['end']]);
  });

  it('writes nothing when the copy is not current', () => {
    const { res, calls } = fakeRes();
    expect(answeredNotModified(req({ 'if-none-match': '"old"' }), res, TAG, HEADERS)).toBe(false);
    expect(answeredNotModified(req({}), res, TAG, HEADERS)).toBe(false);
    expect(calls).toEqual([]);
  });
});
