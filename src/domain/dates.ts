import { DateTime } from 'luxon';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^([01]?\d|2[0-3]):([0-5]\d)$/;

/** A strict calendar date `YYYY-MM-DD` (rejects 2025-02-30), or null. */
export function parseIsoDate(text: string): string | null {
  const m = DATE_RE.exec(text.trim());
  if (!m) return null;
  const d = DateTime.fromObject({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }, { zone: 'UTC' });
  return d.isValid ? (d.toISODate() as string) : null;
}

/** A 24-hour `HH:MM`, normalised to two-digit hours, or null. */
export function parseClockTime(text: string): string | null {
  const m = TIME_RE.exec(text.trim());
  if (!m) return null;
  return `${m[1]!.padStart(2, '0')}:${m[2]}`;
}

export function isValidZone(zone: string): boolean {
  return DateTime.now().setZone(zone).isValid;
}

/** The calendar date of an instant as seen in a zone. */
export function localDate(now: Date, zone: string): string {
  return DateTime.fromJSDate(now, { zone }).toISODate() as string;
}

export function localYear(now: Date, zone: string): number {
  return DateTime.fromJSDate(now, { zone }).year;
}

/** Wall-clock date + optional time in a zone → the instant (start of day when no time). */
export function wallClockToInstant(date: string, time: string | null, zone: string): DateTime {
  const [h, min] = (time ?? '00:00').split(':').map(Number);
  return DateTime.fromISO(date, { zone }).set({ hour: h, minute: min, second: 0, millisecond: 0 });
}

/** Whole days from `from` to `to` counted on the calendar (both ISO dates). */
export function daysBetween(from: string, to: string): number {
  return Math.round(DateTime.fromISO(to, { zone: 'UTC' }).diff(DateTime.fromISO(from, { zone: 'UTC' }), 'days').days);
}
