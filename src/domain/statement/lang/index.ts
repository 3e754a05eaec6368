import { en } from './en.js';
import { es } from './es.js';
import type { LanguageTable } from './types.js';

export type { LanguageTable } from './types.js';
export { en, es };

/** Every language the parser reads. A third language is one more table here. */
export const LANGUAGES: readonly LanguageTable[] = [en, es];

/**
 * The language a statement is written in: the table whose common short words occur most often.
 * Ties (and texts with none) are read as English.
 */
export function detectLanguage(text: string): LanguageTable {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  let best = en;
  let bestScore = -1;
  for (const table of LANGUAGES) {
    const stop = new Set(table.stopwords);
    const score = words.filter((w) => stop.has(w)).length;
    if (score > bestScore) {
      best = table;
      bestScore = score;
    }
  }
  return best;
}
