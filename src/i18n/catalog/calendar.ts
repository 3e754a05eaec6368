/** Strings of the calendar area. `es` must have exactly these keys (checked by tsc). */
export const en = {};

export type CalendarMessages = typeof en;

export const es: CalendarMessages = {};
