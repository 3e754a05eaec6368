/**
 * HTML building for the dialogue page: every value that reaches the markup
 * goes through `esc` (text and attribute values alike), so text typed in
 * Slack — a commitment, a note, a city — can never become markup.
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** A query string for a link on the page (`?lang=es&theme=x`), keys in a fixed order, values escaped for HTML. */
export function queryHref(params: Readonly<Record<string, string | null | undefined>>): string {
  const q = new URLSearchParams();
  for (const key of ['lang', 'theme', 'side', 'c'])
    if (params[key] !== null && params[key] !== undefined && params[key] !== '') q.set(key, params[key]!);
  const s = q.toString();
  return esc(s ? `?${s}` : '?');
}
