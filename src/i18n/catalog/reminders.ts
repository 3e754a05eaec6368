/** Strings of the reminders area. `es` must have exactly these keys (checked by tsc). */
export const en = {};

export type RemindersMessages = typeof en;

export const es: RemindersMessages = {};
