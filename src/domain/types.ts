/** Shared shapes of the domain. Pure data: no I/O, no clocks. */

export type Lang = 'en' | 'es';
export const LANGS: readonly Lang[] = ['en', 'es'];

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

/** Finds a side from what a user typed: its code, an alias or its name, case-insensitively. */
export function partyByWord(dialogue: Dialogue, word: string): Party | undefined {
  const w = word.trim().toLowerCase();
  return dialogue.parties.find(
    (p) =>
      p.code.toLowerCase() === w ||
      p.aliases.includes(w) ||
      p.name.en.toLowerCase() === w ||
      p.name.es.toLowerCase() === w,
  );
}
