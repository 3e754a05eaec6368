import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { Commitment } from '../../src/domain/commitments.js';
import { buildCycle, type Round } from '../../src/domain/cycle.js';
import type { Dialogue } from '../../src/domain/types.js';
import { messages } from '../../src/i18n/index.js';
import { DEFAULT_ROUND_MINUTES, type FeedDialogue, type FeedOptions, renderFeed } from '../../src/presentation/feed.js';
import { testConfig } from '../support/store.js';
import { type ParsedEvent, parseFeed } from './ics.js';

const DIALOGUE: Dialogue = testConfig().dialogues[0]!.dialogue;
const NOW = new Date('2025-01-10T12:00:00Z');
const CHANGED = '2024-12-02T08:15:30.250Z';

function round(over: Partial<Round> & Pick<Round, 'edition'>): Round {
  return {
    dialogueId: DIALOGUE.id,
    year: 2024,
    host: 'MX',
    state: 'expected',
    date: null,
    time: null,
    timezone: 'America/Mexico_City',
    city: null,
    reason: null,
    hostInferred: null,
    sequence: 0,
    updatedAt: '2024-01-18T10:00:00.000Z',
    ...over,
  };
}

const HELD_1 = round({ edition: 1, state: 'held', date: '2024-01-16', year: 2024 });

function london(over: Partial<Round>): Round {
  return round({ edition: 2, host: 'GB', timezone: 'Europe/London', year: 2025, ...over });
}

function mexico(over: Partial<Round>): Round {
  return round({ edition: 3, host: 'MX', timezone: 'America/Mexico_City', year: 2026, ...over });
}

function commitment(over: Partial<Commitment> & Pick<Commitment, 'id'>): Commitment {
  return {
    dialogueId: DIALOGUE.id,
    edition: 1,
    paragraph: '7',
    theme: 'gender',
    text: 'Exchange good practices on gender equality.',
    summary: { en: 'Exchange good practices', es: 'Intercambiar buenas prácticas' },
    status: 'not-started',
    owners: {},
    dueDate: null,
    sequence: 0,
    createdAt: '2024-01-18T10:00:00.000Z',
    updatedAt: '2024-03-01T09:00:00.000Z',
    ...over,
  };
}

function part(rounds: Round[], commitments: Commitment[] = [], now = NOW): FeedDialogue {
  return {
    dialogue: DIALOGUE,
    updatedAt: CHANGED,
    entries: buildCycle(DIALOGUE, rounds, now, { ahead: 1 }),
    commitments,
  };
}

const OPTIONS: FeedOptions = { lang: 'en', refreshMinutes: 60, keepCancelledDays: 180, owner: null, now: NOW };

function render(parts: FeedDialogue[], over: Partial<FeedOptions> = {}) {
  return renderFeed(parts, { ...OPTIONS, ...over });
}

function event(events: ParsedEvent[], uid: string): ParsedEvent {
  const found = events.find((e) => e.uid === uid);
  if (!found) throw new Error(`no event ${uid} in ${events.map((e) => e.uid).join(', ')}`);
  return found;
}

const ROUND_2 = 'round-mexico-uk-2@dialogue-tracker';
const ROUND_3 = 'round-mexico-uk-3@dialogue-tracker';

