import type { Dialogue, Party } from '../types.js';

/**
 * Names under which states and unions appear in joint statements. A small,
 * fixed gazetteer is enough: statements name the two sides in full, by their
 * usual short name, by an adjective ("the Mexican delegation") or by capital.
 */
export interface Place {
  /** ISO 3166-1 alpha-2 code, or EU. */
  readonly code: string;
  /** Names as written, longest first when matched. Articles are part of the name ("the UK"). */
  readonly names: readonly string[];
  /** How to name it when a statement only uses an adjective ("the Mexican delegation"); else the last name. */
  readonly display?: string;
  readonly adjectives: readonly string[];
  readonly capitals: readonly string[];
  /** Offices and institutions that belong to this side ("Secretaría de Relaciones Exteriores", "EEAS"), as regex sources. */
  readonly institutions?: readonly string[];
}

export const PLACES: readonly Place[] = [
  {
    code: 'MX',
    names: [
      'the United Mexican States',
      'United Mexican States',
      'los Estados Unidos Mexicanos',
      'Estados Unidos Mexicanos',
      'Mexico',
      'México',
    ],
    display: 'Mexico',
    adjectives: ['Mexican', 'mexicana', 'mexicano', 'mexicanas', 'mexicanos'],
    capitals: ['Mexico City', 'Ciudad de México'],
    institutions: [
      'Secretar[ií]a de Relaciones Exteriores',
      'SRE',
      'Secretar[ií]a de Gobernaci[oó]n',
      'Procuradur[ií]a General de la Rep[uú]blica',
      'Subsecretari[oa] de Relaciones Exteriores',
      'Subsecretari[oa] para Asuntos Multilaterales',
      'Secretar[ií]a de las Mujeres',
    ],
  },
  {
    code: 'GB',
    names: [
      'the United Kingdom of Great Britain and Northern Ireland',
      'the United Kingdom',
      'United Kingdom',
      'Great Britain',
      'Britain',
      'the UK',
      'UK',
      'el Reino Unido de Gran Bretaña e Irlanda del Norte',
      'Reino Unido de Gran Bretaña e Irlanda del Norte',
      'el Reino Unido',
      'Reino Unido',
    ],
    adjectives: ['British', 'UK', 'United Kingdom', 'británica', 'británico', 'británicas', 'británicos'],
    display: 'the United Kingdom',
    capitals: ['London', 'Londres'],
    institutions: ['Foreign, Commonwealth and Development Office', 'FCDO', 'Foreign and Commonwealth Office'],
  },
  {
    code: 'JP',
    display: 'Japan',
    names: ['Japan', 'Japón'],
    adjectives: ['Japanese', 'japonesa', 'japonés'],
    capitals: ['Tokyo', 'Tokio'],
  },
  {
    code: 'EU',
    names: ['the European Union', 'European Union', 'the EU', 'EU', 'la Unión Europea', 'Unión Europea', 'la UE', 'UE'],
    adjectives: ['EU', 'European Union', 'European', 'europea', 'europeo', 'UE'],
    display: 'the European Union',
    capitals: ['Brussels', 'Bruselas', 'Bruxelles'],
    institutions: [
      'European External Action Service',
      'EEAS',
      'European Commission',
      'Servicio Europeo de Acci[oó]n Exterior',
      'SEAE',
      'Comisi[oó]n Europea',
    ],
  },
  {
    code: 'IR',
    names: ['the Islamic Republic of Iran', 'Islamic Republic of Iran', 'Iran'],
    adjectives: ['Iranian'],
    capitals: ['Tehran'],
  },
  {
    code: 'CN',
    names: ["the People's Republic of China", 'the People’s Republic of China', 'China'],
    adjectives: ['Chinese'],
    capitals: ['Beijing'],
  },
  {
    code: 'US',
    names: [
      'the United States of America',
      'the United States',
      'United States',
      'the US',
      'the USA',
      'los Estados Unidos de América',
      'los Estados Unidos',
      'Estados Unidos',
    ],
    adjectives: ['American', 'US', 'estadounidense'],
    display: 'the United States',
    capitals: ['Washington, D.C.', 'Washington'],
  },
  { code: 'CA', names: ['Canada'], adjectives: ['Canadian'], capitals: ['Ottawa'] },
  { code: 'FR', names: ['France'], adjectives: ['French'], capitals: ['Paris'] },
  { code: 'DE', names: ['Germany'], adjectives: ['German'], capitals: ['Berlin'] },
  {
    code: 'ES',
    names: ['Spain', 'España'],
    display: 'Spain',
    adjectives: ['Spanish', 'española', 'español', 'españolas', 'españoles'],
    capitals: ['Madrid'],
    institutions: [
      'Secretari[oa] de Estado para Iberoam[eé]rica',
      'Ministerio de Asuntos Exteriores, Uni[oó]n Europea y Cooperaci[oó]n',
    ],
  },
  { code: 'IT', names: ['Italy'], adjectives: ['Italian'], capitals: ['Rome'] },
  {
    code: 'IN',
    names: ['India'],
    adjectives: ['Indian'],
    capitals: ['New Delhi', 'Nueva Delhi'],
    institutions: ['Ministry of External Affairs', 'MEA'],
  },
  { code: 'BR', names: ['Brazil'], adjectives: ['Brazilian'], capitals: ['Brasília', 'Brasilia'] },
  { code: 'AR', names: ['Argentina'], adjectives: ['Argentine', 'Argentinian'], capitals: ['Buenos Aires'] },
  { code: 'CL', names: ['Chile'], adjectives: ['Chilean', 'chilena', 'chileno'], capitals: ['Santiago'] },
  {
    code: 'CO',
    names: ['Colombia'],
    adjectives: ['Colombian', 'colombiana', 'colombiano'],
    capitals: ['Bogotá', 'Bogota'],
  },
  {
    code: 'BY',
    names: ['the Republic of Belarus', 'Republic of Belarus', 'Belarus', 'Bielorrusia'],
    display: 'Belarus',
    adjectives: ['Belarusian', 'bielorrusa', 'bielorruso'],
    capitals: ['Minsk'],
  },
  {
    code: 'ET',
    display: 'Ethiopia',
    names: ['Ethiopia', 'Etiopía'],
    adjectives: ['Ethiopian', 'etíope'],
    capitals: ['Addis Ababa', 'Adís Abeba'],
  },
  {
    code: 'MY',
    names: ['Malaysia', 'Malasia'],
    display: 'Malaysia',
    adjectives: ['Malaysian', 'malasia', 'malasio'],
    capitals: ['Kuala Lumpur', 'Putrajaya'],
  },
  { code: 'PE', names: ['Peru'], adjectives: ['Peruvian'], capitals: ['Lima'] },
  { code: 'AU', names: ['Australia'], adjectives: ['Australian'], capitals: ['Canberra'] },
  { code: 'NZ', names: ['New Zealand'], adjectives: ['New Zealand'], capitals: ['Wellington'] },
  {
    code: 'KR',
    names: ['the Republic of Korea', 'Republic of Korea', 'South Korea'],
    adjectives: ['Korean'],
    display: 'the Republic of Korea',
    capitals: ['Seoul'],
  },
  { code: 'ZA', names: ['South Africa'], adjectives: ['South African'], capitals: ['Pretoria'] },
  { code: 'NG', names: ['Nigeria'], adjectives: ['Nigerian'], capitals: ['Abuja'] },
  { code: 'KE', names: ['Kenya'], adjectives: ['Kenyan'], capitals: ['Nairobi'] },
  { code: 'EG', names: ['Egypt'], adjectives: ['Egyptian'], capitals: ['Cairo'] },
  { code: 'NO', names: ['Norway'], adjectives: ['Norwegian'], capitals: ['Oslo'] },
  { code: 'TR', names: ['Türkiye', 'Turkey'], adjectives: ['Turkish'], capitals: ['Ankara'] },
  { code: 'ID', names: ['Indonesia'], adjectives: ['Indonesian'], capitals: ['Jakarta'] },
  { code: 'VN', names: ['Viet Nam', 'Vietnam'], adjectives: ['Vietnamese'], capitals: ['Hanoi'] },
  { code: 'SA', names: ['Saudi Arabia'], adjectives: ['Saudi'], capitals: ['Riyadh'] },
  { code: 'GT', names: ['Guatemala'], adjectives: ['Guatemalan'], capitals: ['Guatemala City'] },
  { code: 'CU', names: ['Cuba'], adjectives: ['Cuban'], capitals: ['Havana'] },
];

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Drops a leading article so "the UK" and "The UK" compare equal. */
export function bareName(name: string): string {
  return name.replace(/^(?:the|la|el|los|las)\s+/i, '').trim();
}

