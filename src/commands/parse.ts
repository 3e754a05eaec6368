import { parseClockTime, parseIsoDate } from '../domain/dates.js';

/** A user-facing usage hint, already in the user's language. Changes nothing. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly code = 'usage';
  constructor(readonly hint: string) {
    super(hint);
  }
}

export interface Tokens {
  readonly words: readonly string[];
  /** The original text from word `i` to the end (spacing kept), or '' past the end. */
  rest(i: number): string;
}

const MAX_TEXT = 4000;

export function tokenize(text: string): Tokens {
  const words: string[] = [];
  const starts: number[] = [];
  for (const m of text.matchAll(/\S+/g)) {
    words.push(m[0]);
    starts.push(m.index);
  }
  return {
    words,
    rest: (i) => (i < words.length ? text.slice(starts[i]).trim() : ''),
  };
}

/** Pulls `--dialogue id` (or `--dialogue=id`) out of a command's text. */
export function extractDialogueFlag(text: string): { text: string; dialogue: string | null; missing: boolean } {
  const m = /(?:^|\s)--dialogue(?:=|\s+)?(\S*)/.exec(text);
  if (!m) return { text, dialogue: null, missing: false };
  const value = m[1] ?? '';
  const cleaned = (text.slice(0, m.index) + text.slice(m.index + m[0].length)).trim();
  if (!value || value.startsWith('--')) return { text: cleaned, dialogue: null, missing: true };
  return { text: cleaned, dialogue: value.toLowerCase(), missing: false };
}

/** Pulls a standalone `--yes` (the user confirms a change that asks first) out of a command's text. */
export function extractYesFlag(text: string): { text: string; yes: boolean } {
  const re = /(^|\s)--yes(?=\s|$)/;
  if (!re.test(text)) return { text, yes: false };
  return { text: text.replace(new RegExp(re.source, 'g'), ' ').trim(), yes: true };
}

/**
 * A Slack user reference as Slack sends it (`<@U123>` or `<@U123|name>`), or as
 * typed in local mode (`@U123`). Plain `@name` cannot be resolved: null.
 */
export function parseUserRef(word: string): string | null {
  const m = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/.exec(word) ?? /^@?([UW][A-Z0-9]{2,})$/.exec(word);
  return m ? m[1]! : null;
}

export function requireDate(word: string | undefined, usage: string, badDate: (t: string) => string): string {
  if (!word) throw new UsageError(usage);
  const date = parseIsoDate(word);
  if (!date) throw new UsageError(`${badDate(word)}\n${usage}`);
  return date;
}

export function looksLikeTime(word: string | undefined): boolean {
  return word !== undefined && /^\d{1,2}:\d{2}$/.test(word);
}

export function parseTimeWord(word: string, usage: string, badTime: (t: string) => string): string {
  const time = parseClockTime(word);
  if (!time) throw new UsageError(`${badTime(word)}\n${usage}`);
  return time;
}

export function limitText(text: string, tooLong: (max: number) => string): string {
  if (text.length > MAX_TEXT) throw new UsageError(tooLong(MAX_TEXT));
  return text;
}
