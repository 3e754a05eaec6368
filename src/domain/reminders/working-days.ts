import { DateTime } from 'luxon';
import type { ReminderRules, WorkingCalendar } from './types.js';

export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate() as string;
}

/**
 * The day a reminder meant for `date` fires on: the next working day (of
 * `country`) when `date` is a weekend or a public holiday — unless the event
 * itself (`anchor`) is that day. A reminder before an event never moves onto
 * or past it: then it moves back to the working day before.
 */
export function workingDayFor(
  date: string,
  rules: Pick<ReminderRules, 'workingDays'>,
  calendar: WorkingCalendar,
  anchor: string | null = null,
  country: string = rules.workingDays.country,
): string {
  if (!rules.workingDays.enabled || date === anchor || calendar.isWorkingDay(date, country)) return date;
  let forward = addDays(date, 1);
  while (!calendar.isWorkingDay(forward, country)) forward = addDays(forward, 1);
  if (anchor === null || date > anchor || forward < anchor) return forward;
  let back = addDays(date, -1);
  while (!calendar.isWorkingDay(back, country)) back = addDays(back, -1);
  return back;
}
