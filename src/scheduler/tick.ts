import type { Services } from '../services/index.js';
import type { Notifier } from '../services/notifier.js';
import type { TickOptions, TickReport } from '../services/reminders.service.js';

/** One scheduler pass at `now` (what node-cron calls every minute): plan → claim → send → record. */
export function createReminderTick(
  core: { readonly services: Pick<Services, 'reminders'> },
  notifier: Notifier,
  options: TickOptions = {},
): (now: Date) => Promise<TickReport> {
  return (now) => core.services.reminders.runDue(now, notifier, options);
}
