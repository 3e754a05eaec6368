import { ADJECTIVE_SOURCE, findNames, type Place, placeOfAdjective } from './parties.js';

/** A person found in a delegation sentence; the side is a gazetteer place (mapped to `parties` by the caller). */
export interface FoundDelegate {
  readonly name: string;
  readonly title: string;
  readonly place: Place | null;
  readonly lead: boolean;
}

/** Forms of address removed from names. */
const HONORIFIC =
  /^(?:H\.\s?E\.|HE|His Excellency|Her Excellency|Their Excellencies|The Rt\.? Hon\.?|Rt\.? Hon\.?|The Hon\.?|The Honourable|Hon\.?|Mr\.?|Mrs\.?|Ms\.?|Miss|Dr\.?|Mtro\.?|Mtra\.?|Lic\.?|Ing\.?|Embajador(?:a)?|Prof\.?|Professor|Sir|Dame|Lord|Lady|Baroness|Baron|Senator|Ambassador|Amb\.|Minister|Deputy Minister|Vice-Minister|Vice Minister|Commissioner|Secretary)\s+/;
/** Of those, the ones that are also a title when no other title is given. */
const TITLE_HONORIFIC =
  /^(?:Ambassador|Minister|Deputy Minister|Vice-Minister|Vice Minister|Commissioner|Secretary|Senator)$/;

/** Words that make a segment a title or an office, never a person's name. */
const TITLE_WORDS = new Set(
  [
    'director',
    'director-general',
    'general',
    'minister',
    'ministry',
    'secretary',
    'under-secretary',
    'undersecretary',
    'ambassador',
    'head',
    'deputy',
    'office',
    'affairs',
    'rights',
    'department',
    'directorate',
    'division',
    'unit',
    'representative',
    'coordinator',
    'envoy',
    'special',
    'global',
    'foreign',
    'commonwealth',
    'development',
    'human',
    'multilateral',
    'council',
    'union',
    'kingdom',
    'states',
    'republic',
    'government',
    'embassy',
    'mission',
    'chief',
    'senior',
    'adviser',
    'advisor',
    'officer',
    'counsellor',
    'counselor',
    'consul',
    'president',
    'vice-president',
    'commissioner',
    'commission',
    'service',
    'external',
    'action',
    'european',
    'cabinet',
    'policy',
    'strategy',
    'agency',
    'bureau',
    'team',
    'delegation',
    'permanent',
    'chair',
    'co-chair',
    'political',
    'economic',
    'security',
    'international',
    'organisations',
    'organizations',
    'system',
    'nations',
    'her',
    'his',
    'majesty’s',
    "majesty's",
    'un',
    'uk',
    'eu',
    'the',
    'legal',
    'adviser',
    'spokesperson',
    'negotiator',
    'institute',
    'programme',
    'program',
  ].map((w) => w.toLowerCase()),
);

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
  'al',
  'y',
  'e',
  'le',
]);

