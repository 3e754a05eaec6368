export { commitmentFacts, roundFacts } from './context.js';
export { parseCommitmentKey } from './kinds/commitment.js';
export {
  LATE_AFTER_MS,
  planReminders,
  planWindowStart,
  reminderOccurrences,
  SKIP_LOOKBACK_DAYS,
  timeliness,
  withTimeliness,
} from './plan.js';
export {
  type DeliveryRecord,
  type ReminderStatus,
  reminderStatus,
  type SkipReason,
  skipReasonCode,
  skipReasonOf,
} from './status.js';
export type * from './types.js';
export { addDays, workingDayFor } from './working-days.js';
