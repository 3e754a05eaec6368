/** Shared shapes of the domain. Pure data: no I/O, no clocks. */

export type Lang = 'en' | 'es';
export const LANGS: readonly Lang[] = ['en', 'es'];

/** A commitment's status, as stored and as every message names it in code (the catalogue words it). */
export const COMMITMENT_STATUSES = ['not-started', 'in-progress', 'done', 'dropped'] as const;
export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number];

export type Localized = { readonly en: string; readonly es: string };

export interface Party {
  /** ISO 3166-1 alpha-2 code, also the key of per-side data (owners, delegates). */
  readonly code: string;
  readonly name: Localized;
  /** Words a user may type for this side: `mx`, `uk`, … (lower case). */
  readonly aliases: readonly string[];
  readonly timezone: string;
  readonly capital: Localized;
}

export interface DialogueSource {
  readonly url: string;
  readonly title: string;
  readonly publishedOn: string;
}

export interface Dialogue {
  readonly id: string;
  readonly name: Localized;
  readonly cadenceYears: number;
  readonly alternateHost: boolean;
  readonly parties: readonly [Party, Party];
  /** Zone in which "this year" and reminder times are reckoned. */
  readonly timezone: string;
  readonly source: DialogueSource | null;
  readonly reminderChannel: string | null;
}

export function partyByCode(dialogue: Dialogue, code: string): Party | undefined {
  return dialogue.parties.find((p) => p.code === code);
}

/** A typed side word as compared: lower case, accents off, spaces as hyphens, no leading article. */
function sideKey(word: string): string {
  return word
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .trim()
    .replace(/[\s_]+/g, '-')
    .replace(/^(?:the|el|la|los|las)-/, '');
}

/**
 * Every word a side answers to, derived from the dialogue's own party: its
 * code, its aliases, and its name in each language without the article (and
 * the initials of a name of several words), e.g. `mx`, `mex`, `mexico` for
 * Mexico; `gb`, `uk`, `united-kingdom`, `reino-unido`, `ru` for the United
 * Kingdom. Typed with accents or without, in any case (`méxico`).
 */
export function partyWords(party: Party): string[] {
  const names = [party.name.en, party.name.es].map(sideKey);
  const initials = names.filter((n) => n.includes('-')).map((n) => n.replace(/(?:^|-)(\p{L})[^-]*/gu, '$1'));
  return [...new Set([party.code, ...party.aliases].map(sideKey).concat(names, initials))];
}

/** Finds a side from what a user typed: its code, an alias or its name in either language, case and accents optional. */
export function partyByWord(dialogue: Dialogue, word: string): Party | undefined {
  const w = sideKey(word);
  const matches = dialogue.parties.filter((p) => partyWords(p).includes(w));
  // A word both sides answer to (two names with the same initials) names neither.
  return matches.length === 1 ? matches[0] : undefined;
}