function sameWords(a: string, b: string): boolean {
  const plain = (name: string) =>
    bareName(name)
      .replace(/\u2019/g, "'")
      .toLowerCase();
  return plain(a) === plain(b);
}

/** The gazetteer entry a name, adjective or capital belongs to. */
export function placeOf(word: string): Place | undefined {
  return PLACES.find(
    (p) =>
      p.code.toLowerCase() === bareName(word).toLowerCase() ||
      p.names.some((n) => sameWords(n, word)) ||
      p.adjectives.some((n) => sameWords(n, word)) ||
      p.capitals.some((n) => sameWords(n, word)),
  );
}

/** True when the word is a capital (or other city) rather than a country's name. */
export function isCapital(word: string): boolean {
  return PLACES.some((p) => p.capitals.some((c) => sameWords(c, word)));
}

export interface NameHit {
  readonly place: Place;
  /** As written, with a leading "The" lowered to "the". */
  readonly text: string;
  readonly index: number;
  readonly kind: 'name' | 'adjective' | 'capital';
}

type Entry = { place: Place; text: string; kind: NameHit['kind'] };
const ENTRIES: Entry[] = PLACES.flatMap((place) => [
  ...place.names.map((text) => ({ place, text, kind: 'name' as const })),
  ...place.capitals.map((text) => ({ place, text, kind: 'capital' as const })),
]).sort((a, b) => b.text.length - a.text.length);

