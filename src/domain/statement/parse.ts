import { completeDate, type DateHit, findDates } from './dates.js';
import { delegatesOfClause, delegationClauses } from './delegates.js';
import { displayName, findNames, isCapital, PLACES, type Place } from './parties.js';
import { layout } from './text.js';
import type {
  ParsedStatement,
  StatementCommitment,
  StatementDelegate,
  StatementJson,
  StatementNextMeeting,
  StatementParagraph,
} from './types.js';

const ORDINAL_WORDS: Record<string, number> = {
  inaugural: 1,
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
  sixteenth: 16,
  seventeenth: 17,
  eighteenth: 18,
  nineteenth: 19,
  twentieth: 20,
};
const TENS: Record<string, number> = { twenty: 20, thirty: 30 };

const MEETING_NOUN =
  '(?:round|edition|session|meeting|dialogue|version|consultations?|talks|strategic dialogue|high-level dialogue)';
const ORDINAL =
  '(inaugural|(?:(?:twenty|thirty)-)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth|\\d{1,3}(?:st|nd|rd|th))';
/** An ordinal followed, within a few words, by what it counts ("the inaugural version of", "first … Dialogue"). */
const EDITION_RE = new RegExp(
  `\\b${ORDINAL}\\b(?!\\s+(?:time|half|quarter|day|week|step|phase|anniversary))(?=(?:\\s+[\\p{L}’'–-]+){0,6}?\\s+${MEETING_NOUN}\\b)`,
  'giu',
);
/** "the XII Mexico–EU Joint Committee", "the XII round": a Roman numeral after "the" (or "hold"). */
const ROMAN_RE =
  /\b(?:[Tt]he|hold|holds|held)\s+((?=[MDCLXVI]{2,}\b|[VX]\b)M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3}))\s+(?=\p{Lu}|(?:round|edition|session|meeting|dialogue|consultations)\b)/gu;

export function ordinalValue(word: string): number | null {
  const w = word.toLowerCase();
  if (/^\d+(st|nd|rd|th)$/.test(w)) return Number.parseInt(w, 10);
  if (w in ORDINAL_WORDS) return ORDINAL_WORDS[w]!;
  const m = /^(twenty|thirty)-(\w+)$/.exec(w);
  if (m && m[2]! in ORDINAL_WORDS) return TENS[m[1]!]! + ORDINAL_WORDS[m[2]!]!;
  if (w === 'thirtieth') return 30;
  if (/^[mdclxvi]+$/.test(w)) return romanValue(word.toUpperCase());
  return null;
}

function romanValue(roman: string): number | null {
  const v: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100, D: 500, M: 1000 };
  let total = 0;
  for (let i = 0; i < roman.length; i++) {
    const cur = v[roman[i]!];
    const nxt = v[roman[i + 1] ?? ''] ?? 0;
    if (cur === undefined) return null;
    total += cur < nxt ? -cur : cur;
  }
  return total > 0 ? total : null;
}

function findEdition(text: string): string | null {
  const hits: { index: number; word: string }[] = [];
  for (const m of text.matchAll(EDITION_RE)) hits.push({ index: m.index, word: m[1]! });
  for (const m of text.matchAll(ROMAN_RE)) hits.push({ index: m.index + m[0].indexOf(m[1]!), word: m[1]! });
  hits.sort((a, b) => a.index - b.index);
  return hits[0]?.word ?? null;
}

/** Words that show a sentence is about some other meeting (an earlier round, a coming summit). */
const OTHER_MEETING =
  /\b(?:previous|preceding|prior|earlier|former|last (?:year|round|dialogue|meeting|session)|recall(?:ed|ing)?|since|next|upcoming|forthcoming|future|will|would|expected|summit|conference|general assembly|G20|G7|COP\s?\d*)\b/i;
const MEETING_VERB =
  /\b(?:held|hold|holds|met|meet|meets|took place|takes place|convened|convene|hosted|gathered|co-chaired|chaired|welcomed .* to)\b/i;

const PUBLICATION_LINE = /^(?:published|date|dated|issued|released|updated|press release|for immediate release)\b/i;

function publicationDate(header: readonly string[], dateline: string | null): string | null {
  const lines = [
    ...header.filter((l) => PUBLICATION_LINE.test(l) || findDates(l)[0]?.text === l.trim()),
    ...(dateline ? [dateline] : []),
  ];
  for (const line of lines) {
    const hit = findDates(line).find((h) => h.year !== null);
    if (hit) return completeDate(hit, null, null);
  }
  // A dateline or date line without its own year ("Tokyo, 3 March —") gives nothing here.
  return null;
}

