import { describe, expect, it } from 'vitest';
import { BoundedMap } from '../../src/lib/bounded-map.js';

describe('BoundedMap', () => {
  it('keeps at most max entries, dropping the oldest first', () => {
    const m = new BoundedMap<string, number>(3);
    for (const [i, k] of ['a', 'b', 'c', 'd', 'e'].entries()) m.set(k, i);
    expect([...m.keys()]).toEqual(['c', 'd', 'e']);
    expect(m.size).toBe(3);
    expect(m.get('a')).toBeUndefined();
    expect(m.get('e')).toBe(4);
  });

  it('moves a rewritten key to the newest place, so it is not the next to go', () => {
    const m = new BoundedMap<string, number>(3);
    m.set('a', 1).set('b', 2).set('c', 3);
    m.set('a', 10);
    m.set('d', 4);
    expect([...m.entries()]).toEqual([
      ['c', 3],
      ['a', 10],
      ['d', 4],
    ]);
  });

  it('rewriting a key at the bound drops nothing', () => {
    const m = new BoundedMap<string, number>(2);
    m.set('a', 1).set('b', 2).set('b', 3);
    expect([...m.entries()]).toEqual([
      ['a', 1],
      ['b', 3],
    ]);
  });

  it('reads change no order (least recently written goes first, not least recently used)', () => {
    const m = new BoundedMap<string, number>(2);
    m.set('a', 1).set('b', 2);
    expect(m.get('a')).toBe(1);
    expect(m.has('a')).toBe(true);
    m.set('c', 3);
    expect([...m.keys()]).toEqual(['b', 'c']);
  });

  it('is a Map: delete, clear, iteration and size behave as usual', () => {
    const m = new BoundedMap<number, string>(5);
    m.set(1, 'x').set(2, 'y');
    expect(m instanceof Map).toBe(true);
    expect(m.delete(1)).toBe(true);
    expect(m.delete(1)).toBe(false);
    expect([...m]).toEqual([[2, 'y']]);
    m.clear();
    expect(m.size).toBe(0);
    m.set(3, 'z');
    expect(m.get(3)).toBe('z');
  });

  it('holds one entry at max 1', () => {
    const m = new BoundedMap<string, number>(1);
    m.set('a', 1).set('b', 2);
    expect([...m.keys()]).toEqual(['b']);
  });

  it('refuses a bound that is not a whole number of at least 1', () => {
    for (const bad of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => new BoundedMap(bad)).toThrow(RangeError);
    }
  });
});
