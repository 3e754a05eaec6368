import type { Lang } from '../domain/types.js';
import { messages } from '../i18n/index.js';
import { UsageError } from './parse.js';

const PAGE_WORDS = new Set(['page', 'pagina', 'página', 'p']);

/**
 * Takes a trailing `page N` off a command's words. The number is checked
 * against the list's length later (`checkPage`); here only its shape.
 */
export function takePage(words: readonly string[], lang: Lang): { words: string[]; page: number } {
  const w = [...words];
  const i = w.length - 2;
  if (i >= 0 && PAGE_WORDS.has(w[i]!.toLowerCase())) {
    const n = w[i + 1]!;
    if (!/^\d{1,5}$/.test(n) || Number(n) < 1) throw new UsageError(messages(lang).paging.badPage(n));
    return { words: w.slice(0, i), page: Number(n) };
  }
  return { words: w, page: 1 };
}

/** A page asked for beyond the last one is a usage error that says how many there are. */
export function checkPage(page: number, pages: number, lang: Lang): void {
  if (page > pages) throw new UsageError(messages(lang).paging.beyond(page, pages));
}

/** As `checkPage`, for a list of `total` items shown `size` to a page. */
export function checkPageOf(page: number, total: number, size: number, lang: Lang): void {
  checkPage(page, Math.max(1, Math.ceil(total / size)), lang);
}