function pickTitle(header: readonly string[]): string | null {
  const candidates = header.filter((l) => !PUBLICATION_LINE.test(l) && findDates(l)[0]?.text !== l.trim());
  const sorted = [...candidates].sort((a, b) => b.length - a.length);
  return sorted[0] ?? null;
}

interface Sentence {
  readonly text: string;
  readonly paragraph: StatementParagraph;
}

/** A stretch of a sentence between commas or semicolons, and whether it speaks of another meeting. */
interface Clause {
  readonly start: number;
  readonly text: string;
  readonly other: boolean;
  readonly verb: boolean;
}

/**
 * Clauses of a sentence. One that only continues the clause before it ("…, held
 * in Brussels on 14 June 2023, …") shares its subject: after "We recalled the
 * 7th Dialogue" it is about that other meeting too.
 */
function clausesOf(sentence: string): Clause[] {
  const out: Clause[] = [];
  let start = 0;
  let prevOther = false;
  const push = (end: number) => {
    const text = sentence.slice(start, end);
    const other =
      OTHER_MEETING.test(text) || (prevOther && /^(?:held|hosted|convened|which|that|where|when)\b/i.test(text));
    out.push({ start, text, other, verb: MEETING_VERB.test(text) });
    prevOther = other;
  };
  for (const m of sentence.matchAll(/\s*[,;]\s*/g)) {
    push(m.index);
    start = m.index + m[0].length;
  }
  push(sentence.length);
  return out;
}

/** This meeting's sentence and the clause that records it (held/met/took place, not about another meeting). */
interface MeetingFocus {
  readonly sentence: Sentence;
  readonly clause: Clause | null;
  readonly clauses: readonly Clause[];
}

function clauseAt(clauses: readonly Clause[], index: number): Clause {
  return [...clauses].reverse().find((c) => c.start <= index) ?? clauses[0]!;
}

function ownDates(focus: { sentence: Sentence; clauses: readonly Clause[] }): DateHit[] {
  return findDates(focus.sentence.text).filter((h) => !clauseAt(focus.clauses, h.index).other);
}

function meetingFocus(sentences: readonly Sentence[]): MeetingFocus | null {
  const all = sentences.map((sentence) => {
    const clauses = clausesOf(sentence.text);
    return { sentence, clauses, clause: clauses.find((c) => c.verb && !c.other) ?? null };
  });
  return (
    all.find((f) => f.clause && ownDates(f).length > 0) ??
    all.find((f) => /^On\s/.test(f.sentence.text) && ownDates(f).length > 0) ??
    all.find((f) => f.clause) ??
    null
  );
}

/** The date this meeting was held: in the clause that records it, else one introduced by "on"/"from", else the first. */
function meetingDateHit(focus: MeetingFocus): DateHit | null {
  const text = focus.sentence.text;
  const hits = ownDates(focus);
  const inClause = focus.clause ? hits.filter((h) => clauseAt(focus.clauses, h.index) === focus.clause) : [];
  const introduced = hits.find((h) => /\b(?:on|from|between)\s+(?:the\s+)?$/i.test(text.slice(0, h.index)));
  return inClause[0] ?? introduced ?? hits[0] ?? null;
}

const MONTH_OR_DAY =
  /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/;

/** "in London", "in Mexico City", "at Lancaster House in London" → the last place named after in/at. */
function placeIn(sentence: string): string | null {
  const re = /\b(?:in|at)\s+((?:the\s+)?\p{Lu}[\p{L}'\u2019.-]*(?:\s+(?:de\s+|of\s+)?\p{Lu}[\p{L}'\u2019.-]*)*)/gu;
  const found: string[] = [];
  for (const m of sentence.matchAll(re)) {
    const candidate = m[1]!.replace(/[.]$/, '');
    const first = candidate.replace(/^the\s+/, '').split(/\s+/)[0]!;
    if (MONTH_OR_DAY.test(first)) continue;
    const names = findNames(candidate);
    const isPlace = names.length > 0 && names[0]!.index === 0 && names[0]!.text.length === candidate.length;
    if (candidate.startsWith('the ') && !isPlace) continue;
    if (
      !isPlace &&
      /\b(?:Dialogue|Office|House|Ministry|Council|Summit|Conference|Committee|Framework)\b/.test(candidate)
    )
      continue;
    found.push(candidate);
  }
  return found.find((f) => isCapital(f)) ?? found[0] ?? null;
}

