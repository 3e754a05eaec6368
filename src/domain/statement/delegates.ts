import { en, LANGUAGES, type LanguageTable } from './lang/index.js';
import { ADJECTIVE_SOURCE, findNames, type Place, placeOfAdjective, placeOfInstitution } from './parties.js';

/** A person found in a delegation sentence; the side is a gazetteer place (mapped to `parties` by the caller). */
export interface FoundDelegate {
  readonly name: string;
  readonly title: string;
  readonly place: Place | null;
  readonly lead: boolean;
}

const union = (pick: (l: LanguageTable) => readonly string[]) => [...new Set(LANGUAGES.flatMap(pick))];

/** Forms of address removed from names, in every language (a Spanish text may write "Mr", an English one "Embajador"). */
const HONORIFIC = new RegExp(
  `^(?:${union((l) => l.honorifics)
    .sort((a, b) => b.length - a.length)
    .join('|')})\\s+`,
  'u',
);
/** Of those, the ones that are also a title when no other title is given. */
const TITLE_HONORIFIC = new RegExp(`^(?:${union((l) => l.titleHonorifics).join('|')})$`);

/** Words that make a segment a title or an office, never a person's name. */
const TITLE_WORDS = new Set(union((l) => l.officeWords).map((w) => w.toLowerCase()));

const PARTICLES = new Set([
  'de',
  'del',
  'la',
  'las',
  'los',
  'van',
  'von',
  'der',
  'den',
  'da',
  'dos',
  'das',
  'di',
  'du',
  'bin',
  'binti',
  'al',
  'y',
  'e',
  'le',
]);

/** Strips forms of address; returns what was stripped that could serve as a title. */
export function stripHonorifics(text: string): { rest: string; titleWord: string | null } {
  let rest = text.trim();
  let titleWord: string | null = null;
  // "el Embajador Miguel Ruiz Cabañas": the article goes with the form of address.
  const article = /^(?:the|el|la)\s+/i.exec(rest);
  if (article && HONORIFIC.test(rest.slice(article[0].length))) rest = rest.slice(article[0].length);
  for (let i = 0; i < 4; i++) {
    const m = HONORIFIC.exec(rest);
    if (!m) break;
    const word = m[0].trim();
    const after = rest.slice(m[0].length);
    // "Ambassador for Human Rights" is a title; only strip a form of address before a name.
    if (TITLE_HONORIFIC.test(word) && !isName(stripHonorifics(after).rest)) break;
    if (TITLE_HONORIFIC.test(word)) titleWord ??= word;
    rest = after;
  }
  return { rest: rest.trim(), titleWord };
}

