import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { RevisionGate } from '../../src/services/revision-gate.js';

/** A revision read the test finishes by hand; `value` is what the store holds when the read begins. */
function controlledStore() {
  let value = 1;
  const reads: { seen: number; finish: () => void; fail: (e: Error) => void }[] = [];
  const read = () =>
    new Promise<number>((resolve, reject) => {
      const seen = value;
      reads.push({ seen, finish: () => resolve(seen), fail: reject });
    });
  return {
    reads,
    read,
    set: (v: number) => {
      value = v;
    },
  };
}

describe('RevisionGate', () => {
  // Perf guard: one read serves every caller of a turn; protects feed · "feed route 200" and "304" at
  // 10 connections in bench/RESULTS.md (docs/performance.md, FeedService `gate`).
  it('perf guard: callers in one turn of the event loop share one read', async () => {
    const store = controlledStore();
    const gate = new RevisionGate(store.read);
    const asked = [gate.current(), gate.current(), gate.current()];
    // Nothing is read in the callers' own turn: later callers of that turn may still join.
    expect(store.reads).toHaveLength(0);
    await nextTurn();
    expect(store.reads).toHaveLength(1);
    store.reads[0]!.finish();
    expect(await Promise.all(asked)).toEqual([1, 1, 1]);
  });

  it('never answers a caller with a read that began before it asked', async () => {
    const store = controlledStore();
    const gate = new RevisionGate(store.read);
    const early = gate.current();
    await nextTurn();
    expect(store.reads).toHaveLength(1);
    // Another process commits a change (a revoked token) while that read is under way …
    store.set(2);
    // … and a request arriving now must see it, not the read already under way.
    const late = gate.current();
    const later = gate.current();
    await nextTurn();
    // The next read begins only when the one under way has ended.
    expect(store.reads).toHaveLength(1);
    store.reads[0]!.finish();
    expect(await early).toBe(1);
    await nextTurn();
    expect(store.reads).toHaveLength(2);
    store.reads[1]!.finish();
    expect(await late).toBe(2);
    expect(await later).toBe(2);
  });

  it('a failed read fails its callers only; the next caller gets a new read', async () => {
    const store = controlledStore();
    const gate = new RevisionGate(store.read);
    const failing = gate.current();
    await nextTurn();
    store.reads[0]!.fail(new Error('store down'));
    await expect(failing).rejects.toThrow('store down');
    const next = gate.current();
    await nextTurn();
    expect(store.reads).toHaveLength(2);
    store.reads[1]!.finish();
    expect(await next).toBe(1);

    const throwing = new RevisionGate(() => {
      throw new Error('closed');
    });
    await expect(throwing.current()).rejects.toThrow('closed');
  });
});
