/**
 * A Map that never holds more than `max` entries: setting a key that would
 * exceed it first drops the oldest entry. "Oldest" is by last write: `set`
 * moves a key to the newest place even when it was there already (a Map on
 * its own keeps a key where it was first inserted), so an entry rewritten
 * recently is never the next to go. Reads (`get`, `has`) change no order:
 * this is least recently *written*, not least recently used, which keeps a
 * read as cheap as a plain Map's.
 *
 * Every in-memory cache and memo in src/ that could otherwise grow with
 * traffic is one of these (docs/performance.md lists them with their bounds).
 */
export class BoundedMap<K, V> extends Map<K, V> {
  readonly max: number;

  constructor(max: number) {
    super();
    if (!Number.isInteger(max) || max < 1)
      throw new RangeError(`BoundedMap: max must be a whole number ≥ 1, not ${max}`);
    this.max = max;
  }

  override set(key: K, value: V): this {
    if (!this.delete(key)) {
      while (this.size >= this.max) {
        const oldest = this.keys().next();
        if (oldest.done) break;
        this.delete(oldest.value);
      }
    }
    return super.set(key, value);
  }
}