const NEXT_MEETING =
  /\b(?:next|following|subsequent)\s+(?:[\p{L}-]+\s+){0,4}?(?:round|edition|session|meeting|dialogue|consultations?|talks)\b|\bmeet again\b|\breconvene\b/iu;
/** "The third Dialogue is expected to take place in Mexico in 2026": a later edition, in the future tense. */
const LATER_EDITION = new RegExp(
  `\\b${ORDINAL}\\s+(?:[\\p{L}’'–-]+\\s+){0,5}?${MEETING_NOUN}\\s+(?:is|was|will|would|shall)\\s+(?:expected\\s+to\\s+|to\\s+|planned\\s+to\\s+|scheduled\\s+to\\s+)?(?:be\\s+held|take\\s+place|be\\s+hosted|convene)`,
  'iu',
);
const NOT_THIS_SERIES = /\b(?:summit|G20|G7|COP\s?\d*|General Assembly|Conference|Forum|Ministerial)\b/;

function nextMeetingOf(
  sentences: readonly Sentence[],
  parties: readonly PartyName[],
  edition: number | null,
): StatementNextMeeting | null {
  const found = sentences.find((s) => {
    const later = LATER_EDITION.exec(s.text);
    if (later && (edition === null || (ordinalValue(later[1]!) ?? 0) > edition)) return true;
    const m = NEXT_MEETING.exec(s.text);
    if (!m) return /\bhosted by\b.*\b(?:at an appropriate time|at a mutually convenient|in \d{4})\b/i.test(s.text);
    return !NOT_THIS_SERIES.test(m[0]) && !/\bnext steps\b/i.test(s.text);
  });
  if (!found) return null;
  const text = found.text;
  const year =
    /\b(?:in|by|during|for)\s+(?:early\s+|late\s+|mid-)?((?:19|20|21)\d{2})\b/.exec(text)?.[1] ??
    /\b((?:19|20|21)\d{2})\b/.exec(text)?.[1];
  const names = findNames(text).filter((h) => /\b(?:in|by|to)\s+$/i.test(text.slice(0, h.index)));
  let host: string | null = null;
  const hit = names[0];
  if (hit) {
    if (hit.kind === 'capital') host = parties.find((p) => p.place?.code === hit.place.code)?.name ?? null;
    else host = hit.text;
  }
  return { host, year: year ? Number(year) : null, text };
}

/** A side as the statement names it, with the gazetteer entry when known. */
interface PartyName {
  readonly name: string;
  readonly place: Place | null;
}

function partiesOf(title: string | null, paragraphs: readonly StatementParagraph[]): PartyName[] {
  const all = paragraphs.map((p) => p.text).join(' ');
  // Defined short names win: … United Mexican States (“Mexico”) …
  const defined: PartyName[] = [];
  for (const m of all.matchAll(/\(\s*[\u201C"\u2018']([^\u201D"\u2019']{2,60})[\u201D"\u2019']\s*\)/g)) {
    const hit = findNames(m[1]!)[0];
    if (hit && !defined.some((d) => d.place?.code === hit.place.code))
      defined.push({ name: m[1]!.trim(), place: hit.place });
  }
  if (defined.length >= 2) return defined;
  const scope = [title ?? '', paragraphs[0]?.text ?? ''].join(' ');
  const out: PartyName[] = [...defined];
  const add = (hits: ReturnType<typeof findNames>) => {
    for (const h of hits) {
      if (h.kind !== 'name' || out.some((o) => o.place?.code === h.place.code)) continue;
      out.push({ name: h.text, place: h.place });
    }
  };
  add(findNames(scope));
  if (out.length < 2) {
    const counts = new Map<string, { n: number; hit: ReturnType<typeof findNames>[number] }>();
    for (const h of findNames(all)) {
      if (h.kind !== 'name') continue;
      const c = counts.get(h.place.code);
      counts.set(h.place.code, { n: (c?.n ?? 0) + 1, hit: c?.hit ?? h });
    }
    add([...counts.values()].sort((a, b) => b.n - a.n).map((c) => c.hit));
  }
  return out.slice(0, 2);
}

