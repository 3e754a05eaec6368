import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashFeedToken, isFeedTokenShape, newFeedToken } from '../../src/services/feed-token.js';

describe('feed tokens', () => {
  it('are hashed to the SHA-256 hex the store keeps, whichever hash Node offers', () => {
    for (let i = 0; i < 20; i++) {
      const token = newFeedToken();
      expect(isFeedTokenShape(token)).toBe(true);
      expect(hashFeedToken(token)).toBe(createHash('sha256').update(token).digest('hex'));
    }
    // A known vector, so a wrong algorithm or encoding cannot agree with itself.
    expect(hashFeedToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
