import ICAL from 'ical.js';

export interface ParsedEvent {
  readonly uid: string;
  readonly sequence: number;
  readonly summary: string;
  readonly description: string;
  readonly location: string | null;
  readonly status: string | null;
  readonly transp: string | null;
  readonly allDay: boolean;
  /** The instant the event starts, as ical.js computes it from the feed (and its VTIMEZONEs). */
  readonly startUtc: number;
  readonly endUtc: number;
  /** `YYYY-MM-DD` for all-day events. */
  readonly startDate: string;
  readonly endDate: string;
  readonly tzid: string | null;
  /** DTSTAMP exactly as written. */
  readonly dtstampRaw: string;
}

export interface ParsedFeed {
  readonly props: Record<string, string>;
  readonly events: ParsedEvent[];
  readonly vtimezones: string[];
  readonly tzidsUsed: string[];
  readonly raw: string;
}

/**
 * Parses a feed with ical.js. Only the VTIMEZONEs the feed itself carries are
 * registered (ical.js has no zone data of its own), so instants are computed
 * from what calendar apps would read.
 */
export function parseFeed(text: string): ParsedFeed {
  ICAL.TimezoneService.reset();
  const root = new ICAL.Component(ICAL.parse(text));
  const vtimezones = root.getAllSubcomponents('vtimezone');
  for (const tz of vtimezones) ICAL.TimezoneService.register(tz);
  const props: Record<string, string> = {};
  for (const p of root.getAllProperties()) props[p.name.toUpperCase()] = String(p.getFirstValue());
  const tzidsUsed = new Set<string>();
  const events = root.getAllSubcomponents('vevent').map((vevent): ParsedEvent => {
    const event = new ICAL.Event(vevent);
    const tzid = vevent.getFirstProperty('dtstart')?.getParameter('tzid');
    const endTzid = vevent.getFirstProperty('dtend')?.getParameter('tzid');
    for (const z of [tzid, endTzid]) if (typeof z === 'string') tzidsUsed.add(z);
    const start = event.startDate;
    const end = event.endDate;
    const dtstamp = /\r\nDTSTAMP:([^\r]*)\r\n/.exec(vevent.toString().replace(/^/, '\r\n'));
    return {
      uid: event.uid,
      sequence: event.sequence,
      summary: event.summary,
      description: event.description,
      location: event.location ?? null,
      status: (vevent.getFirstPropertyValue('status') as string | null) ?? null,
      transp: (vevent.getFirstPropertyValue('transp') as string | null) ?? null,
      allDay: start.isDate,
      startUtc: start.toUnixTime() * 1000,
      endUtc: end.toUnixTime() * 1000,
      startDate: start.toString().slice(0, 10),
      endDate: end.toString().slice(0, 10),
      tzid: typeof tzid === 'string' ? tzid : null,
      dtstampRaw: dtstamp?.[1] ?? '',
    };
  });
  return {
    props,
    events,
    vtimezones: vtimezones.map((c) => String(c.getFirstPropertyValue('tzid'))),
    tzidsUsed: [...tzidsUsed],
    raw: text,
  };
}
