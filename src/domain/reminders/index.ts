export { parseCommitmentKey } from './kinds/commitment.js';
export { planReminders, planWindowStart, reminderOccurrences, withTimeliness } from './plan.js';
export {
  type DeliveryRecord,
  type ReminderStatus,
  reminderStatus,
  type SkipReason,
  skipReasonCode,
  skipReasonOf,
} from './status.js';
export type * from './types.js';
export { workingDayFor } from './working-days.js';