const NAME_RE = new RegExp(
  `(?<![\\p{L}\\p{N}])(${ENTRIES.map((e) => escapeRe(e.text).replace(/^(the|la|el|los|las)\\ /i, (_, a: string) => `[${a[0]!.toUpperCase()}${a[0]}]${a.slice(1)} `)).join('|')})(?![\\p{L}\\p{N}])`,
  'gu',
);

/** Every country, union or capital named in a text, in order (longest name wins at a position). */
export function findNames(text: string): NameHit[] {
  const hits: NameHit[] = [];
  for (const m of text.matchAll(NAME_RE)) {
    const raw = m[1]!;
    const entry = ENTRIES.find((e) => e.text.toLowerCase() === raw.toLowerCase());
    if (!entry) continue;
    hits.push({
      place: entry.place,
      text: raw.replace(/^(The|La|El|Los|Las) /, (a) => a.toLowerCase()),
      index: m.index,
      kind: entry.kind,
    });
  }
  return hits;
}

const ADJECTIVES: Entry[] = PLACES.flatMap((place) =>
  place.adjectives.map((text) => ({ place, text, kind: 'adjective' as const })),
).sort((a, b) => b.text.length - a.text.length);

/** `Mexican`, `UK`, `EU` … as an adjective at a position ("the Mexican delegation"). */
export const ADJECTIVE_SOURCE = ADJECTIVES.map((e) => escapeRe(e.text)).join('|');

export function placeOfAdjective(word: string): Place | undefined {
  return ADJECTIVES.find((e) => e.text.toLowerCase() === word.toLowerCase())?.place;
}

/**
 * A side of a dialogue from a name as a statement writes it ("the UK",
 * "the United Mexican States", "London"): by the dialogue's own code, aliases
 * and names first, then through the gazetteer (other names, adjectives, capital).
 */
export function partyFromStatement(dialogue: Dialogue, word: string): Party | undefined {
  const bare = bareName(word).toLowerCase();
  const direct = dialogue.parties.find(
    (p) =>
      p.code.toLowerCase() === bare ||
      p.aliases.includes(bare) ||
      sameWords(p.name.en, word) ||
      sameWords(p.name.es, word) ||
      sameWords(p.capital.en, word) ||
      sameWords(p.capital.es, word),
  );
  if (direct) return direct;
  const place = placeOf(word);
  if (!place) return undefined;
  return dialogue.parties.find(
    (p) =>
      p.code === place.code ||
      p.aliases.includes(place.code.toLowerCase()) ||
      placeOf(p.name.en)?.code === place.code ||
      placeOf(p.capital.en)?.code === place.code,
  );
}

export function displayName(place: Place): string {
  return place.display ?? place.names.at(-1)!;
}

/** The side an office or institution belongs to ("the Secretaría de Relaciones Exteriores" → Mexico). */
const INSTITUTIONS = PLACES.flatMap((place) =>
  (place.institutions ?? []).map((source) => ({ place, re: new RegExp(`(?<![\\p{L}])${source}(?![\\p{L}])`, 'iu') })),
);

export function placeOfInstitution(text: string): { place: Place; index: number } | undefined {
  let best: { place: Place; index: number } | undefined;
  for (const { place, re } of INSTITUTIONS) {
    const m = re.exec(text);
    if (m && (!best || m.index < best.index)) best = { place, index: m.index };
  }
  return best;
}
