import { DateTime } from 'luxon';

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const MONTH = '(January|February|March|April|May|June|July|August|September|October|November|December)';
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
const DAY_RANGE = `${DAY}(?:\\s*(?:-|–|and|to)\\s*\\d{1,2}(?:st|nd|rd|th)?)?`;

/** "16 January 2024", "14-15 May 2025", "3 March" (no year). */
const DAY_MONTH = new RegExp(`\\b${DAY_RANGE}\\s+(?:of\\s+)?${MONTH}(?:,?\\s+(\\d{4}))?\\b`, 'g');
/** "January 16, 2024", "May 14 and 15", "March 3". */
const MONTH_DAY = new RegExp(`\\b${MONTH}\\s+${DAY_RANGE}(?:,?\\s+(\\d{4}))?\\b(?!\\s*(?:st|nd|rd|th))`, 'g');
const ISO = /\b(\d{4})-(\d{2})-(\d{2})\b/g;

export interface DateHit {
  readonly index: number;
  readonly text: string;
  readonly day: number;
  readonly month: number;
  /** Null when the text gives day and month only. */
  readonly year: number | null;
}

function valid(year: number, month: number, day: number): boolean {
  return DateTime.fromObject({ year, month, day }, { zone: 'UTC' }).isValid;
}

/** Every calendar date written in a text, in order of appearance. */
export function findDates(text: string): DateHit[] {
  const hits: DateHit[] = [];
  for (const m of text.matchAll(DAY_MONTH)) {
    const month = MONTHS.indexOf(m[2]!.toLowerCase()) + 1;
    const year = m[3] ? Number(m[3]) : null;
    if (valid(year ?? 2000, month, Number(m[1])))
      hits.push({ index: m.index, text: m[0], day: Number(m[1]), month, year });
  }
  for (const m of text.matchAll(MONTH_DAY)) {
    if (hits.some((h) => m.index >= h.index && m.index < h.index + h.text.length)) continue;
    const month = MONTHS.indexOf(m[1]!.toLowerCase()) + 1;
    const year = m[3] ? Number(m[3]) : null;
    if (valid(year ?? 2000, month, Number(m[2])))
      hits.push({ index: m.index, text: m[0], day: Number(m[2]), month, year });
  }
  for (const m of text.matchAll(ISO)) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (valid(y, mo, d)) hits.push({ index: m.index, text: m[0], day: d, month: mo, year: y });
  }
  return hits.sort((a, b) => a.index - b.index);
}

export function isoOf(year: number, month: number, day: number): string {
  return DateTime.fromObject({ year, month, day }, { zone: 'UTC' }).toISODate() as string;
}

/**
 * A date's year when the text leaves it out: the publication's year, or the
 * year before when that would put the meeting after its own publication.
 */
export function completeDate(hit: DateHit, publishedOn: string | null, fallbackYear: number | null): string | null {
  if (hit.year !== null) return isoOf(hit.year, hit.month, hit.day);
  if (publishedOn) {
    const year = Number(publishedOn.slice(0, 4));
    if (!valid(year, hit.month, hit.day)) return null;
    const same = isoOf(year, hit.month, hit.day);
    return same > publishedOn ? isoOf(year - 1, hit.month, hit.day) : same;
  }
  if (fallbackYear !== null && valid(fallbackYear, hit.month, hit.day)) return isoOf(fallbackYear, hit.month, hit.day);
  return null;
}