/** Strips forms of address; returns what was stripped that could serve as a title. */
export function stripHonorifics(text: string): { rest: string; titleWord: string | null } {
  let rest = text.trim();
  let titleWord: string | null = null;
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

/** "Joel Hernández García", "Aureny Aguirre O. Sunza", "Roberto de León Huerta". */
export function isName(text: string): boolean {
  const tokens = text.trim().split(/\s+/);
  if (tokens.length < 2 || tokens.length > 6) return false;
  const mixed = (t: string) => /^\p{Lu}[\p{L}'\u2019-]*\p{Ll}[\p{L}'\u2019-]*$/u.test(t);
  // A surname in capitals ("Joel HERNÁNDEZ García") counts when another word is written normally.
  const upper = (t: string) => /^\p{Lu}[\p{Lu}'\u2019-]+$/u.test(t) && tokens.some(mixed);
  const cap = (t: string) => mixed(t) || upper(t) || /^\p{Lu}\.$/u.test(t);
  if (!cap(tokens[0]!) || !cap(tokens.at(-1)!) || /^\p{Lu}\.$/u.test(tokens.at(-1)!)) return false;
  return tokens.every(
    (t) => (cap(t) || PARTICLES.has(t)) && !TITLE_WORDS.has(t.toLowerCase()) && findNames(t).length === 0,
  );
}

const CONNECTORS =
  /^(?:and|while|who (?:was|were) (?:accompanied|joined|supported) by|(?:accompanied|joined|supported|assisted) by|together with|as well as|along with|alongside|with|including|included|comprising|and included|also|respectively|led by|headed by|represented by|chaired by|co-chaired by|by)\s+/i;

const PREDICATE =
  /^(?:met|meet|held|hold|took|take|agreed|discussed|convened|were|was|are|is|have|had|exchanged|reviewed|welcomed|noted|on \d|in \d)\b/;

function cleanSegment(segment: string): string {
  let s = segment.trim().replace(/[.;:]+$/, '');
  for (let i = 0; i < 4; i++) {
    const next = s.replace(CONNECTORS, '');
    if (next === s) break;
    s = next;
  }
  return s.trim();
}

function cleanTitle(parts: string[]): string {
  return parts
    .join(', ')
    .replace(/^the\s+/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const LEAD_IN = /\b(?:(?:was|were|is) )?(?:led|headed|represented|chaired|co-chaired) by\b/;
const SIDE_BEFORE = new RegExp(
  `\\b(?:[Tt]he\\s+)?(${ADJECTIVE_SOURCE})\\s+(?:delegation|side|team)\\b|\\b(?:delegation|side|team)\\s+of\\s+(?:the\\s+)?([\\p{Lu}][\\p{L}]+(?:\\s+[\\p{Lu}][\\p{L}]+)*)`,
  'u',
);

/** The side a delegation clause speaks of ("The Mexican delegation", "the delegation of Japan", "Japan was represented by"). */
function sideOf(clause: string): Place | null {
  const m = SIDE_BEFORE.exec(clause);
  if (m?.[1]) return placeOfAdjective(m[1]) ?? null;
  if (m?.[2]) return findNames(m[2])[0]?.place ?? null;
  const lead = LEAD_IN.exec(clause);
  const before = lead ? clause.slice(0, lead.index) : clause;
  const named = findNames(before).filter((h) => h.kind === 'name');
  return named.at(-1)?.place ?? null;
}

/**
 * People in one delegation clause. Titles and names come in either order —
 * "led by the Under-Secretary …, Joel Hernández García" or "led by Freya
 * Jackson, Director for …" — and titles may hold commas of their own; a name
 * is a short run of capitalised words with no word of office in it.
 */
export function delegatesOfClause(clause: string): FoundDelegate[] {
  const lead = LEAD_IN.exec(clause);
  if (!lead) return [];
  const place = sideOf(clause.slice(0, lead.index + lead[0].length));
  const after = clause
    .slice(lead.index + lead[0].length)
    .replace(/[.]\s*$/, '')
    // "Freya Jackson (Director, FCDO)": a title in brackets follows its name.
    .replace(/\s*\(([^()]+)\)/g, ', $1');
  const all = after
    .split(/\s*[;,]\s*/)
    .map(cleanSegment)
    .filter(Boolean);
  // "…, led by Ana Reyes, met in London on …": the sentence goes on past the people.
  const stop = all.findIndex((seg) => PREDICATE.test(seg));
  const segments = stop < 0 ? all : all.slice(0, stop);
  type Seg = { text: string; name: string | null; titleWord: string | null };
  const segs: Seg[] = segments.map((s) => {
    const { rest, titleWord } = stripHonorifics(s);
    return { text: s, name: isName(rest) ? rest : null, titleWord };
  });
  const people: { name: string; title: string[]; titleWord: string | null }[] = [];
  const nameFirst = segs[0]?.name !== null && segs[0] !== undefined;
  let buffer: string[] = [];
  for (const seg of segs) {
    if (seg.name) {
      if (nameFirst) people.push({ name: seg.name, title: [], titleWord: seg.titleWord });
      else {
        people.push({ name: seg.name, title: buffer, titleWord: seg.titleWord });
        buffer = [];
      }
    } else if (nameFirst) people.at(-1)?.title.push(seg.text);
    else buffer.push(seg.text);
  }
  return people.map((p, i) => ({
    name: p.name,
    title: cleanTitle(p.title) || p.titleWord || '',
    place,
    lead: i === 0,
  }));
}

/** "the United Kingdom", "the Mexican delegation", "the EU side": words that name one side and nothing else. */
function isSideWords(words: string): boolean {
  const bare = words.replace(/^the\s+/i, '').replace(/\s+(?:delegation|side|team)$/, '');
  const names = findNames(words);
  if (names.length === 1 && names[0]!.kind === 'name' && names[0]!.text.length === words.length) return true;
  return bare !== words.replace(/^the\s+/i, '') && placeOfAdjective(bare) !== undefined;
}

/**
 * Splits a sentence that speaks of both delegations into one clause per side:
 * "…; the EU side was led by …", "…, while the Chinese delegation was headed by …",
 * "Mexico was represented by …, and the United Kingdom by …".
 */
export function delegationClauses(sentence: string): string[] {
  if (!LEAD_IN.test(sentence)) return [];
  const parts = sentence.split(
    /(?:;|,?\s+and|,\s+while)\s+(?:and\s+|while\s+)?(?=(?:[Tt]he|[Oo]n the)\s+[^;,]*?\b(?:delegation|side|team)\b)|,\s+while\s+/,
  );
  const out: string[] = [];
  for (const part of parts) {
    // ", and the United Kingdom by Sir …": the verb is left out for the second side.
    const elided = /,?\s+and\s+((?:the\s+)?\p{Lu}[\p{L}\u2019' ]{1,60}?)\s+by\s+/u.exec(part);
    if (elided && isSideWords(elided[1]!)) {
      out.push(
        part.slice(0, elided.index),
        `${elided[1]} was represented by ${part.slice(elided.index + elided[0].length)}`,
      );
    } else out.push(part);
  }
  // "the Mexican delegation by Ambassador …" once split off: give it back its verb.
  const restored = out.map((p) => {
    const m = /^((?:the\s+)?\p{L}[\p{L}\u2019' ]{1,60}?)\s+by\s+/u.exec(p);
    return !LEAD_IN.test(p) && m && isSideWords(m[1]!) ? `${m[1]} was represented by ${p.slice(m[0].length)}` : p;
  });
  return restored.filter((p) => LEAD_IN.test(p));
}