/** "Joel Hernández García", "Aureny Aguirre O. Sunza", "Roberto de León Huerta", "Puneet R Kundal". */
export function isName(text: string): boolean {
  const tokens = text.trim().split(/\s+/);
  if (tokens.length < 2 || tokens.length > 6) return false;
  const mixed = (t: string) => /^\p{Lu}[\p{L}'\u2019-]*\p{Ll}[\p{L}'\u2019-]*$/u.test(t);
  // A surname in capitals ("Joel HERNÁNDEZ García") counts when another word is written normally.
  const upper = (t: string) => /^\p{Lu}[\p{Lu}'\u2019-]+$/u.test(t) && tokens.some(mixed);
  const initial = (t: string) => /^\p{Lu}\.?$/u.test(t);
  const cap = (t: string) => mixed(t) || upper(t) || initial(t);
  if (!(mixed(tokens[0]!) || upper(tokens[0]!)) || !(mixed(tokens.at(-1)!) || upper(tokens.at(-1)!))) return false;
  return tokens.every(
    (t) => (cap(t) || PARTICLES.has(t)) && !TITLE_WORDS.has(t.toLowerCase()) && findNames(t).length === 0,
  );
}

const compiled = new Map<string, ReturnType<typeof compile>>();

function compile(lang: LanguageTable) {
  const names = findNamesSource();
  return {
    leadIn: new RegExp(lang.leadIn, 'iu'),
    leadAfter: new RegExp(lang.leadAfter, 'u'),
    connectors: new RegExp(lang.connectors, 'iu'),
    personSplit: new RegExp(lang.personSplit, 'u'),
    markers: lang.sideMarkers.map(
      (m) => new RegExp(m.replace('{NAME}', names).replace('{ADJ}', ADJECTIVE_SOURCE), 'u'),
    ),
    verbs: new RegExp(lang.verbs, 'iu'),
    sideBefore:
      lang.code === 'en'
        ? new RegExp(
            `\\b(?:[Tt]he\\s+)?(${ADJECTIVE_SOURCE})\\s+(?:${lang.sideNouns.join('|')})\\b|\\b(?:${lang.sideNouns.join('|')})\\s+of\\s+(?:the\\s+)?([\\p{Lu}][\\p{L}]+(?:\\s+[\\p{Lu}][\\p{L}]+)*)`,
            'u',
          )
        : new RegExp(
            `(?<![\\p{L}])(?:${lang.sideNouns.join('|')})\\s+(?:(${ADJECTIVE_SOURCE})(?![\\p{L}])|de\\s+(?:la\\s+|el\\s+|los\\s+)?([\\p{Lu}][\\p{L}]+(?:\\s+(?:de\\s+)?[\\p{Lu}][\\p{L}]+)*))`,
            'u',
          ),
  };
}

let namesSource: string | null = null;
function findNamesSource(): string {
  namesSource ??= '[\\p{Lu}][\\p{L}]+(?:\\s+(?:de\\s+|of\\s+)?[\\p{Lu}][\\p{L}]+)*';
  return namesSource;
}

function rx(lang: LanguageTable) {
  let c = compiled.get(lang.code);
  if (!c) {
    c = compile(lang);
    compiled.set(lang.code, c);
  }
  return c;
}

const PREDICATE =
  /^(?:met|meet|held|hold|took|take|agreed|discussed|convened|were|was|are|is|have|had|exchanged|reviewed|welcomed|noted|on \d|in \d|quien|que|who|which|realizaron|sostuvieron|particip\u00F3)\b/;

function cleanSegment(segment: string, lang: LanguageTable): string {
  let s = segment.trim().replace(/[.;:]+$/, '');
  const re = rx(lang).connectors;
  for (let i = 0; i < 4; i++) {
    const next = s.replace(re, '');
    if (next === s) break;
    s = next;
  }
  return s.trim();
}

function cleanTitle(parts: string[]): string {
  return parts
    .join(', ')
    .replace(/^(?:the|el|la|los|las)\s+/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The side a phrase names: a country or union, its adjective, or one of its institutions — the first one written. */
export function sideInText(text: string): Place | null {
  const hits: { index: number; place: Place }[] = [];
  const name = findNames(text).find((h) => h.kind === 'name');
  if (name) hits.push({ index: name.index, place: name.place });
  const adj = new RegExp(`(?<![\\p{L}])(${ADJECTIVE_SOURCE})(?![\\p{L}])`, 'u').exec(text);
  if (adj) {
    const place = placeOfAdjective(adj[1]!);
    if (place) hits.push({ index: adj.index, place });
  }
  const inst = placeOfInstitution(text);
  if (inst) hits.push(inst);
  hits.sort((a, b) => a.index - b.index);
  return hits[0]?.place ?? null;
}

/** The side a delegation clause speaks of ("The Mexican delegation", "the delegation of Japan", "Japan was represented by"). */
function sideOf(before: string, lang: LanguageTable): Place | null {
  const m = rx(lang).sideBefore.exec(before);
  if (m?.[1]) return placeOfAdjective(m[1]) ?? null;
  if (m?.[2]) return findNames(m[2])[0]?.place ?? null;
  const named = findNames(before).filter((h) => h.kind === 'name');
  return named.at(-1)?.place ?? null;
}

const isCapitalised = (t: string) => /^\p{Lu}/u.test(t);
const isOfficeWord = (t: string) => TITLE_WORDS.has(t.toLowerCase().replace(/[,.]$/, ''));

/**
 * A name written in one piece with its title: "the EU Special Representative for Human Rights
 * Stavros Lambrinidis" (after the title) or "Thomas Mayr Harting Managing Director for Europe"
 * (before it). Only next to a capitalised word of office, so "for Emerging Technologies" stays a title.
 */
function embeddedName(seg: string): { name: string; title: string; before: boolean } | null {
  const tokens = seg.split(/\s+/);
  for (let k = Math.min(5, tokens.length - 1); k >= 2; k--) {
    const after = tokens[k]!;
    const candidate = tokens.slice(0, k).join(' ');
    if (isCapitalised(after) && isOfficeWord(after) && isName(stripHonorifics(candidate).rest))
      return { name: stripHonorifics(candidate).rest, title: tokens.slice(k).join(' '), before: true };
  }
  for (let k = Math.min(5, tokens.length - 1); k >= 2; k--) {
    const prev = tokens[tokens.length - k - 1]!;
    const candidate = tokens.slice(tokens.length - k).join(' ');
    if (isCapitalised(prev) && (isOfficeWord(prev) || HONORIFIC.test(`${prev} `)) && isName(candidate))
      return { name: candidate, title: tokens.slice(0, tokens.length - k).join(' '), before: false };
  }
  return null;
}

type Item =
  | { kind: 'name'; name: string; titleWord: string | null; side: Place | null }
  | { kind: 'title'; text: string; side: Place | null }
  | { kind: 'both'; name: string; title: string; nameFirst: boolean; side: Place | null };

/** Splits a list of people into segments: commas and semicolons, then "and the …", "y la …" before another person. */
function segmentsOf(text: string, lang: LanguageTable): string[] {
  const out: string[] = [];
  for (const raw of text.split(/\s*[;,]\s*/)) {
    const pieces = raw.split(rx(lang).personSplit);
    // Only where a person follows: "Asuntos Exteriores y la Secretaría de Gobernación" stays one title.
    let acc = pieces[0]!;
    for (const piece of pieces.slice(1)) {
      const hasPerson = isName(stripHonorifics(cleanSegment(piece, lang)).rest) || embeddedName(piece) !== null;
      // "… y la Secretaría de Gobernación" starts another title; "… para América Latina y el Caribe" goes on with this one.
      if (hasPerson || /^(?:the|el|la)\s+\p{Lu}\S*\s+\S/u.test(piece)) {
        out.push(acc);
        acc = piece;
      } else acc += ` ${lang.listAnd} ${piece}`;
    }
    out.push(acc);
  }
  return out;
}

/**
 * The people of a list (after "led by", before "co-chaired"). Titles and names come in either
 * order — "the Under-Secretary …, Joel Hernández García" or "Freya Jackson, Director for …" — and
 * titles may hold commas of their own; a name is a short run of capitalised words with no word of
 * office in it. Each person's side is the clause's, else the one their own title names.
 */
export function peopleOf(text: string, clauseSide: Place | null, lang: LanguageTable = en): FoundDelegate[] {
  const flat = text
    .replace(/[.]\s*$/, '')
    // "Freya Jackson (Director, FCDO)": a title in brackets follows its name.
    .replace(/\s*\(([^()]+)\)/g, ', $1');
  const all = segmentsOf(flat, lang);
  const c = rx(lang);
  const items: Item[] = [];
  let pending: Place | null = null;
  for (const rawSeg of all) {
    let seg = cleanSegment(rawSeg, lang);
    if (!seg) continue;
    // "…, led by Ana Reyes, met in London on …": the sentence goes on past the people.
    if (PREDICATE.test(seg)) break;
    let marked: Place | null = null;
    for (const m of c.markers) {
      const hit = m.exec(seg);
      if (!hit) continue;
      marked = (findNames(hit[1]!)[0]?.place ?? placeOfAdjective(hit[1]!)) || null;
      seg = cleanSegment(`${seg.slice(0, hit.index)} ${seg.slice(hit.index + hit[0].length)}`.trim(), lang);
    }
    if (!seg) {
      pending = marked ?? pending;
      continue;
    }
    const { rest, titleWord } = stripHonorifics(seg);
    const side = marked ?? null;
    if (isName(rest)) items.push({ kind: 'name', name: rest, titleWord, side });
    else {
      const e = embeddedName(seg);
      if (e) items.push({ kind: 'both', name: e.name, title: e.title, nameFirst: e.before, side });
      else items.push({ kind: 'title', text: seg, side });
    }
    if (pending && items.length > 0) {
      const last = items.at(-1)!;
      if (last.kind !== 'title' && !last.side) items[items.length - 1] = { ...last, side: pending };
      if (last.kind !== 'title') pending = null;
    }
  }
  const people: { name: string; title: string[]; titleWord: string | null; side: Place | null }[] = [];
  const first = items[0];
  const nameFirst = first !== undefined && (first.kind === 'name' || (first.kind === 'both' && first.nameFirst));
  let buffer: string[] = [];
  for (const item of items) {
    if (item.kind === 'title') {
      if (nameFirst && people.length > 0) people.at(-1)!.title.push(item.text);
      else buffer.push(item.text);
      continue;
    }
    const title = item.kind === 'both' ? [item.title] : [];
    const titleWord = item.kind === 'name' ? item.titleWord : null;
    people.push({ name: item.name, title: nameFirst ? title : [...buffer, ...title], titleWord, side: item.side });
    if (!nameFirst) buffer = [];
  }
  return people.map((p, i) => ({
    name: p.name,
    title: cleanTitle(p.title) || p.titleWord || '',
    place: clauseSide ?? p.side ?? sideInText(p.title.join(', ')),
    lead: i === 0,
  }));
}

/** People in one delegation clause ("The Mexican delegation was led by …"). */
export function delegatesOfClause(clause: string, lang: LanguageTable = en): FoundDelegate[] {
  const c = rx(lang);
  const lead = c.leadIn.exec(clause);
  if (lead) {
    const place = sideOf(clause.slice(0, lead.index), lang);
    return peopleOf(clause.slice(lead.index + lead[0].length), place, lang);
  }
  const after = c.leadAfter.exec(clause);
  if (after) return peopleOf(clause.slice(0, after.index), sideOf('', lang), lang);
  return [];
}

/** A sentence that only goes on listing people ("El Subsecretario …, Roberto Campa, … y el Embajador …, Eloy Cantú."). */
export function continuedPeople(sentence: string, side: Place | null, lang: LanguageTable = en): FoundDelegate[] {
  const c = rx(lang);
  if (c.leadIn.test(sentence) || c.leadAfter.test(sentence) || c.verbs.test(sentence)) return [];
  const people = peopleOf(sentence, side, lang);
  return people.map((p) => ({ ...p, lead: false }));
}

/** "the United Kingdom", "the Mexican delegation", "the EU side": words that name one side and nothing else. */
function isSideWords(words: string, lang: LanguageTable): boolean {
  const nouns = lang.sideNouns.join('|');
  const bare = words.replace(/^(?:the|la|el)\s+/i, '').replace(new RegExp(`\\s+(?:${nouns})$`), '');
  const names = findNames(words);
  if (names.length === 1 && names[0]!.kind === 'name' && names[0]!.text.length === words.length) return true;
  return bare !== words.replace(/^(?:the|la|el)\s+/i, '') && placeOfAdjective(bare) !== undefined;
}

/**
 * Splits a sentence that speaks of both delegations into one clause per side:
 * "…; the EU side was led by …", "…, while the Chinese delegation was headed by …",
 * "Mexico was represented by …, and the United Kingdom by …".
 */
export function delegationClauses(sentence: string, lang: LanguageTable = en): string[] {
  const c = rx(lang);
  if (!c.leadIn.test(sentence)) return c.leadAfter.test(sentence) ? [sentence] : [];
  const nouns = lang.sideNouns.join('|');
  const and = lang.code === 'en' ? 'and' : 'y';
  const parts = sentence.split(
    new RegExp(
      `(?:;|,?\\s+${and}|,\\s+while|,\\s+mientras que)\\s+(?:${and}\\s+|while\\s+)?(?=(?:[Tt]he|[Oo]n the|[Ll]a|[Ee]l)\\s+[^;,]*?\\b(?:${nouns})\\b)|,\\s+while\\s+|;?\\s+mientras que\\s+`,
      'u',
    ),
  );
  const out: string[] = [];
  for (const part of parts) {
    // ", and the United Kingdom by Sir …": the verb is left out for the second side.
    const elided = new RegExp(
      `,?\\s+${and}\\s+((?:the\\s+|la\\s+|el\\s+)?\\p{Lu}[\\p{L}\\u2019' ]{1,60}?)\\s+(?:by|por)\\s+`,
      'u',
    ).exec(part);
    if (elided && isSideWords(elided[1]!, lang)) {
      out.push(
        part.slice(0, elided.index),
        `${elided[1]} ${leadWords(lang)} ${part.slice(elided.index + elided[0].length)}`,
      );
    } else out.push(part);
  }
  // "the Mexican delegation by Ambassador …" once split off: give it back its verb.
  const restored = out.map((p) => {
    const m = /^((?:the\s+|la\s+|el\s+)?\p{L}[\p{L}\u2019' ]{1,60}?)\s+(?:by|por)\s+/u.exec(p);
    return !c.leadIn.test(p) && m && isSideWords(m[1]!, lang)
      ? `${m[1]} ${leadWords(lang)} ${p.slice(m[0].length)}`
      : p;
  });
  return restored.filter((p) => c.leadIn.test(p));
}

const leadWords = (lang: LanguageTable) => (lang.code === 'en' ? 'was represented by' : 'fue encabezada por');
