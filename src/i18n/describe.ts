import { type Commitment, commitmentTextFor, textLanguage } from '../domain/commitments.js';
import { type CycleEntry, hostParty, type Round, roundStart } from '../domain/cycle.js';
import { daysBetween, localDate } from '../domain/dates.js';
import type { Dialogue, Lang } from '../domain/types.js';
import { formatClock, formatDate, formatLongDate } from './format.js';
import { messages } from './index.js';

/** The host's name in a language (e.g. "the United Kingdom" / "el Reino Unido"). */
export function hostName(dialogue: Dialogue, round: Pick<Round, 'host'>, lang: Lang): string {
  return hostParty(dialogue, round).name[lang];
}

/**
 * When a round takes place, in words: its date, and when a time is set, the
 * time in both capitals — `Wednesday 14 May 2025, 10:00 BST London · 03:00 CST Mexico City`.
 */
export function describeWhen(dialogue: Dialogue, round: Pick<Round, 'date' | 'time' | 'timezone'>, lang: Lang): string {
  if (!round.date) return '';
  const day = formatLongDate(round.date, lang);
  const start = roundStart(round);
  if (!round.time || !start) return day;
  const clocks = [...dialogue.parties]
    .sort((a, b) => (a.timezone === round.timezone ? -1 : b.timezone === round.timezone ? 1 : 0))
    .map((p) => `${formatClock(start, p.timezone, lang)} ${p.capital[lang]}`);
  return `${day}, ${clocks.join(' · ')}`;
}

/**
 * A venue as the reader says it: a city typed as one of the parties' capitals,
 * in either language ("London", "Londres"), is shown in the reader's language,
 * so a Spanish line never reads "Londres · … · London". Other places stay as typed.
 */
export function cityName(dialogue: Dialogue, city: string, lang: Lang): string {
  const typed = city.trim().toLocaleLowerCase();
  for (const party of dialogue.parties)
    if (Object.values(party.capital).some((name) => name.toLocaleLowerCase() === typed)) return party.capital[lang];
  return city;
}

/** Days from today (in the round's zone) to the round's date; null without a date. */
export function daysUntil(round: Pick<Round, 'date' | 'timezone'>, now: Date): number | null {
  return round.date ? daysBetween(localDate(now, round.timezone), round.date) : null;
}

/** A one-line state of a cycle entry: `held 16 January 2024`, `expected, date not fixed · overdue`. */
export function describeEntry(dialogue: Dialogue, entry: CycleEntry, lang: Lang): string {
  const t = messages(lang);
  const parts: string[] = [];
  if (entry.projected) parts.push(t.cycle.projected);
  else if (entry.state === 'expected') parts.push(`${t.state.expected}, ${t.cycle.dateNotFixed}`);
  else if (entry.date && entry.state === 'held') parts.push(t.cycle.heldOn(formatDate(entry.date, lang)));
  else if (entry.date && entry.state === 'scheduled')
    parts.push(t.cycle.scheduledFor(describeWhen(dialogue, entry, lang)));
  else parts.push(t.state[entry.state]);
  if (entry.city) parts.push(cityName(dialogue, entry.city, lang));
  if (entry.overdue) parts.push(t.cycle.overdue);
  if (entry.awaitingOutcome) parts.push(t.cycle.awaitingOutcome);
  if (entry.hostInferred) parts.push(t.cycle.hostInferred);
  return parts.join(' · ');
}

/** A text as a reader of `lang` is shown it: as it stands, or marked with its language when plainly in the other (“… (en inglés)”). */
export function markForeign(text: string, lang: Lang, written: Lang | null = textLanguage(text)): string {
  return written !== null && written !== lang ? messages(lang).import.foreignText(text, written) : text;
}

/**
 * A commitment's words for a reader: in their language when known, else as
 * recorded and marked with the language they are in. `shorten` clips the
 * words (not the mark).
 */
export function commitmentWords(
  c: Pick<Commitment, 'text' | 'texts'>,
  lang: Lang,
  shorten: (text: string) => string = (text) => text,
): string {
  const { text, foreign } = commitmentTextFor(c, lang);
  return foreign ? messages(lang).import.foreignText(shorten(text), foreign) : shorten(text);
}
