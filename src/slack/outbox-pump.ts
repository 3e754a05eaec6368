import type { Logger } from 'pino';
import type { AnnouncementSender, OutboxService } from '../services/outbox.service.js';
import type { InFlight } from './support.js';

/**
 * Delivers the outbox as soon as a change committed an announcement to it:
 * one pass at a time in this process (a kick during a pass runs one more
 * after it), tracked so a stop waits for it. Anything a pass leaves (a
 * failure to retry later, a crash) is picked up by the scheduler's tick.
 */
export class OutboxPump {
  private running = false;
  private again = false;

  constructor(
    private readonly outbox: OutboxService,
    private readonly sender: AnnouncementSender,
    private readonly inflight: InFlight,
    private readonly logger: Logger,
    private readonly clock: () => Date,
  ) {}

  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    void this.inflight.track(this.loop());
  }

  private async loop(): Promise<void> {
    try {
      do {
        this.again = false;
        await this.outbox.deliverDue(this.sender, this.clock());
      } while (this.again);
    } catch (error) {
      this.logger.error({ err: error }, 'delivering announcements failed; the next tick tries again');
    } finally {
      this.running = false;
    }
  }
}
