import { DateTime } from 'luxon';
import { en, type LanguageTable } from './lang/index.js';

export interface DateHit {
  readonly index: number;
  readonly text: string;
  readonly day: number;
  readonly month: number;
  /** Null when the text gives day and month only. */
  readonly year: number | null;
}

/** A day named by its relation to the publication ("today", "on Monday", "este martes"). */
export interface RelativeDayHit {
  readonly index: number;
  readonly text: string;
  /** Days before the publication date: 0 today, 1 yesterday; for a weekday, null (the latest such day). */
  readonly daysBefore: number | null;
  /** ISO weekday (1 Monday … 7 Sunday), when a weekday is named. */
  readonly weekday: number | null;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Patterns {
  dayMonth: RegExp;
  monthDay: RegExp | null;
  monthIndex: Map<string, number>;
  relative: RegExp;
  weekdayIndex: Map<string, number>;
}

const cache = new Map<string, Patterns>();

function patterns(lang: LanguageTable): Patterns {
  const have = cache.get(lang.code);
  if (have) return have;
  const monthIndex = new Map<string, number>();
  lang.months.forEach((names, i) => {
    for (const n of names) monthIndex.set(n.toLowerCase(), i + 1);
  });
  const flags = lang.monthsCaseSensitive ? 'gu' : 'giu';
  const month = `(${lang.months
    .flat()
    .sort((a, b) => b.length - a.length)
    .map(escapeRe)
    .join('|')})`;
  const day = `(\\d{1,2})(?:${lang.ordinalSuffix})?`;
  const range = `${day}(?:\\s*(?:${lang.dayRangeLink})\\s*\\d{1,2}(?:${lang.ordinalSuffix})?)?`;
  const link = lang.dayMonthLink ? `(?:${lang.dayMonthLink}\\s+)?` : '';
  const yearLink = lang.monthYearLink ? `(?:(?:${lang.monthYearLink})\\s+)?` : '';
  // "16 January 2024", "14-15 May 2025", "3 March"; "21 de junio de 2016", "20 y 21 de junio".
  const dayMonth = new RegExp(`\\b${range}\\s+${link}${month}\\b(?:,?\\s+${yearLink}(\\d{4}))?\\b`, flags);
  // "January 16, 2024", "May 14 and 15" (English only).
  const monthDay =
    lang.code === 'en'
      ? new RegExp(`\\b${month}\\.?\\s+${range}(?:,?\\s+(\\d{4}))?\\b(?!\\s*(?:st|nd|rd|th))`, flags)
      : null;
  const weekdayIndex = new Map<string, number>();
  lang.weekdays.forEach((names, i) => {
    for (const n of names) weekdayIndex.set(n.toLowerCase(), i + 1);
  });
  const weekday = [...weekdayIndex.keys()].map(escapeRe).join('|');
  const relative = new RegExp(
    `(?<![\\p{L}])(?:(${lang.today}|${lang.yesterday})|(?:(?:${lang.weekdayLead})\\s+)?(${weekday}))(?![\\p{L}])`,
    'giu',
  );
  const built = { dayMonth, monthDay, monthIndex, relative, weekdayIndex };
  cache.set(lang.code, built);
  return built;
}

const ISO = /\b(\d{4})-(\d{2})-(\d{2})\b/g;
/** "20/07/2017", "14.07.2020": day first, as European and Latin American pages write them. */
const NUMERIC = /(?<![\d/.])(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?![\d/.])/g;

function valid(year: number, month: number, day: number): boolean {
  return DateTime.fromObject({ year, month, day }, { zone: 'UTC' }).isValid;
}

/** Every calendar date written in a text, in order of appearance. */
export function findDates(text: string, lang: LanguageTable = en): DateHit[] {
  const p = patterns(lang);
  const hits: DateHit[] = [];
  const overlaps = (index: number) => hits.some((h) => index >= h.index && index < h.index + h.text.length);
  for (const m of text.matchAll(p.dayMonth)) {
    const month = p.monthIndex.get(m[2]!.toLowerCase())!;
    const year = m[3] ? Number(m[3]) : null;
    if (valid(year ?? 2000, month, Number(m[1])))
      hits.push({ index: m.index, text: m[0], day: Number(m[1]), month, year });
  }
  if (p.monthDay)
    for (const m of text.matchAll(p.monthDay)) {
      if (overlaps(m.index)) continue;
      const month = p.monthIndex.get(m[1]!.toLowerCase())!;
      // "May" is also a verb: only as a month when a day follows directly.
      const year = m[3] ? Number(m[3]) : null;
      if (valid(year ?? 2000, month, Number(m[2])))
        hits.push({ index: m.index, text: m[0], day: Number(m[2]), month, year });
    }
  for (const m of text.matchAll(ISO)) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (valid(y, mo, d) && !overlaps(m.index)) hits.push({ index: m.index, text: m[0], day: d, month: mo, year: y });
  }
  for (const m of text.matchAll(NUMERIC)) {
    const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (valid(y, mo, d) && !overlaps(m.index)) hits.push({ index: m.index, text: m[0], day: d, month: mo, year: y });
  }
  return hits.sort((a, b) => a.index - b.index);
}

/** Days named relative to the publication ("today", "on Monday", "este martes", "ayer"). */
export function findRelativeDays(text: string, lang: LanguageTable = en): RelativeDayHit[] {
  const p = patterns(lang);
  const out: RelativeDayHit[] = [];
  for (const m of text.matchAll(p.relative)) {
    if (m[1]) {
      const w = m[1].toLowerCase();
      out.push({ index: m.index, text: m[0], daysBefore: w === lang.yesterday ? 1 : 0, weekday: null });
    } else if (m[2]) {
      // A bare weekday in English is only a date when led by "on"/"last"/"this".
      if (m[0].toLowerCase() === m[2].toLowerCase() && lang.code === 'en') continue;
      out.push({ index: m.index, text: m[0], daysBefore: null, weekday: p.weekdayIndex.get(m[2].toLowerCase())! });
    }
  }
  return out;
}

/** The date a relative day names, counted back from the publication date. */
export function resolveRelative(hit: RelativeDayHit, publishedOn: string): string {
  const pub = DateTime.fromISO(publishedOn, { zone: 'UTC' });
  if (hit.weekday === null) return pub.minus({ days: hit.daysBefore ?? 0 }).toISODate() as string;
  const back = (pub.weekday - hit.weekday + 7) % 7;
  return pub.minus({ days: back }).toISODate() as string;
}

export function isoOf(year: number, month: number, day: number): string {
  return DateTime.fromObject({ year, month, day }, { zone: 'UTC' }).toISODate() as string;
}

/**
 * A date's year when the text leaves it out: the publication's year, or the
 * year before when that would put the meeting after its own publication;
 * without a publication date, the fallback year (the title's, or of the
 * nearest date written in full).
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
