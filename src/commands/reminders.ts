import { comingSoon } from './common.js';
import type { VerbTable } from './context.js';

/** `/dialogue reminders` and `/dialogue remind-here` (reminders issue). */
export const reminderVerbs: VerbTable = {
  reminders: comingSoon('/dialogue', 'reminders'),
  'remind-here': comingSoon('/dialogue', 'remind-here'),
};
