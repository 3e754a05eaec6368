import * as crypto from 'node:crypto';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes: 256 bits, well over the 128 the feed URL needs to be unguessable. */
const TOKEN_BYTES = 32;

/** What a token looks like in a URL: base64url of TOKEN_BYTES bytes, no padding. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** A new feed token from the OS's secure random source, base64url-encoded. */
export function newFeedToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/** Cheap syntactic check before touching the store: anything else is simply not found. */
export function isFeedTokenShape(text: string): boolean {
  return TOKEN_SHAPE.test(text);
}

/**
 * One-shot `crypto.hash` (Node >= 20.12) where it exists: 0.35-0.7 us a token
 * against 1.3-1.5 us for createHash().update().digest(), and the feed route
 * hashes one on every fetch, 304s included (about 14 us of CPU each on this
 * machine: its removal cost the feed bench's 304 ratio ~0.1; docs/performance.md).
 * Read through the namespace so Node 20.11 (package.json engines) falls back instead of failing to link.
 */
const oneShotHash: typeof crypto.hash | undefined = (crypto as { hash?: typeof crypto.hash }).hash;

/** What the store keeps instead of the token: its SHA-256, hex. */
export function hashFeedToken(token: string): string {
  return oneShotHash ? oneShotHash('sha256', token, 'hex') : createHash('sha256').update(token).digest('hex');
}

/** Compares two hex digests in constant time (for equal lengths; unequal lengths are simply different). */
export function sameDigest(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}
