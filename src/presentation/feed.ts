import ical, { ICalEventStatus, ICalEventTransparency, escape as icalEscape } from 'ical-generator';
import { DateTime } from 'luxon';
import type { Commitment } from '../domain/commitments.js';
import { type CycleEntry, DEFAULT_ROUND_MINUTES, hostParty, isClosed, roundLabel } from '../domain/cycle.js';
import type { Dialogue, Lang } from '../domain/types.js';
import { commitmentWords, describeWhen, markForeign } from '../i18n/describe.js';
import { formatDate, messages, pick } from '../i18n/index.js';
import { vtimezone } from './vtimezone.js';

/** One dialogue's part of a feed: what the store holds, read once per render. */
export interface FeedDialogue {
  readonly dialogue: Dialogue;
  /** When the dialogue last changed (its row's `updated_at`, bumped by every change). */
  readonly updatedAt: string;
  /** The cycle (recorded rounds plus projections) as `buildCycle` returns it. */
  readonly entries: readonly CycleEntry[];
  readonly commitments: readonly Commitment[];
}

export interface FeedOptions {
  readonly lang: Lang;
  /** REFRESH-INTERVAL / X-PUBLISHED-TTL. */
  readonly refreshMinutes: number;
  /** Postponed and cancelled rounds stay (as CANCELLED) this long after their date or their change. */
  readonly keepCancelledDays: number;
  /** Only commitments this user owns on either side (`mine`); null for all. */
  readonly owner: string | null;
  /**
   * Decides which cancelled rounds have aged out, and the day a round with no
   * fixed date is marked on once its projected day has passed (today).
   */
  readonly now: Date;
  /** Slack display names of owners, by user ID (a calendar cannot show a mention); IDs without one show as @ID. */
  readonly names?: ReadonlyMap<string, string>;
}

export interface RenderedFeed {
  /** The iCalendar text: CRLF line ends (the last line too), folded at 75 octets. */
  readonly body: string;
  /** The latest change the feed reflects (data, or a cancelled round ageing out). */
  readonly lastModified: Date;
  /** When the same data would render differently because time passed (ms since epoch), or null. */
  readonly expiresAt: number | null;
}

// A timed round ends at its end time (`10:00-17:30`), else DEFAULT_ROUND_MINUTES after its start.
export { DEFAULT_ROUND_MINUTES } from '../domain/cycle.js';

const PRODUCT = 'dialogue-tracker';
/** One collator for every comparison: `localeCompare` with options builds a new one per call. */
const idOrder = new Intl.Collator('en', { numeric: true });

export function roundUid(dialogueId: string, edition: number): string {
  return `round-${dialogueId}-${edition}@${PRODUCT}`;
}

export function commitmentUid(dialogueId: string, id: string): string {
  return `commitment-${dialogueId}-${id}@${PRODUCT}`;
}

/**
 * User-typed text made safe for iCalendar TEXT: every kind of line break
 * becomes a plain LF (ical-generator escapes it as `\n`, so no CR/LF can
 * start a new property), other control characters are dropped.
 */
export function cleanText(text: string): string {
  return text
    .replace(/\r\n|[\r\u0085\u2028\u2029]/g, '\n')
    .replace(/\p{Cc}/gu, (c) => (c === '\n' || c === '\t' ? c : ''));
}

function utc(iso: string): DateTime {
  return DateTime.fromISO(iso, { zone: 'utc' });
}

function day(isoDate: string): DateTime {
  return DateTime.fromISO(isoDate, { zone: 'utc' });
}

function ms(iso: string): number {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? 0 : t;
}

interface Plan {
  readonly entry: CycleEntry;
  /** The date it is shown on (its own, or for a round with no fixed date, its marker's day). */
  readonly date: string;
  readonly stamp: string;
}

/**
 * A round with no fixed date is never shown as if it had one: it is a
 * tentative, free (transparent) all-day marker titled "— date not fixed
 * yet", on its projected day (a year after the last round) while that is
 * ahead, and on today once it has passed — never in the past.
 */
export function markerDay(projected: string, today: string): string {
  return projected >= today ? projected : today;
}