/** Phrases by which the parties undertake something. */
const UNDERTAKING =
  /\b(?:agreed (?:to|on|upon|that)|agree (?:to|on|that)|(?:committed|commit) (?:themselves |ourselves )?to|decided to|decide to|reaffirmed (?:their|our|its) commitment to|reaffirm (?:their|our) commitment to|pledged to|pledge to|undertook to|undertake to|resolved to|resolve to)\b/i;
const SUBJECT_WILL = new RegExp(
  `(?:^|\\b(?:and|,)\\s+)(?:we|they|both (?:sides|countries|governments|parties|delegations)|the two (?:sides|countries|governments|delegations|parties)|the parties|the delegations|${PLACES.flatMap(
    (p) => p.names,
  )
    .map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join(
      '|',
    )})\\s+(?:(?:also|further|jointly|together|now|each)\\s+)?will\\s+(?!be held|take place|meet again|be hosted)`,
  'i',
);

export function isUndertaking(sentence: string): boolean {
  return UNDERTAKING.test(sentence) || SUBJECT_WILL.test(sentence);
}

const THEMES: readonly (readonly [string, RegExp])[] = [
  [
    'dialogue',
    /\b(?:hold|holding|convene|convening|meet|meeting)\b[^.]*\b(?:dialogue|round|meeting|consultations)\b|\bnext (?:dialogue|round)\b/i,
  ],
  ['gender-equality', /\b(?:gender|women|girls)\b/i],
  ['human-rights', /\b(?:human rights|defenders|journalists|migrants|migration|freedom of|torture|death penalty)\b/i],
  ['climate', /\b(?:climate|emissions|net zero|biodiversity|environment(?:al)?|energy transition)\b/i],
  ['security', /\b(?:security|peacekeeping|defen[cs]e|terroris\w*|disarmament|non-proliferation)\b/i],
  ['technology', /\b(?:technolog\w*|digital|cyber\w*|artificial intelligence)\b/i],
  ['trade', /\b(?:trade|investment|economic|business)\b/i],
  ['health', /\b(?:health|pandemic|vaccines?)\b/i],
  ['multilateralism', /\b(?:multilateral\w*|United Nations|UN)\b/],
];

function themeOf(sentence: string, paragraph: string): string {
  for (const [theme, re] of THEMES) if (re.test(sentence)) return theme;
  // The paragraph gives the subject when the sentence only points back ("these challenges");
  // a mention of the next round elsewhere in it does not make a sentence about meeting.
  for (const [theme, re] of THEMES) if (theme !== 'dialogue' && re.test(paragraph)) return theme;
  return 'general';
}

/**
 * "… including with regard to A, B and C": one undertaking per item, when a
 * sentence lists three or more. "women and girls" inside an item stays whole:
 * only the first "and" after the last comma-separated item splits.
 */
function itemsOf(sentence: string): { lead: string; items: string[] } {
  const none = { lead: '', items: [] };
  const m = /\bincluding\s+(?:with regard to|in relation to|with respect to|regarding|on|in)?\s*(.+)$/i.exec(sentence);
  if (!m || (!UNDERTAKING.test(sentence.slice(0, m.index)) && !SUBJECT_WILL.test(sentence.slice(0, m.index))))
    return none;
  // "They decided to strengthen their exchanges on equality, including on ": each item's own text starts so.
  const lead = sentence.slice(0, m.index + m[0].length - m[1]!.length);
  const list = m[1]!.replace(/[.;]\s*$/, '');
  const chunks = list.split(/,\s+/);
  if (chunks.length < 2) return none;
  const items: string[] = [chunks[0]!];
  let closed = false;
  for (let i = 1; i < chunks.length; i++) {
    const chunk = chunks[i]!;
    if (closed) {
      items[items.length - 1] += `, ${chunk}`;
      continue;
    }
    if (/^and\s+/.test(chunk)) {
      items.push(chunk.replace(/^and\s+/, ''));
      closed = true;
      continue;
    }
    const and = chunk.indexOf(' and ');
    if (and >= 0) {
      items.push(chunk.slice(0, and), chunk.slice(and + 5));
      closed = true;
    } else items.push(chunk);
  }
  return closed && items.length >= 3 ? { lead, items: items.map((i) => i.trim()) } : none;
}

/** One undertaking of a list, in the statement's words: the sentence's lead and this item alone. */
function itemText(lead: string, item: string): string {
  return `${lead}${item.replace(/[.;,]\s*$/, '')}.`;
}

