/**
 * Small in-process helpers of the Slack front end: what is in flight (for a
 * graceful stop), one-shot claims (double clicks), per-key serialisation and
 * a TTL cache (Slack locales).
 */
import { BoundedMap } from '../lib/bounded-map.js';

/** Counts work in flight so stop() can wait for it. */
export class InFlight {
  private readonly pending = new Set<Promise<unknown>>();

  get size(): number {
    return this.pending.size;
  }

  track<T>(work: Promise<T>): Promise<T> {
    this.pending.add(work);
    const done = () => this.pending.delete(work);
    work.then(done, done);
    return work;
  }

  /** Resolves once everything tracked so far (and anything it starts) has settled. */
  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }
}

/** Remembers keys for a while: the first claim wins, repeats within `ttlMs` are refused. */
export class OnceGuard {
  /** Key → until when it is claimed; past `max` keys the oldest claim (the first to expire) goes first. */
  private readonly seen: BoundedMap<string, number>;

  constructor(
    private readonly ttlMs = 10 * 60_000,
    max = 10_000,
  ) {
    this.seen = new BoundedMap(max);
  }

  claim(key: string, nowMs: number): boolean {
    const until = this.seen.get(key);
    if (until !== undefined && until > nowMs) return false;
    this.seen.set(key, nowMs + this.ttlMs);
    return true;
  }
}

/**
 * Runs work one at a time per key (e.g. per commitment), so two clicks that
 * arrive together are applied in turn: the second then sees the first's
 * result (already done) instead of racing it in another transaction.
 */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const prev = this.tails.get(key) ?? Promise.resolve();
    const next = prev.then(work, work);
    const tail = next.catch(() => {});
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return next;
  }
}

/** Values kept for `ttlMs` each, at most `max` of them (the oldest go first). */
export class TtlCache<V> {
  private readonly entries: BoundedMap<string, { value: V; until: number }>;

  constructor(
    private readonly ttlMs: number,
    max = 5_000,
  ) {
    this.entries = new BoundedMap(max);
  }

  get(key: string, nowMs: number): V | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.until <= nowMs) {
      this.entries.delete(key);
      return undefined;
    }
    return e.value;
  }

  /** Keeps `value` for the cache's TTL, or for `ttlMs` when given (e.g. a failure, remembered for less). */
  set(key: string, value: V, nowMs: number, ttlMs = this.ttlMs): void {
    this.entries.set(key, { value, until: nowMs + ttlMs });
  }
}
