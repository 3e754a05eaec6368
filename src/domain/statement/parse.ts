import { completeDate, type DateHit, findDates, findRelativeDays, resolveRelative } from './dates.js';
import { continuedPeople, delegatesOfClause, delegationClauses } from './delegates.js';
import { detectLanguage, en, LANGUAGES, type LanguageTable } from './lang/index.js';
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

/** Every language's ordinal words, for reading an edition back as a number. */
const ORDINAL_WORDS: Record<string, number> = Object.assign({}, ...LANGUAGES.map((l) => l.ordinals));

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const ROMAN = '((?=[MDCLXVI]{2,}\\b|[VX]\\b)M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3}))';

/** One language's patterns, compiled once. */
interface Vocabulary {
  readonly lang: LanguageTable;
  readonly ordinal: string;
  readonly meetingNoun: string;
  readonly edition: RegExp;
  readonly roman: RegExp;
  readonly otherMeeting: RegExp;
  readonly meetingVerb: RegExp;
  /** The next meeting; with the series' acronyms of this text in place of `{ACRONYM}`. */
  readonly next: (acronyms: readonly string[]) => RegExp;
  readonly laterEdition: RegExp;
  readonly yearAfter: RegExp;
  readonly sameYear: RegExp;
  /** A capitalised name holding a meeting noun, and the acronym in brackets after it if any. */
  readonly meetingName: RegExp;
  readonly notThisSeries: RegExp;
  readonly undertaking: RegExp;
  readonly subjectWill: RegExp | null;
  readonly listLead: RegExp;
  readonly themes: readonly (readonly [string, RegExp])[];
  readonly place: RegExp;
  readonly notPlace: RegExp;
  readonly nextPreposition: RegExp;
}

const vocabularies = new Map<string, Vocabulary>();

function vocabulary(lang: LanguageTable): Vocabulary {
  const have = vocabularies.get(lang.code);
  if (have) return have;
  const words = Object.keys(lang.ordinals)
    .sort((a, b) => b.length - a.length)
    .map(escapeRe)
    .join('|');
  const ordinal = `(${words}|\\d{1,3}(?:${lang.ordinalSuffix}))`;
  const meetingNoun = `(?:${lang.meetingNouns.join('|')})`;
  const names = PLACES.flatMap((p) => p.names)
    .map(escapeRe)
    .join('|');
  const v: Vocabulary = {
    lang,
    ordinal,
    meetingNoun,
    // An ordinal followed, within a few words, by what it counts ("the inaugural version of", "la sexta edición").
    edition: new RegExp(
      `(?<![\\p{L}\\d])${ordinal}(?![\\p{L}])(?!\\s+(?:${lang.notMeetingAfterOrdinal.join('|')})\\b)(?=(?:\\s+[\\p{L}’'–-]+){0,6}?\\s+${meetingNoun}(?![\\p{L}]))`,
      'giu',
    ),
    // "the XII Mexico–EU Joint Committee", "el XIII Diálogo": a Roman numeral after an article (or "hold").
    roman: new RegExp(
      `(?<![\\p{L}])(?:${lang.romanLead.join('|')})\\s+${ROMAN}\\s+(?=\\p{Lu}|${meetingNoun}(?![\\p{L}]))`,
      'gu',
    ),
    otherMeeting: new RegExp(lang.otherMeeting, 'iu'),
    meetingVerb: new RegExp(lang.meetingVerbs, 'iu'),
    next: (acronyms) =>
      new RegExp(
        lang.nextMeeting.replace(
          '{ACRONYM}',
          acronyms.length > 0 ? `(?:${acronyms.map(escapeRe).join('|')})s?(?![\\p{L}])` : '(?!)',
        ),
        'giu',
      ),
    yearAfter: new RegExp(lang.yearAfter, 'iu'),
    sameYear: new RegExp(lang.sameYear, 'iu'),
    meetingName: meetingNamePattern(lang),
    laterEdition: new RegExp(lang.laterEdition.replace('{ORDINAL}', ordinal).replace('{NOUN}', meetingNoun), 'iu'),
    notThisSeries: new RegExp(lang.notThisSeries, 'iu'),
    undertaking: new RegExp(lang.undertakings, 'iu'),
    subjectWill: lang.subjectWill ? new RegExp(lang.subjectWill.replaceAll('{NAMES}', names), 'iu') : null,
    listLead: new RegExp(`${lang.listLead}(.+)$`, 'iu'),
    themes: lang.themes.map(([name, source, cs]) => [name, new RegExp(source, cs ? 'u' : 'iu')] as const),
    place: new RegExp(
      `(?<![\\p{L}])(?:${lang.placePrepositions.join('|')})\\s+((?:the\\s+|la\\s+|el\\s+)?\\p{Lu}[\\p{L}'\\u2019.-]*(?:\\s+(?:de\\s+|del\\s+|of\\s+)?\\p{Lu}[\\p{L}'\\u2019.-]*)*)`,
      'gu',
    ),
    notPlace: new RegExp(`(?<![\\p{L}])(?:${lang.notPlaceWords.join('|')})(?![\\p{L}])`, 'u'),
    nextPreposition: new RegExp(`(?<![\\p{L}])(?:${lang.nextPrepositions.join('|')})\\s+$`, 'iu'),
  };
  vocabularies.set(lang.code, v);
  return v;
}