function commitmentsOf(sentences: readonly Sentence[], next: StatementNextMeeting | null): StatementCommitment[] {
  const out: StatementCommitment[] = [];
  for (const { text, paragraph } of sentences) {
    if (next && text === next.text) continue;
    if (!isUndertaking(text)) continue;
    const base = {
      paragraph: paragraph.number,
      position: paragraph.position,
      text,
      theme: themeOf(text, paragraph.text),
    };
    const { lead, items } = itemsOf(text);
    if (items.length === 0) out.push({ ...base, item: null, itemText: null });
    else for (const item of items) out.push({ ...base, item, itemText: itemText(lead, item) });
  }
  return out;
}

/** Delegates, each with its side as named in `parties`; a side named only by an adjective joins `parties`. */
function delegatesOf(sentences: readonly Sentence[], parties: PartyName[]): StatementDelegate[] {
  const out: StatementDelegate[] = [];
  for (const { text } of sentences) {
    if (!/\b(?:delegation|side|team|represented)\b/i.test(text)) continue;
    for (const clause of delegationClauses(text)) {
      for (const d of delegatesOfClause(clause)) {
        if (d.place && parties.length < 2 && !parties.some((p) => p.place?.code === d.place!.code))
          parties.push({ name: displayName(d.place), place: d.place });
        const party = d.place ? (parties.find((p) => p.place?.code === d.place!.code)?.name ?? null) : null;
        out.push({ name: d.name, title: d.title, party, lead: d.lead });
      }
    }
  }
  return out;
}

/**
 * Reads a joint statement. Rule-based: no network, no model. Dates, places and
 * editions are taken from the sentence that records this meeting; sentences
 * about other meetings (earlier rounds, summits, the next round) are skipped.
 */
export function parseStatement(raw: string): ParsedStatement {
  const { header, paragraphs, dateline } = layout(raw);
  const title = pickTitle(header);
  const publishedOn = publicationDate(header, dateline);
  const sentences: Sentence[] = paragraphs.flatMap((paragraph) =>
    paragraph.sentences.map((text) => ({ text, paragraph })),
  );
  const parties = partiesOf(title, paragraphs);

  const focus = meetingFocus(sentences);
  const hit = focus ? meetingDateHit(focus) : null;
  const titleYear = title ? /\b((?:19|20|21)\d{2})\b/.exec(title)?.[1] : undefined;
  // "…, met today in Tokyo": the day it was published.
  const today = !hit && focus?.clause && /\btoday\b/i.test(focus.clause.text) ? publishedOn : null;
  const date = hit ? completeDate(hit, publishedOn, titleYear ? Number(titleYear) : null) : today;
  const own = focus ? [focus.clause, ...focus.clauses.filter((c) => !c.other)].filter((c) => c !== null) : [];
  const place = own.map((c) => placeIn(c.text)).find((p) => p !== null) ?? null;

  const safe = sentences.filter((s) => !OTHER_MEETING.test(s.text));
  const edition =
    own.map((c) => findEdition(c.text)).find((e) => e !== null) ??
    (title && findEdition(title)) ??
    safe.map((s) => findEdition(s.text)).find((e) => e !== null) ??
    null;

  const editionNumber = edition ? ordinalValue(edition) : null;
  const nextMeeting = nextMeetingOf(sentences, parties, editionNumber);
  const delegates = delegatesOf(sentences, parties);
  return {
    parties: parties.map((p) => p.name),
    meeting: { date, place, edition },
    editionNumber,
    publishedOn,
    title,
    url: /\bhttps?:\/\/[^\s<>"\u201c\u201d]+[^\s<>"\u201c\u201d.,;:)]/.exec(raw)?.[0] ?? null,
    delegates,
    paragraphs,
    commitments: commitmentsOf(sentences, nextMeeting),
    nextMeeting,
  };
}

/** The contract's `--json` object: exactly the keys the issue names. */
export function statementJson(s: ParsedStatement): StatementJson {
  return {
    parties: [...s.parties],
    meeting: { date: s.meeting.date, place: s.meeting.place, edition: s.meeting.edition },
    delegates: s.delegates.map((d) => ({ name: d.name, title: d.title, party: d.party })),
    commitments: s.commitments.map((c) => ({ paragraph: c.paragraph, text: c.text })),
    nextMeeting: s.nextMeeting
      ? { host: s.nextMeeting.host, year: s.nextMeeting.year, text: s.nextMeeting.text }
      : null,
  };
}
