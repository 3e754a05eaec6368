import { LANGS, type Lang } from '../domain/types.js';
import { messages } from './index.js';

/**
 * What people type, read the same way in either language: case, accents,
 * spaces and underscores do not matter (`Igualdad_de_Género` →
 * `igualdad-de-genero`).
 */
export function typedKey(word: string): string {
  return word
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .trim()
    .replace(/[\s_]+/g, '-');
}

/** A theme's name in the reader's language: the catalogue's, else the key with its hyphens as spaces. */
export function themeName(theme: string, lang: Lang): string {
  const names: Readonly<Record<string, string>> = messages(lang).words.themes;
  return Object.hasOwn(names, theme) ? names[theme]! : theme.replace(/-/g, ' ');
}

/**
 * The theme (of those a dialogue has) a typed word names: its key or its name
 * in either language, accents and case optional (`igualdad-de-genero`,
 * `igualdad-de-género`, `gender-equality`, `Gender_Equality`). Null when none.
 */
export function parseTheme(word: string, themes: readonly string[]): string | null {
  const key = typedKey(word);
  for (const theme of themes) {
    if (typedKey(theme) === key) return theme;
    if (LANGS.some((lang) => typedKey(themeName(theme, lang)) === key)) return theme;
  }
  return null;
}

/** Filter words of `/commitments list`, in English and Spanish. */
const LIST_FILTERS: Readonly<Record<string, 'open' | 'done' | 'all'>> = {
  open: 'open',
  abiertos: 'open',
  abiertas: 'open',
  pendientes: 'open',
  done: 'done',
  cumplidos: 'done',
  cumplidas: 'done',
  all: 'all',
  todos: 'all',
  todas: 'all',
};

/** The list filter (`open`, `done`, `all`) a typed word names in either language, or null. */
export function parseListFilter(word: string): 'open' | 'done' | 'all' | null {
  const key = typedKey(word);
  return Object.hasOwn(LIST_FILTERS, key) ? LIST_FILTERS[key]! : null;
}
