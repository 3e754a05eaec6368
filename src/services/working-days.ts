import { createRequire } from 'node:module';
import type Holidays from 'date-holidays';
import { DateTime } from 'luxon';
import type { ReminderRules, WorkingCalendar } from '../domain/reminders.js';
import { BoundedMap } from '../lib/bounded-map.js';

/**
 * The working-day calendar the reminder plan is given: weekends and the public
 * (and bank) holidays of `date-holidays`. Kept out of src/domain so the plan
 * stays pure; tests of the plan get this same calendar.
 */

const holidayCache = new Map<string, Set<string>>();
const calendars = new Map<string, Holidays>();

/**
 * date-holidays (~0.3 s and ~20 MB to load) is required on first use, not at
 * start: /healthz is ready sooner and a process that never plans reminders
 * (the CLI's ask, status, import) never pays for it.
 */
let HolidaysClass: typeof Holidays | null = null;
function holidaysClass(): typeof Holidays {
  HolidaysClass ??= createRequire(import.meta.url)('date-holidays') as typeof Holidays;
  return HolidaysClass;
}

/** Public (and bank) holidays of a country (`GB`, `MX`, or with a region: `GB-ENG`) in a year. */
export function publicHolidays(country: string, year: number): ReadonlySet<string> {
  const cacheKey = `${country}:${year}`;
  let days = holidayCache.get(cacheKey);
  if (!days) {
    let calendar = calendars.get(country);
    if (!calendar) {
      const [c, region] = country.split('-');
      const HolidaysOf = holidaysClass();
      calendar = region ? new HolidaysOf(c!, region) : new HolidaysOf(c!);
      calendars.set(country, calendar);
    }
    days = new Set(
      calendar
        .getHolidays(year)
        .filter((h) => h.type === 'public' || h.type === 'bank')
        .map((h) => h.date.slice(0, 10)),
    );
    holidayCache.set(cacheKey, days);
  }
  return days;
}

const workingDayCache = new BoundedMap<string, boolean>(20_000);

export function isWorkingDay(date: string, country: string): boolean {
  const cacheKey = `${country}:${date}`;
  let working = workingDayCache.get(cacheKey);
  if (working === undefined) {
    const d = DateTime.fromISO(date, { zone: 'UTC' });
    working = d.weekday < 6 && !publicHolidays(country, d.year).has(date);
    workingDayCache.set(cacheKey, working);
  }
  return working;
}

/**
 * A side's holiday calendar: the configured `workingDays.country` when it is
 * that side's (`GB-ENG` for GB), else England's for the UK (so the August
 * bank holiday counts; Scotland's differs) and the country itself otherwise.
 */
const SIDE_REGIONS: Readonly<Record<string, string>> = { GB: 'GB-ENG', UK: 'GB-ENG' };

export function countryOfSide(partyCode: string, rules: Pick<ReminderRules, 'workingDays'>): string {
  const code = partyCode.toUpperCase();
  const configured = rules.workingDays.country;
  const base = code === 'UK' ? 'GB' : code;
  if (configured.split('-')[0]!.toUpperCase() === base) return configured;
  return SIDE_REGIONS[code] ?? base;
}

export const workingCalendar: WorkingCalendar = { isWorkingDay, countryOfSide };
