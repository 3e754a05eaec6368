/** Strings of the slack area. `es` must have exactly these keys (checked by tsc). */
export const en = {};

export type SlackMessages = typeof en;

export const es: SlackMessages = {};
