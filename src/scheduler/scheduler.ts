import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';

export interface SchedulerStatus {
  readonly running: boolean;
  readonly lastTickAt: string | null;
  readonly lastError: string | null;
}

export interface Scheduler {
  status(): SchedulerStatus;
  /** Stops ticking and waits for a tick in progress to finish. */
  stop(): Promise<void>;
}

/**
 * Calls `tick(now)` every minute. A tick that is still running when the next
 * minute comes is not overlapped: that minute is skipped (the next tick plans
 * from the clock, so nothing is lost, only batched).
 */
export function startScheduler(
  tick: (now: Date) => Promise<void>,
  logger: Logger,
  expression = '* * * * *',
): Scheduler {
  let lastTickAt: string | null = null;
  let lastError: string | null = null;
  let inFlight: Promise<void> | null = null;
  let running = true;
  const task: ScheduledTask = cron.schedule(expression, () => {
    if (!running || inFlight) return;
    const now = new Date();
    inFlight = tick(now)
      .then(() => {
        lastTickAt = now.toISOString();
        lastError = null;
      })
      .catch((error: unknown) => {
        lastError = error instanceof Error ? error.message : String(error);
        logger.error({ err: error }, 'scheduler tick failed');
      })
      .finally(() => {
        inFlight = null;
      });
  });
  return {
    status: () => ({ running, lastTickAt, lastError }),
    async stop() {
      running = false;
      await task.stop();
      await inFlight;
    },
  };
}
