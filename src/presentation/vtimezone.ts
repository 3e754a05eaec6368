import { tzlib_get_ical_block } from 'timezones-ical-library';

const cache = new Map<string, string | null>();

/**
 * The VTIMEZONE block for an IANA zone, from timezones-ical-library's
 * current tz data in the yearly RRULE form Google, Outlook and Apple all
 * read (Mexico City: one STANDARD rule, UTC−6, no DST since October 2022).
 * Null when the library does not know the zone.
 */
export function vtimezone(zone: string): string | null {
  let block = cache.get(zone);
  if (block === undefined) {
    const out = tzlib_get_ical_block(zone);
    block = Array.isArray(out) && typeof out[0] === 'string' && out[0].startsWith('BEGIN:VTIMEZONE') ? out[0] : null;
    cache.set(zone, block);
  }
  return block;
}