/**
 * Renders a subscriber's feed. Pure: the same inputs give the same bytes
 * (DTSTAMP is the last change of each item, never "now"), so the HTTP layer
 * can cache them and hash them into a strong ETag.
 */
export function renderFeed(parts: readonly FeedDialogue[], options: FeedOptions): RenderedFeed {
  const { lang } = options;
  const t = messages(lang);
  const now = options.now.getTime();
  const keepMs = options.keepCancelledDays * 86_400_000;
  let lastModified = Math.max(0, ...parts.map((p) => ms(p.updatedAt)));
  let expiresAt: number | null = null;
  const expire = (at: number) => {
    expiresAt = expiresAt === null ? at : Math.min(expiresAt, at);
  };

  const name = parts.length === 1 ? pick(parts[0]!.dialogue.name, lang) : t.calendar.feed.name;
  const calendar = ical({
    prodId: { company: 'Dialogue Tracker', product: 'Calendar feed', language: lang.toUpperCase() },
    // ical-generator writes NAME / X-WR-CALNAME unescaped.
    name: icalEscape(cleanText(name), false),
    ttl: options.refreshMinutes * 60,
    // Only the generator: a calendar-wide zone name would make ical-generator
    // write DTSTAMP as local time instead of UTC.
    timezone: { name: null, generator: vtimezone },
  });

  for (const part of parts) {
    const { dialogue } = part;
    const dialogueName = pick(dialogue.name, lang);
    const recorded = part.entries.filter((e) => !e.projected);
    // Nothing recorded: the projected year follows the clock.
    if (recorded.length === 0) {
      const year = DateTime.fromMillis(now, { zone: dialogue.timezone }).startOf('year');
      lastModified = Math.max(lastModified, year.toMillis());
      expire(year.plus({ years: 1 }).toMillis());
    }
    const basisStamp = recorded.at(-1)?.updatedAt || part.updatedAt;
    const firstOpen = part.entries.find((e) => !isClosed(e.state));
    const plans: Plan[] = [];
    for (const entry of part.entries) {
      // A projection is shown only for the round people wait for next.
      if (entry.projected && entry !== firstOpen) continue;
      const undated = entry.date === null || entry.state === 'expected';
      let date = entry.date ?? entry.projectedDate;
      if (!date) continue;
      if (undated) {
        const today = DateTime.fromMillis(now, { zone: dialogue.timezone });
        const marker = markerDay(date, today.toISODate()!);
        if (marker !== date) {
          // On today: the bytes change at the next midnight, and have since this one.
          lastModified = Math.max(lastModified, today.startOf('day').toMillis());
          expire(today.plus({ days: 1 }).startOf('day').toMillis());
        } else expire(DateTime.fromISO(date, { zone: dialogue.timezone }).plus({ days: 1 }).toMillis());
        date = marker;
      }
      if (entry.state === 'postponed' || entry.state === 'cancelled') {
        const until = Math.max(ms(entry.updatedAt), day(date).toMillis()) + keepMs;
        if (until <= now) {
          lastModified = Math.max(lastModified, until);
          continue;
        }
        expire(until);
      }
      plans.push({ entry, date, stamp: entry.updatedAt || basisStamp });
    }

    for (const { entry, date, stamp } of plans) {
      const host = hostParty(dialogue, entry);
      const hostName = host.name[lang];
      const f = t.calendar.feed;
      const description: string[] = [f.host(hostName), f.state(t.state[entry.state])];
      const base = f.round(roundLabel(entry), dialogueName);
      let summary = base;
      let status = ICalEventStatus.CONFIRMED;
      let transparent = false;
      const dated = entry.date !== null && entry.state !== 'expected';
      if (!dated) {
        summary = f.titled(base, t.dateNotFixed);
        status = ICalEventStatus.TENTATIVE;
        transparent = true;
        description.push(f.expected(hostName, entry.year), f.marker);
      } else if (entry.state === 'held') {
        description.push(f.when(entry.time ? describeWhen(dialogue, entry, lang) : formatDate(date, lang)));
      } else {
        description.push(f.when(describeWhen(dialogue, entry, lang)));
      }
      if (entry.state === 'postponed') {
        summary = f.titled(base, t.state.postponed);
        status = ICalEventStatus.CANCELLED;
        description.push(f.postponedNote);
      } else if (entry.state === 'cancelled') {
        summary = f.titled(base, t.state.cancelled);
        status = ICalEventStatus.CANCELLED;
        description.push(f.cancelledNote);
      }
      if (entry.city) description.push(f.venue(entry.city));
      if (entry.reason) description.push(f.reason(entry.reason));

      const timed = dated && entry.time !== null;
      const start = timed ? DateTime.fromISO(`${date}T${entry.time}`, { zone: entry.timezone }) : day(date);
      let end = start.plus({ days: 1 });
      if (timed) {
        const until = entry.endTime ? DateTime.fromISO(`${date}T${entry.endTime}`, { zone: entry.timezone }) : null;
        end = until && until > start ? until : start.plus({ minutes: DEFAULT_ROUND_MINUTES });
        if (!until) description.push(f.noEndTime(DEFAULT_ROUND_MINUTES));
      }
      calendar.createEvent({
        id: roundUid(dialogue.id, entry.edition),
        sequence: entry.sequence,
        stamp: utc(stamp),
        start,
        end,
        allDay: !timed,
        timezone: timed ? entry.timezone : null,
        summary: cleanText(summary),
        description: cleanText(description.join('\n')),
        // Only a place someone gave: never a capital guessed from the host.
        ...(entry.city ? { location: cleanText(entry.city) } : {}),
        status,
        transparency: transparent ? ICalEventTransparency.TRANSPARENT : ICalEventTransparency.OPAQUE,
      });
    }

    const due = part.commitments
      .filter((c) => c.dueDate !== null)
      .filter((c) => options.owner === null || Object.values(c.owners).includes(options.owner))
      .sort((a, b) => a.dueDate!.localeCompare(b.dueDate!) || idOrder.compare(a.id, b.id));
    for (const c of due) {
      // The words in the reader's language when known; else as recorded, marked with their language.
      const title = c.summary ? pick(c.summary, lang) : commitmentWords(c, lang, (text) => clip(text, 80));
      // A closed one says so as a round does (`— done`), in the same word as chat's status.
      const due = t.calendar.feed.due(c.id, title);
      const summary =
        c.status === 'done' || c.status === 'dropped' ? t.calendar.feed.titled(due, t.status[c.status]) : due;
      const owners = dialogue.parties
        .filter((p) => c.owners[p.code])
        .map((p) => {
          const id = c.owners[p.code]!;
          return t.calendar.feed.owner(p.name[lang], options.names?.get(id) ?? `@${id}`);
        });
      const origin =
        c.edition === null
          ? t.calendar.feed.addedByHand
          : `${t.calendar.feed.agreedAt(c.edition)}${c.paragraph ? `, ${t.calendar.feed.paragraph(c.paragraph)}` : ''}${c.source ? ` · ${markForeign(c.source.title, lang)}${c.source.url ? ` <${c.source.url}>` : ''}` : ''}`;
      const description = [
        t.calendar.feed.id(c.id),
        t.calendar.feed.state(t.status[c.status]),
        t.calendar.feed.owners(owners.length > 0 ? owners.join(', ') : t.calendar.feed.nobody),
        origin,
        '',
        c.edition === null
          ? t.calendar.feed.handText(commitmentWords(c, lang))
          : t.calendar.feed.text(commitmentWords(c, lang)),
      ];
      const start = day(c.dueDate!);
      calendar.createEvent({
        id: commitmentUid(dialogue.id, c.id),
        sequence: c.sequence,
        stamp: utc(c.updatedAt),
        start,
        end: start.plus({ days: 1 }),
        allDay: true,
        summary: cleanText(summary),
        description: cleanText(description.join('\n')),
        status: c.status === 'dropped' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
        transparency: ICalEventTransparency.TRANSPARENT,
      });
    }
  }

  return { body: `${calendar.toString()}\r\n`, lastModified: new Date(lastModified), expiresAt };
}

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}
