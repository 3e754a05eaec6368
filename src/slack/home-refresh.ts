import type { Logger } from 'pino';
import { BoundedMap } from '../lib/bounded-map.js';
import type { InFlight } from './support.js';

/** Homes opened within this long are refreshed after a change; older ones refresh when next opened. */
const WATCH_MS = 7 * 24 * 60 * 60_000;
const MAX_WATCHERS = 2_000;

/**
 * Keeps App Home tabs current: remembers who opened theirs, and after a
 * change (debounced, so a burst of changes costs one refresh each) publishes
 * their home again.
 */
export class HomeRefresher {
  /** Who opened their Home, and when; past MAX_WATCHERS the one who opened it longest ago goes first. */
  private readonly watchers = new BoundedMap<string, number>(MAX_WATCHERS);
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly publish: (userId: string) => Promise<void>,
    private readonly inflight: InFlight,
    private readonly logger: Logger,
    private readonly clock: () => Date,
    private readonly debounceMs = 300,
  ) {}

  opened(userId: string): void {
    this.watchers.set(userId, this.clock().getTime());
  }

  changed(): void {
    if (this.stopped || this.timer || this.watchers.size === 0) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.inflight.track(this.refreshAll());
    }, this.debounceMs);
  }

  private async refreshAll(): Promise<void> {
    const since = this.clock().getTime() - WATCH_MS;
    for (const [userId, seen] of [...this.watchers]) {
      if (this.stopped) return;
      if (seen < since) {
        this.watchers.delete(userId);
        continue;
      }
      try {
        await this.publish(userId);
      } catch (error) {
        this.logger.warn({ err: error, user: userId }, 'could not refresh App Home');
      }
    }
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
