import type { Core } from '../main.js';
import type { Notifier } from '../services/notifier.js';

/** One scheduler pass at `now` (reminders issue): plan → claim → send → record. */
export function createReminderTick(_core: Core, _notifier: Notifier): (now: Date) => Promise<void> {
  return async () => {};
}
