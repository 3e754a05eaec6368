import type { Lang } from '../domain/types.js';
import { messages } from '../i18n/index.js';
import type { Block, ReplyAction } from './reply.js';

/** The slash commands a page button can re-run. */
export type PagedCommand = '/dialogue' | '/commitments';

/**
 * Long lists are shown a page at a time, never cut: every page says which
 * items it holds out of how many, and how to reach the others (buttons in
 * Slack, `… page N` as text everywhere). Page sizes are chosen so a page
 * fits one Slack message with room to spare (test/slack/limits.test.ts
 * renders every surface with oversized data to prove it).
 */
export const PAGE_SIZES = {
  /** `/commitments list`: one line per item, plus an Update button for open ones (5 per row). */
  list: 25,
  /** `/dialogue brief`: one block per commitment. */
  brief: 20,
  /** `/commitments history <ID>`: one line per change (notes clipped). */
  history: 25,
  /** `/dialogue reminders [days]`: one line per reminder. */
  reminders: 25,
} as const;

/** A list's text is clipped per item to this many characters (the full text: `/commitments show <ID>`). */
export const ITEM_TEXT_MAX = 200;

/** Clips one item's text, ending with "…"; says whether it did. */
export function clipItem(text: string, max = ITEM_TEXT_MAX): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

export interface Page<T> {
  readonly items: readonly T[];
  /** 1-based. */
  readonly page: number;
  readonly pages: number;
  readonly total: number;
  /** 1-based positions of the first and last item shown (0 when there are none). */
  readonly first: number;
  readonly last: number;
}

export function pageOf<T>(all: readonly T[], page: number, size: number): Page<T> {
  const pages = Math.max(1, Math.ceil(all.length / size));
  const p = Math.min(Math.max(1, page), pages);
  const items = all.slice((p - 1) * size, p * size);
  const first = items.length === 0 ? 0 : (p - 1) * size + 1;
  return { items, page: p, pages, total: all.length, first, last: first === 0 ? 0 : first + items.length - 1 };
}

/** The command, as typed, that shows page `n` (the request's `--dialogue` kept). */
export function pageCommand(base: string, dialogue: string | null, n: number): string {
  return [base, `page ${n}`, dialogue ? `--dialogue ${dialogue}` : ''].filter(Boolean).join(' ');
}

export const PAGE_ACTION = 'reply.page';

/** What a page button carries: the command to run for that page. */
export interface PageValue {
  readonly c: PagedCommand;
  readonly t: string;
}

/**
 * The pager under a list: where this page stands, the command for the next
 * one (as text), and ◂ Previous / Next ▸ buttons. Nothing when all fits on one page.
 */
export function pager(
  p: Page<unknown>,
  command: PagedCommand,
  base: string,
  /** The request's `--dialogue` (kept in page commands), or null. */
  dialogue: string | null,
  lang: Lang,
): { blocks: Block[]; actions: ReplyAction[] } {
  if (p.pages <= 1) return { blocks: [], actions: [] };
  const t = messages(lang).paging;
  const text = (n: number) => pageCommand(base, dialogue, n);
  const lines = [t.status(p.page, p.pages, p.first, p.last, p.total)];
  if (p.page < p.pages) lines.push(t.nextHint(`${command} ${text(p.page + 1)}`, p.total - p.last));
  const actions: ReplyAction[] = [];
  const value = (n: number) => JSON.stringify({ c: command, t: text(n) } satisfies PageValue);
  if (p.page > 1) actions.push({ id: PAGE_ACTION, label: t.previous, value: value(p.page - 1) });
  if (p.page < p.pages) actions.push({ id: PAGE_ACTION, label: t.next, value: value(p.page + 1), style: 'primary' });
  return { blocks: [{ type: 'context', text: lines.join(' · ') }], actions };
}

export function parsePageValue(value: string | undefined): PageValue | null {
  if (!value) return null;
  try {
    const v = JSON.parse(value) as Partial<PageValue>;
    return (v.c === '/dialogue' || v.c === '/commitments') && typeof v.t === 'string' ? { c: v.c, t: v.t } : null;
  } catch {
    return null;
  }
}
