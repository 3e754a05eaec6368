import type { Core } from '../main.js';
import type { Notifier } from '../services/notifier.js';
import type { TickOptions, TickReport } from '../services/reminders.service.js';

/** One scheduler pass at `now` (what node-cron calls every minute): plan → claim → send → record. */
export function createReminderTick(
  core: Core,
  notifier: Notifier,
  options: TickOptions = {},
): (now: Date) => Promise<TickReport> {
  return (now) => core.services.reminders.runDue(now, notifier, options);
}
