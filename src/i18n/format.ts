import { DateTime } from 'luxon';
import type { Lang, Localized } from '../domain/types.js';

const LOCALE: Record<Lang, string> = { en: 'en-GB', es: 'es-MX' };

export function pick(text: Localized, lang: Lang): string {
  return text[lang];
}

/** `16 January 2024` / `16 de enero de 2024`. */
export function formatDate(isoDate: string, lang: Lang): string {
  return DateTime.fromISO(isoDate, { zone: 'UTC' }).setLocale(LOCALE[lang]).toLocaleString(DateTime.DATE_FULL);
}

/** `Tuesday 14 May 2025` / `martes 14 de mayo de 2025` (Mexican usage: no comma after the weekday). */
export function formatLongDate(isoDate: string, lang: Lang): string {
  const day = DateTime.fromISO(isoDate, { zone: 'UTC' }).setLocale(LOCALE[lang]);
  return lang === 'es' ? day.toFormat("cccc d 'de' LLLL 'de' yyyy") : day.toLocaleString(DateTime.DATE_HUGE);
}

/**
 * A Spanish preposition before a name that may carry the article: `a` + `el
 * Reino Unido` is `al Reino Unido`, `de` + `el …` is `del …`. Only the
 * lower-case article contracts: a proper name such as `El Salvador` does not
 * (`a El Salvador`).
 */
export function withPreposition(preposition: 'a' | 'de', name: string): string {
  if (name.startsWith('el ')) return `${preposition === 'a' ? 'al' : 'del'} ${name.slice(3)}`;
  return `${preposition} ${name}`;
}

/**
 * The zone's usual abbreviation at that instant (`BST`, `GMT`, `CST`). ICU
 * knows British names under en-GB and North American ones under en-US, so try
 * both before falling back to a numeric offset (`UTC−6`).
 */
export function zoneAbbreviation(instant: DateTime): string {
  // luxon builds a new Intl.DateTimeFormat for every offsetNameShort (most of the
  // CPU of a `/dialogue next`); the name depends only on the zone and its offset.
  const key = `${instant.zoneName}|${instant.offset}|${instant.isInDST}`;
  let name = abbreviations.get(key);
  if (name === undefined) {
    name = abbreviationOf(instant);
    abbreviations.set(key, name);
  }
  return name;
}

const abbreviations = new Map<string, string>();

function abbreviationOf(instant: DateTime): string {
  for (const loc of ['en-GB', 'en-US']) {
    const name = instant.setLocale(loc).offsetNameShort;
    if (name && !/^(GMT|UTC)[+-]/.test(name)) return name;
  }
  return `UTC${instant.toFormat('ZZ').replace('-', '−').replace(/:00$/, '')}`;
}

/** `10:00 BST` — wall-clock time of an instant in a zone, with the zone's abbreviation. */
export function formatClock(instant: DateTime, zone: string, lang: Lang): string {
  const local = instant.setZone(zone).setLocale(LOCALE[lang]);
  return `${local.toFormat('HH:mm')} ${zoneAbbreviation(local)}`;
}

/** `14 May 2025 10:00 BST`-style stamp for lists. */
export function formatDateTime(instant: DateTime, zone: string, lang: Lang): string {
  const local = instant.setZone(zone).setLocale(LOCALE[lang]);
  return `${local.toLocaleString(DateTime.DATE_MED)} ${local.toFormat('HH:mm')} ${zoneAbbreviation(local)}`;
}

/** Capitalises the first letter (for names like "the United Kingdom" at the start of a line). */
export function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}
