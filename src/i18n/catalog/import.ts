/** Strings of the import area. `es` must have exactly these keys (checked by tsc). */
export const en = {};

export type ImportMessages = typeof en;

export const es: ImportMessages = {};
