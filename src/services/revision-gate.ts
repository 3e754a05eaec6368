/**
 * The store's change count for callers who must each see a value read after
 * they asked, read once for many of them.
 *
 * A cache checked against the count is only as fresh as the read it was
 * checked with: a caller handed a read that began before it asked could miss
 * a change (a revoked feed token, say) committed by another process just
 * before it asked. So a caller may join a read that has not begun yet, never
 * one already under way:
 *
 * - callers in the same turn of the event loop share one read, begun in
 *   setImmediate (under load: every request parsed in one poll phase);
 * - callers who ask while a read is under way share the next one, begun when
 *   it has ended (on Postgres, everything that arrived during a round trip).
 *
 * The cost is a turn of the event loop (and at most one read's duration)
 * of latency per caller, for one read per batch instead of one per caller.
 */
interface Waiting {
  readonly promise: Promise<number>;
  resolve(revision: number): void;
  reject(error: unknown): void;
}

function waiting(): Waiting {
  let resolve!: (revision: number) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<number>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export class RevisionGate {
  /** The callers of the next read: it has not begun, so they may still be joined. */
  private next: Waiting | null = null;
  private underWay = false;

  constructor(private readonly read: () => Promise<number>) {}

  /** A revision read that begins after this call. */
  current(): Promise<number> {
    if (this.next === null) {
      this.next = waiting();
      // With a read under way, the next one begins when it ends.
      if (!this.underWay) setImmediate(this.begin);
    }
    return this.next.promise;
  }

  private readonly begin = (): void => {
    const callers = this.next!;
    // From here on, a new caller may no longer join this read.
    this.next = null;
    this.underWay = true;
    let read: Promise<number>;
    try {
      read = this.read();
    } catch (error) {
      read = Promise.reject(error);
    }
    read.then(
      (revision) => {
        this.ended();
        callers.resolve(revision);
      },
      (error: unknown) => {
        this.ended();
        callers.reject(error);
      },
    );
  };

  private ended(): void {
    this.underWay = false;
    if (this.next !== null) setImmediate(this.begin);
  }
}