export function ordinalValue(word: string): number | null {
  const w = word.toLowerCase().replace(/\.(?=[\u00BA\u00AA])/, '');
  const numeric = /^(\d+)(?:st|nd|rd|th|\u00BA|\u00AA|\u00B0|o|a)$/.exec(w);
  if (numeric) return Number.parseInt(numeric[1]!, 10);
  if (w in ORDINAL_WORDS) return ORDINAL_WORDS[w]!;
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

function findEdition(text: string, v: Vocabulary): string | null {
  const hits: { index: number; word: string }[] = [];
  for (const m of text.matchAll(v.edition)) hits.push({ index: m.index, word: m[1]! });
  for (const m of text.matchAll(v.roman)) hits.push({ index: m.index + m[0].indexOf(m[1]!), word: m[1]! });
  hits.sort((a, b) => a.index - b.index);
  return hits[0]?.word ?? null;
}

const PUBLICATION_LINE =
  /^(?:published|date|dated|issued|released|updated|press release|for immediate release|publicado|fecha|fecha de publicaci\u00F3n|comunicado)\b/i;
/** "Bruselas, 21 de junio de 2016.", "Bruxelles, 20/07/2017 - 20:52, UNIQUE ID …": a place, then the date. */
const PLACE_DATE_LINE = /^\p{Lu}[\p{L} .'\u2019-]{1,40},\s+/u;

function publicationDate(header: readonly string[], dateline: string | null, lang: LanguageTable): string | null {
  const isDateLine = (l: string) => {
    const first = findDates(l, lang)[0];
    if (!first) return false;
    if (first.text === l.trim().replace(/\.$/, '')) return true;
    const lead = PLACE_DATE_LINE.exec(l);
    return lead !== null && first.index === lead[0].length;
  };
  const lines = [...header.filter((l) => PUBLICATION_LINE.test(l) || isDateLine(l)), ...(dateline ? [dateline] : [])];
  for (const line of lines) {
    const hit = findDates(line, lang).find((h) => h.year !== null);
    if (hit) return completeDate(hit, null, null);
  }
  // A dateline or date line without its own year ("Tokyo, 3 March —") gives nothing here.
  return null;
}

function pickTitle(header: readonly string[], lang: LanguageTable): string | null {
  const candidates = header.filter(
    (l) => !PUBLICATION_LINE.test(l) && findDates(l, lang)[0]?.text !== l.trim() && !PLACE_DATE_LINE.test(l),
  );
  const sorted = [...(candidates.length > 0 ? candidates : header)].sort((a, b) => b.length - a.length);
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
function clausesOf(sentence: string, v: Vocabulary): Clause[] {
  const out: Clause[] = [];
  let start = 0;
  let prevOther = false;
  const push = (end: number) => {
    const text = sentence.slice(start, end);
    const other =
      v.otherMeeting.test(text) ||
      (prevOther && /^(?:held|hosted|convened|which|that|where|when|celebrad[oa]|que|donde|cuando)\b/i.test(text));
    out.push({ start, text, other, verb: v.meetingVerb.test(text) });
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

/** Dates of the sentence that belong to this meeting: not in a clause about another, not in brackets (an aside). */
function ownDates(focus: { sentence: Sentence; clauses: readonly Clause[] }, lang: LanguageTable): DateHit[] {
  const text = focus.sentence.text;
  return findDates(text, lang).filter((h) => {
    if (clauseAt(focus.clauses, h.index).other) return false;
    const before = text.slice(0, h.index);
    return (before.match(/\(/g)?.length ?? 0) <= (before.match(/\)/g)?.length ?? 0);
  });
}

function meetingFocus(sentences: readonly Sentence[], v: Vocabulary): MeetingFocus | null {
  const all = sentences.map((sentence) => {
    const clauses = clausesOf(sentence.text, v);
    return { sentence, clauses, clause: clauses.find((c) => c.verb && !c.other) ?? null };
  });
  return (
    all.find((f) => f.clause && ownDates(f, v.lang).length > 0) ??
    all.find((f) => /^(?:On|El)\s/.test(f.sentence.text) && ownDates(f, v.lang).length > 0) ??
    all.find((f) => f.clause) ??
    null
  );
}

/** The date this meeting was held: in the clause that records it, else one introduced by "on"/"from", else the first. */
function meetingDateHit(focus: MeetingFocus, lang: LanguageTable): DateHit | null {
  const text = focus.sentence.text;
  const hits = ownDates(focus, lang);
  const inClause = focus.clause ? hits.filter((h) => clauseAt(focus.clauses, h.index) === focus.clause) : [];
  const introduced = hits.find((h) =>
    /\b(?:on|from|between|el|los d\u00EDas|del|entre el)\s+(?:the\s+)?$/i.test(text.slice(0, h.index)),
  );
  return inClause[0] ?? introduced ?? hits[0] ?? null;
}

const MONTH_OR_DAY = new Set(
  LANGUAGES.flatMap((l) => [...l.months.flat(), ...l.weekdays.flat()]).map((w) => w.toLowerCase()),
);

/** "in London", "in Mexico City", "en Bruselas, Bélgica" → the last place named after in/at/en (a capital first). */
function placeIn(sentence: string, v: Vocabulary): string | null {
  const found: string[] = [];
  for (const m of sentence.matchAll(v.place)) {
    let candidate = m[1]!.replace(/[.]$/, '');
    const first = candidate.replace(/^(?:the|la|el)\s+/, '').split(/\s+/)[0]!;
    if (MONTH_OR_DAY.has(first.toLowerCase())) continue;
    const whole = (c: string) => {
      const names = findNames(c);
      return names.length > 0 && names[0]!.index === 0 && names[0]!.text.length === c.length;
    };
    // "en la Ciudad de México": the article is not part of the city's name.
    const bare = candidate.replace(/^(?:la|el)\s+/, '');
    if (bare !== candidate && !whole(candidate) && whole(bare)) candidate = bare;
    const isPlace = whole(candidate);
    if (/^(?:the|la|el)\s/.test(candidate) && !isPlace) continue;
    if (!isPlace && v.notPlace.test(candidate)) continue;
    found.push(candidate);
  }
  return found.find((f) => isCapital(f)) ?? found[0] ?? null;
}

/** "Foreign Office Consultations", "Diálogo de Alto Nivel … (DAN)": capitalised names, with an acronym given in brackets. */
function meetingNamePattern(lang: LanguageTable): RegExp {
  const word = "\\p{Lu}[\\p{L}'\u2019-]*";
  const link = `(?:(?:${lang.nameLinks.join('|')})\\s+){0,2}`;
  return new RegExp(`(?<![\\p{L}])(${word}(?:\\s+${link}${word})+)(?:\\s*\\((\\p{Lu}{2,8})\\))?`, 'gu');
}

/**
 * The acronyms by which the text may name its series: the letters given in brackets after a
 * capitalised name holding a meeting noun, else the initials of its capitalised words, of the
 * whole name or of a stretch of it that holds the noun (at least three letters). Names of other
 * series (a Joint Commission, a summit) give none.
 */
function acronymsOf(text: string, v: Vocabulary): string[] {
  const noun = new RegExp(`^${v.meetingNoun}$`, 'iu');
  const links = new Set(v.lang.nameLinks);
  const out = new Set<string>();
  for (const m of text.matchAll(v.meetingName)) {
    const words = m[1]!.split(/\s+/).filter((w) => !links.has(w));
    const nouns = words.map((w, i) => (noun.test(w) ? i : -1)).filter((i) => i >= 0);
    if (nouns.length === 0) continue;
    if (m[2]) {
      if (!v.notThisSeries.test(m[1]!)) out.add(m[2]);
      continue;
    }
    for (let from = 0; from <= nouns.at(-1)!; from++)
      for (let to = Math.max(from, nouns[0]!); to < words.length; to++) {
        const name = words.slice(from, to + 1);
        if (name.length < 3 || !name.some((_, k) => nouns.includes(from + k))) continue;
        if (v.notThisSeries.test(name.join(' '))) continue;
        out.add(name.map((w) => w[0]).join(''));
      }
  }
  return [...out];
}

/** An acronym matched case-insensitively counts only when written in capitals ("the next FOC", not "next foc"). */
function acronymWritten(match: string, acronyms: readonly string[]): boolean {
  const last = /([\p{L}]+)$/u.exec(match)?.[1] ?? '';
  const bare = last.replace(/s$/, '');
  const named = acronyms.find((a) => a.toLowerCase() === last.toLowerCase() || a.toLowerCase() === bare.toLowerCase());
  return !named || named === last || named === bare;
}

/**
 * The next meeting of this series: a later edition in the future tense, or "next …" naming this
 * series (a meeting noun or its acronym) rather than another body's meeting. Its year is written
 * out, or counted from this meeting's ("next year", "el próximo año").
 */
function nextMeetingOf(
  sentences: readonly Sentence[],
  parties: readonly PartyName[],
  edition: number | null,
  referenceYear: number | null,
  v: Vocabulary,
): { meeting: StatementNextMeeting; at: number } | null {
  const acronyms = acronymsOf(sentences.map((s) => s.text).join(' '), v);
  const next = v.next(acronyms);
  // The sentence, and where in it the next meeting is named (-1: the sentence as a whole).
  const at = (s: Sentence): number | null => {
    const later = v.laterEdition.exec(s.text);
    if (later && (edition === null || (ordinalValue(later[1]!) ?? 0) > edition)) return later.index;
    const ours = [...s.text.matchAll(next)].filter(
      (m) => !v.notThisSeries.test(m[0]) && acronymWritten(m[0], acronyms),
    );
    if (ours.length === 0)
      return /\bhosted by\b.*\b(?:at an appropriate time|at a mutually convenient|in \d{4})\b/i.test(s.text)
        ? -1
        : null;
    return /\b(?:next steps|pr\u00F3ximos pasos)\b/i.test(s.text) ? null : ours[0]!.index;
  };
  let found: Sentence | undefined;
  let index = -1;
  for (const s of sentences) {
    const i = at(s);
    if (i === null) continue;
    found = s;
    index = i;
    break;
  }
  if (!found) return null;
  const text = found.text;
  const written =
    /\b(?:in|by|during|for|en|para|durante|a lo largo de)\s+(?:early\s+|late\s+|mid-|el\s+(?:primer|segundo)\s+semestre\s+de\s+)?((?:19|20|21)\d{2})\b/i.exec(
      text,
    )?.[1] ?? /\b((?:19|20|21)\d{2})\b/.exec(text)?.[1];
  const counted =
    referenceYear === null
      ? null
      : v.yearAfter.test(text)
        ? referenceYear + 1
        : v.sameYear.test(text)
          ? referenceYear
          : null;
  const year = written ? Number(written) : counted;
  const names = findNames(text).filter((h) => v.nextPreposition.test(text.slice(0, h.index)));
  let host: string | null = null;
  const hit = names[0];
  if (hit) {
    if (hit.kind === 'capital') host = parties.find((p) => p.place?.code === hit.place.code)?.name ?? hit.text;
    else host = hit.text;
  }
  return { meeting: { host, year, text }, at: index };
}

/**
 * "Both sides agreed to maintain regular exchanges … and hold the next FOC in London": an
 * undertaking joined to the next meeting by "and"/"y" stands on its own, unless it only goes on
 * with this series ("agreed to continue their consultations, and the next round …").
 */
function undertakingBeforeNext(text: string, at: number, v: Vocabulary): string | null {
  if (at <= 0) return null;
  const joint = new RegExp(`,?\\s+(?:and|${v.lang.listAnd}|e)\\s+(?:to\\s+)?(?:[\\p{L}-]+\\s+){0,2}$`, 'iu').exec(
    text.slice(0, at),
  );
  if (!joint) return null;
  const head = text.slice(0, joint.index).trim();
  const verb = v.undertaking.exec(head) ?? v.subjectWill?.exec(head) ?? null;
  if (!verb) return null;
  const object = head.slice(verb.index + verb[0].length);
  if (object.trim().split(/\s+/).length < 2) return null;
  if (new RegExp(`(?<![\\p{L}])${v.meetingNoun}(?![\\p{L}])`, 'iu').test(object)) return null;
  return head;
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

function isUndertakingIn(sentence: string, v: Vocabulary): boolean {
  return v.undertaking.test(sentence) || (v.subjectWill?.test(sentence) ?? false);
}

/** True when a sentence undertakes something, in any language the parser reads. */
export function isUndertaking(sentence: string, lang: LanguageTable = en): boolean {
  return isUndertakingIn(sentence, vocabulary(lang));
}

function themeOf(sentence: string, paragraph: string, v: Vocabulary): string {
  for (const [theme, re] of v.themes) if (re.test(sentence)) return theme;
  // The paragraph gives the subject when the sentence only points back ("these challenges");
  // a mention of the next round elsewhere in it does not make a sentence about meeting.
  for (const [theme, re] of v.themes) if (theme !== 'dialogue' && re.test(paragraph)) return theme;
  return 'general';
}

/**
 * "… including with regard to A, B and C": one undertaking per item, when a
 * sentence lists three or more. "women and girls" inside an item stays whole:
 * only the first "and" after the last comma-separated item splits.
 */
function itemsOf(sentence: string, v: Vocabulary): { lead: string; items: string[] } {
  const none = { lead: '', items: [] };
  const m = v.listLead.exec(sentence);
  if (!m || !isUndertakingIn(sentence.slice(0, m.index), v)) return none;
  // "They decided to strengthen their exchanges on equality, including on ": each item's own text starts so.
  const lead = sentence.slice(0, m.index + m[0].length - m[1]!.length);
  const list = m[1]!.replace(/[.;]\s*$/, '');
  const chunks = list.split(/,\s+/);
  if (chunks.length < 2) return none;
  const and = v.lang.listAnd;
  const items: string[] = [chunks[0]!];
  let closed = false;
  for (let i = 1; i < chunks.length; i++) {
    const chunk = chunks[i]!;
    if (closed) {
      items[items.length - 1] += `, ${chunk}`;
      continue;
    }
    if (chunk.startsWith(`${and} `)) {
      items.push(chunk.slice(and.length + 1));
      closed = true;
      continue;
    }
    const at = chunk.indexOf(` ${and} `);
    if (at >= 0) {
      items.push(chunk.slice(0, at), chunk.slice(at + and.length + 2));
      closed = true;
    } else items.push(chunk);
  }
  return closed && items.length >= 3 ? { lead, items: items.map((i) => i.trim()) } : none;
}

/** One undertaking of a list, in the statement's words: the sentence's lead and this item alone. */
function itemText(lead: string, item: string): string {
  return `${lead}${item.replace(/[.;,]\s*$/, '')}.`;
}

/**
 * "Acordaron A y se comprometieron a B": one undertaking per verb when a sentence
 * joins several with "and"/"y" or a semicolon; each item runs to the next verb.
 */
function verbItemsOf(sentence: string, v: Vocabulary): string[] {
  const re = new RegExp(v.undertaking.source, 'giu');
  const hits = [...sentence.matchAll(re)];
  if (hits.length < 2) return [];
  const joined = hits
    .slice(1)
    .every((h) =>
      /(?:[,;]|\b(?:and|y|e|as\u00ED como|as well as))\s+(?:(?:also|adem\u00E1s|tambi\u00E9n)\s+)?$/iu.test(
        sentence.slice(0, h.index),
      ),
    );
  if (!joined) return [];
  return hits.map((h, i) => {
    const start = i === 0 ? 0 : h.index;
    const end = i + 1 < hits.length ? hits[i + 1]!.index : sentence.length;
    return sentence
      .slice(start, end)
      .replace(
        /(?:[,;]|\s)+(?:(?:and|y|e|as\u00ED como|as well as)\s+)?(?:(?:also|adem\u00E1s|tambi\u00E9n)\s+)?$/iu,
        '',
      )
      .replace(/[.;]\s*$/, '')
      .trim();
  });
}

/** Sentences about another dialogue's past ("the recent dialogue on drugs, in which they reaffirmed …") undertake nothing now. */
const ABOUT_ANOTHER = /\b(?:en el que|en la que|in which|at which)\b/i;

function commitmentsOf(
  sentences: readonly Sentence[],
  next: { meeting: StatementNextMeeting; at: number } | null,
  v: Vocabulary,
): StatementCommitment[] {
  const out: StatementCommitment[] = [];
  for (const { text, paragraph } of sentences) {
    if (next && text === next.meeting.text) {
      const head = undertakingBeforeNext(text, next.at, v);
      if (head)
        out.push({
          paragraph: paragraph.number,
          position: paragraph.position,
          text,
          theme: themeOf(head, paragraph.text, v),
          item: head,
          itemText: `${head}.`,
        });
      continue;
    }
    if (!isUndertakingIn(text, v)) continue;
    const verb = v.undertaking.exec(text);
    if (verb && ABOUT_ANOTHER.test(text.slice(0, verb.index)) && v.otherMeeting.test(text.slice(0, verb.index)))
      continue;
    const base = {
      paragraph: paragraph.number,
      position: paragraph.position,
      text,
      theme: themeOf(text, paragraph.text, v),
    };
    const listed = itemsOf(text, v);
    const verbItems = listed.items.length > 0 ? [] : verbItemsOf(text, v);
    if (listed.items.length > 0)
      for (const item of listed.items) out.push({ ...base, item, itemText: itemText(listed.lead, item) });
    // "Acordaron A y se comprometieron a B": each item is already an undertaking in its own words.
    else if (verbItems.length > 0) for (const item of verbItems) out.push({ ...base, item, itemText: `${item}.` });
    else out.push({ ...base, item: null, itemText: null });
  }
  return out;
}

/** Delegates, each with its side as named in `parties`; a side named only by an adjective joins `parties`. */
function delegatesOf(sentences: readonly Sentence[], parties: PartyName[], lang: LanguageTable): StatementDelegate[] {
  const out: StatementDelegate[] = [];
  const seen = new Set<string>();
  const push = (d: ReturnType<typeof delegatesOfClause>[number]) => {
    const key = d.name.toLowerCase();
    if (seen.has(key)) return;
    seen.add(key);
    if (d.place && parties.length < 2 && !parties.some((p) => p.place?.code === d.place!.code))
      parties.push({ name: displayName(d.place), place: d.place });
    const party = d.place ? (parties.find((p) => p.place?.code === d.place!.code)?.name ?? null) : null;
    out.push({ name: d.name, title: d.title, party, lead: d.lead });
  };
  let lastSide: Place | null | undefined;
  for (const { text } of sentences) {
    const clauses = delegationClauses(text, lang);
    if (clauses.length === 0) {
      // "… encabezada por el Subsecretario …, Embajador Miguel Ruíz-Cabañas. El Subsecretario …, Roberto Campa, …":
      // a sentence with no verb of its own goes on listing the delegation before it.
      if (lastSide !== undefined) for (const d of continuedPeople(text, lastSide, lang)) push(d);
      lastSide = undefined;
      continue;
    }
    lastSide = undefined;
    for (const clause of clauses) {
      const found = delegatesOfClause(clause, lang);
      for (const d of found) push(d);
      if (found.length > 0) lastSide = found.at(-1)!.place;
    }
  }
  return out;
}

export interface ParseOptions {
  /** The page's publication date (`YYYY-MM-DD`), when it is known apart from the text; the text's own publication line wins. */
  readonly publishedOn?: string | null;
}

/**
 * Reads a joint statement, in any language the parser has a table for (detected from the
 * text). Rule-based: no network, no model. Dates, places and editions are taken from the
 * sentence that records this meeting; sentences about other meetings (earlier rounds,
 * summits, the next round) are skipped.
 */
export function parseStatement(raw: string, options: ParseOptions = {}): ParsedStatement {
  const { header, paragraphs, dateline } = layout(raw);
  const lang = detectLanguage(paragraphs.map((p) => p.text).join(' ') || header.join(' '));
  const v = vocabulary(lang);
  const title = pickTitle(header, lang);
  const publishedOn = publicationDate(header, dateline, lang) ?? options.publishedOn ?? null;
  const sentences: Sentence[] = paragraphs.flatMap((paragraph) =>
    paragraph.sentences.map((text) => ({ text, paragraph })),
  );
  const parties = partiesOf(title, paragraphs);

  const focus = meetingFocus(sentences, v);
  const hit = focus ? meetingDateHit(focus, lang) : null;
  const titleYear = title ? /\b((?:19|20|21)\d{2})\b/.exec(title)?.[1] : undefined;
  // Without a publication date, a date with no year takes the year of the nearest date written in full.
  const nearestYear = (): number | null => {
    if (!focus) return null;
    const all = sentences.flatMap((s) => findDates(s.text, lang)).filter((h) => h.year !== null);
    return all[0]?.year ?? null;
  };
  // "…, met today in Tokyo", "sostuvieron este martes": a day counted from the publication.
  const relative =
    !hit && focus?.clause && publishedOn
      ? findRelativeDays(focus.sentence.text, lang).find((r) => !clauseAt(focus.clauses, r.index).other)
      : undefined;
  const date = hit
    ? completeDate(hit, publishedOn, titleYear ? Number(titleYear) : nearestYear())
    : relative && publishedOn
      ? resolveRelative(relative, publishedOn)
      : null;
  const own = focus ? [focus.clause, ...focus.clauses.filter((c) => !c.other)].filter((c) => c !== null) : [];
  const place = own.map((c) => placeIn(c.text, v)).find((p) => p !== null) ?? null;

  const safe = sentences.filter((s) => !v.otherMeeting.test(s.text));
  const edition =
    own.map((c) => findEdition(c.text, v)).find((e) => e !== null) ??
    (focus ? findEdition(focus.sentence.text, v) : null) ??
    (title && findEdition(title, v)) ??
    safe.map((s) => findEdition(s.text, v)).find((e) => e !== null) ??
    null;

  const editionNumber = edition ? ordinalValue(edition) : null;
  const referenceYear = date ? Number(date.slice(0, 4)) : publishedOn ? Number(publishedOn.slice(0, 4)) : null;
  const next = nextMeetingOf(sentences, parties, editionNumber, referenceYear, v);
  const delegates = delegatesOf(sentences, parties, lang);
  return {
    language: lang.code,
    parties: parties.map((p) => p.name),
    meeting: { date, place, edition },
    editionNumber,
    publishedOn,
    title,
    url: /\bhttps?:\/\/[^\s<>"\u201c\u201d]+[^\s<>"\u201c\u201d.,;:)]/.exec(raw)?.[0] ?? null,
    delegates,
    paragraphs,
    commitments: commitmentsOf(sentences, next, v),
    nextMeeting: next?.meeting ?? null,
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