describe('feed instants (ical.js reading our VTIMEZONEs) match luxon', () => {
  // Europe/London changes at 01:00 UTC on the last Sunday of March and of October.
  const cases: [label: string, zone: string, date: string, time: string, utc: string][] = [
    ['London, GMT, the day before the spring change', 'Europe/London', '2025-03-29', '10:00', '2025-03-29T10:00:00Z'],
    ['London, GMT, just before the spring change', 'Europe/London', '2025-03-30', '00:30', '2025-03-30T00:30:00Z'],
    ['London, BST, just after the spring change', 'Europe/London', '2025-03-30', '02:30', '2025-03-30T01:30:00Z'],
    ['London, BST, the day after the spring change', 'Europe/London', '2025-03-31', '10:00', '2025-03-31T09:00:00Z'],
    ['London, BST, the day before the autumn change', 'Europe/London', '2025-10-25', '10:00', '2025-10-25T09:00:00Z'],
    ['London, BST, just before the autumn change', 'Europe/London', '2025-10-26', '00:30', '2025-10-25T23:30:00Z'],
    ['London, GMT, just after the autumn change', 'Europe/London', '2025-10-26', '02:30', '2025-10-26T02:30:00Z'],
    ['London, GMT, the day after the autumn change', 'Europe/London', '2025-10-27', '10:00', '2025-10-27T10:00:00Z'],
    [
      'Mexico City in July (UTC−6: no DST since 2022)',
      'America/Mexico_City',
      '2025-07-15',
      '10:00',
      '2025-07-15T16:00:00Z',
    ],
  ];

  it.each(cases)('%s', (_label, zone, date, time, utc) => {
    const scheduled = { state: 'scheduled' as const, date, time, year: Number(date.slice(0, 4)), sequence: 1 };
    const rounds =
      zone === 'Europe/London'
        ? [HELD_1, london(scheduled)]
        : [HELD_1, london({ state: 'held', date: '2025-05-14', sequence: 2 }), mexico(scheduled)];
    const feed = parseFeed(render([part(rounds)]).body);
    const uid = zone === 'Europe/London' ? ROUND_2 : ROUND_3;
    const e = event(feed.events, uid);
    const expected = DateTime.fromISO(`${date}T${time}`, { zone });
    expect(e.allDay).toBe(false);
    expect(e.tzid).toBe(zone);
    expect(e.startUtc).toBe(expected.toMillis());
    expect(e.startUtc).toBe(Date.parse(utc));
    // No end time given: the documented default (on the wall clock), said in the description.
    const wall = (ms: number) => DateTime.fromMillis(ms, { zone }).toFormat('HH:mm');
    expect(wall(e.endUtc)).toBe(expected.plus({ minutes: DEFAULT_ROUND_MINUTES }).toFormat('HH:mm'));
    expect(e.description).toContain('No end time was given: shown as one hour from the start.');
    expect(feed.raw).toContain(`DTSTART;TZID=${zone}:${date.replace(/-/g, '')}T${time.replace(':', '')}00\r\n`);
    for (const tzid of feed.tzidsUsed) expect(feed.vtimezones).toContain(tzid);
  });

  it('agrees with luxon for any meeting time in either capital, 2024–2035', () => {
    const zones = ['Europe/London', 'America/Mexico_City'] as const;
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.date({ min: new Date('2024-02-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 7, max: 21 }),
        fc.integer({ min: 0, max: 59 }),
        (zone, d, hour, minute) => {
          const date = d.toISOString().slice(0, 10);
          const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
          const scheduled = { state: 'scheduled' as const, date, time, year: Number(date.slice(0, 4)) };
          const r = zone === 'Europe/London' ? london(scheduled) : mexico({ ...scheduled, edition: 2 });
          const e = event(parseFeed(render([part([HELD_1, r])]).body).events, ROUND_2);
          expect(e.startUtc).toBe(DateTime.fromISO(`${date}T${time}`, { zone }).toMillis());
        },
      ),
      { numRuns: 150 },
    );
  });

  it('gives every TZID a VTIMEZONE, and Mexico City no daylight-saving rule', () => {
    const rounds = [
      HELD_1,
      london({ state: 'held', date: '2025-05-14', time: '10:00' }),
      mexico({ state: 'scheduled', date: '2026-07-01', time: '09:30' }),
    ];
    const feed = parseFeed(render([part(rounds)]).body);
    expect(feed.tzidsUsed.sort()).toEqual(['America/Mexico_City', 'Europe/London']);
    expect(feed.vtimezones.sort()).toEqual(['America/Mexico_City', 'Europe/London']);
    const mx = /BEGIN:VTIMEZONE\r\nTZID:America\/Mexico_City\r\n[\s\S]*?END:VTIMEZONE/.exec(feed.raw)![0];
    expect(mx).not.toContain('DAYLIGHT');
    expect(mx).not.toContain('RRULE');
    expect(mx).toContain('TZOFFSETTO:-0600');
    const gb = /BEGIN:VTIMEZONE\r\nTZID:Europe\/London\r\n[\s\S]*?END:VTIMEZONE/.exec(feed.raw)![0];
    expect(gb).toContain('RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU');
    expect(gb).toContain('RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU');
  });
});

describe('round events', () => {
  it('shows an expected round with no date as an all-day tentative placeholder on the projected date', () => {
    const feed = parseFeed(render([part([HELD_1, london({})])]).body);
    const e = event(feed.events, ROUND_2);
    expect(e).toMatchObject({
      allDay: true,
      status: 'TENTATIVE',
      transp: 'TRANSPARENT',
      startDate: '2025-01-16',
      endDate: '2025-01-17',
    });
    expect(e.summary).toBe('Round 2 · Mexico–UK Multilateral and Human Rights Dialogue — date not fixed yet');
    expect(e.location).toBeNull();
    expect(e.description).toContain('Expected in the United Kingdom in 2025');
    // The next open round is recorded: nothing projected beyond it.
    expect(feed.events.map((x) => x.uid)).not.toContain(ROUND_3);
  });

  it('projects the round after the last one held as a placeholder, once', () => {
    const rounds = [HELD_1, london({ state: 'held', date: '2025-05-14', time: '10:00', sequence: 3 })];
    const feed = parseFeed(render([part(rounds)]).body);
    const held = event(feed.events, ROUND_2);
    expect(held).toMatchObject({ status: 'CONFIRMED', sequence: 3, allDay: false, tzid: 'Europe/London' });
    const projected = event(feed.events, ROUND_3);
    expect(projected).toMatchObject({ status: 'TENTATIVE', allDay: true, startDate: '2026-05-14', sequence: 0 });
    // Nobody gave a place: no LOCATION (the host's capital would be a guess).
    expect(projected.location).toBeNull();
    expect(feed.events.filter((x) => x.uid.startsWith('round-'))).toHaveLength(3);
  });

  it('shows a held round as it happened: all-day on its date without a time', () => {
    const e = event(parseFeed(render([part([HELD_1])]).body).events, 'round-mexico-uk-1@dialogue-tracker');
    expect(e).toMatchObject({ allDay: true, startDate: '2024-01-16', endDate: '2024-01-17', status: 'CONFIRMED' });
    // No city was recorded: no LOCATION rather than a capital nobody gave.
    expect(e.location).toBeNull();
  });

  it('keeps postponed and cancelled rounds as CANCELLED for keepCancelledDays, then drops them', () => {
    const postponedAt = '2025-01-05T10:00:00.000Z';
    const rounds = [
      HELD_1,
      london({
        state: 'postponed',
        date: '2025-03-10',
        time: '10:00',
        reason: 'elections',
        sequence: 2,
        updatedAt: postponedAt,
      }),
    ];
    const fresh = render([part(rounds)]);
    const e = event(parseFeed(fresh.body).events, ROUND_2);
    expect(e.status).toBe('CANCELLED');
    expect(e.summary).toBe('Round 2 · Mexico–UK Multilateral and Human Rights Dialogue — postponed');
    expect(e.description).toContain('Reason: elections');
    const dropAt = DateTime.fromISO('2025-03-10', { zone: 'utc' }).plus({ days: 180 }).toMillis();
    expect(fresh.expiresAt).toBe(dropAt);
    const later = render([part(rounds)], { now: new Date(dropAt + 1000) });
    expect(parseFeed(later.body).events.map((x) => x.uid)).not.toContain(ROUND_2);
    expect(later.lastModified.getTime()).toBe(dropAt);
    const cancelled = london({ state: 'cancelled', date: null, updatedAt: postponedAt, sequence: 1 });
    const c = event(parseFeed(render([part([HELD_1, cancelled])]).body).events, ROUND_2);
    expect(c).toMatchObject({ status: 'CANCELLED', allDay: true, startDate: '2025-01-16' });
    expect(c.summary).toBe('Round 2 · Mexico–UK Multilateral and Human Rights Dialogue — cancelled');
  });

  it('with nothing recorded, projects into the current year and says when that stops being true', () => {
    const now = new Date('2025-06-01T00:00:00Z');
    const out = render([part([], [], now)], { now });
    const e = event(parseFeed(out.body).events, 'round-mexico-uk-1@dialogue-tracker');
    expect(e).toMatchObject({ status: 'TENTATIVE', startDate: '2026-07-01' });
    expect(out.expiresAt).toBe(Date.parse('2026-01-01T00:00:00Z'));
    expect(out.lastModified.getTime()).toBe(Date.parse('2025-01-01T00:00:00Z'));
  });

  it('keeps UIDs stable across renders and changes, with DTSTAMP the last change in UTC', () => {
    const a = parseFeed(render([part([HELD_1, london({})])]).body);
    const moved = london({ state: 'scheduled', date: '2025-05-14', time: '10:00', sequence: 1, updatedAt: CHANGED });
    const b = parseFeed(render([part([HELD_1, moved])], { now: new Date('2025-02-01T00:00:00Z') }).body);
    expect(a.events.map((e) => e.uid)).toEqual(b.events.map((e) => e.uid));
    expect(event(b.events, ROUND_2).sequence).toBe(1);
    expect(event(b.events, ROUND_2).dtstampRaw).toBe('20241202T081530Z');
    for (const e of [...a.events, ...b.events]) expect(e.dtstampRaw).toMatch(/^\d{8}T\d{6}Z$/);
  });
});

describe('commitment deadlines', () => {
  const owned = commitment({ id: 'R1-7a', dueDate: '2024-12-31', owners: { MX: 'UANA1', GB: 'UBEN2' }, sequence: 4 });
  const other = commitment({
    id: 'R1-6',
    dueDate: '2024-02-29',
    status: 'done',
    summary: null,
    text: 'Hold a seminar.',
  });
  const undated = commitment({ id: 'R1-4' });

  it('are all-day, transparent, end the next day, and carry ID, status and owners', () => {
    const feed = parseFeed(render([part([HELD_1], [owned, other, undated])]).body);
    const a = event(feed.events, 'commitment-mexico-uk-R1-7a@dialogue-tracker');
    expect(a).toMatchObject({ allDay: true, transp: 'TRANSPARENT', startDate: '2024-12-31', endDate: '2025-01-01' });
    expect(a.sequence).toBe(4);
    expect(a.summary).toBe('Due: R1-7a · Exchange good practices');
    expect(a.description).toContain('ID: R1-7a');
    expect(a.description).toContain('Status: not started');
    expect(a.description).toContain('Mexico: @UANA1');
    expect(a.description).toContain('the United Kingdom: @UBEN2');
    expect(feed.raw).toContain('DTSTART;VALUE=DATE:20241231\r\nDTEND;VALUE=DATE:20250101\r\n');
    const b = event(feed.events, 'commitment-mexico-uk-R1-6@dialogue-tracker');
    expect(b).toMatchObject({ startDate: '2024-02-29', endDate: '2024-03-01' });
    // Closed, it says so as a round does, in chat's word for the status.
    expect(b.summary).toBe('Due: R1-6 · Hold a seminar. — done');
    expect(feed.events.map((e) => e.uid)).not.toContain('commitment-mexico-uk-R1-4@dialogue-tracker');
  });

  it('a closed one is titled with its status in the reader’s language, the word chat uses', () => {
    const dropped = commitment({ id: 'R1-5', dueDate: '2024-03-01', status: 'dropped', summary: null, text: 'Visit.' });
    for (const lang of ['en', 'es'] as const) {
      const t = messages(lang);
      const feed = parseFeed(render([part([HELD_1], [other, dropped])], { lang }).body);
      expect(event(feed.events, 'commitment-mexico-uk-R1-6@dialogue-tracker').summary).toBe(
        `${t.calendar.feed.due('R1-6', 'Hold a seminar.')} — ${t.status.done}`,
      );
      expect(event(feed.events, 'commitment-mexico-uk-R1-5@dialogue-tracker').summary).toBe(
        `${t.calendar.feed.due('R1-5', 'Visit.')} — ${t.status.dropped}`,
      );
    }
    expect(
      event(
        parseFeed(render([part([HELD_1], [other])], { lang: 'es' }).body).events,
        'commitment-mexico-uk-R1-6@dialogue-tracker',
      ).summary,
    ).toBe('Vence: R1-6 · Hold a seminar. — cumplido');
  });

  it('can be narrowed to the subscriber’s own', () => {
    const uids = (owner: string | null) =>
      parseFeed(render([part([HELD_1], [owned, other])], { owner }).body)
        .events.map((e) => e.uid)
        .filter((u) => u.startsWith('commitment'));
    expect(uids(null)).toHaveLength(2);
    expect(uids('UBEN2')).toEqual(['commitment-mexico-uk-R1-7a@dialogue-tracker']);
    expect(uids('UNOBODY')).toEqual([]);
  });
});

describe('the iCalendar text', () => {
  const injected = london({
    state: 'scheduled',
    date: '2025-05-14',
    time: '10:00',
    city: 'Lancaster House\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil; a, b \\ c\u2028x\u0007',
    reason: null,
  });
  const long = commitment({
    id: 'A1',
    edition: null,
    paragraph: null,
    dueDate: '2025-02-01',
    summary: null,
    text: `Ñandú ${'é'.repeat(90)} 🇲🇽🇬🇧 ${'x'.repeat(50)}\nSecond line`,
  });
  const body = render([part([HELD_1, injected], [long])]).body;

  it('uses CRLF everywhere, ends with CRLF and folds lines at 75 octets', () => {
    expect(body.endsWith('END:VCALENDAR\r\n')).toBe(true);
    const lines = body.slice(0, -2).split('\r\n');
    for (const line of lines) {
      expect(line).not.toMatch(/[\r\n]/);
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    }
    expect(lines.some((l) => l.startsWith(' '))).toBe(true);
  });

  it('escapes user text so it cannot add properties or events', () => {
    const feed = parseFeed(body);
    expect(feed.events.map((e) => e.uid)).toEqual([
      'round-mexico-uk-1@dialogue-tracker',
      ROUND_2,
      'commitment-mexico-uk-A1@dialogue-tracker',
    ]);
    expect(body.split('\r\n')).not.toContain('UID:evil; a, b \\ c');
    expect(event(feed.events, ROUND_2).location).toBe(
      'Lancaster House\nEND:VEVENT\nBEGIN:VEVENT\nUID:evil; a, b \\ c\nx',
    );
    expect(event(feed.events, 'commitment-mexico-uk-A1@dialogue-tracker').description).toContain(long.text);
  });

  it('names the calendar, asks for hourly refresh and has no METHOD', () => {
    const feed = parseFeed(body);
    expect(feed.props.NAME).toBe(DIALOGUE.name.en);
    expect(feed.props['X-WR-CALNAME']).toBe(DIALOGUE.name.en);
    expect(body).toContain('\r\nREFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n');
    expect(body).toContain('\r\nX-PUBLISHED-TTL:PT1H\r\n');
    expect(body).not.toMatch(/^METHOD:/m);
    expect(feed.props.VERSION).toBe('2.0');
  });

  it('gives the same bytes for the same data, whenever it is rendered', () => {
    const again = render([part([HELD_1, injected], [long], new Date('2025-03-01T00:00:00Z'))], {
      now: new Date('2025-03-01T00:00:00Z'),
    }).body;
    expect(again).toBe(body);
  });

  it('speaks the subscriber’s language', () => {
    const es = parseFeed(render([part([HELD_1, london({})], [long])], { lang: 'es' }).body);
    expect(es.props.NAME).toBe(DIALOGUE.name.es);
    const e = event(es.events, ROUND_2);
    expect(e.summary).toContain('Ronda 2');
    expect(e.summary).toContain('— fecha aún sin fijar');
    expect(e.location).toBeNull();
    expect(event(es.events, 'commitment-mexico-uk-A1@dialogue-tracker').summary).toMatch(/^Vence: A1 · /);
  });
});
