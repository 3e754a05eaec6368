import type { CliVerb } from './shared.js';

/** `dialogue-bot reminders` and `dialogue-bot tick` (reminders issue). */
export const reminderCliVerbs: Record<string, CliVerb> = {};
