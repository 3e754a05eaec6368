/**
 * A reply is a small document that every front end renders its own way:
 * Block Kit for Slack, plain text for local mode and the CLI. Strings in it
 * are plain text, never markup: a front end escapes them for its medium, so
 * user-typed text cannot ping @channel or break a layout. Mentions and links
 * are explicit inline parts.
 */
import type { Lang } from '../domain/types.js';

export type Inline =
  | string
  | { readonly bold: string }
  | { readonly code: string }
  | { readonly user: string }
  | { readonly channel: string }
  | { readonly link: string; readonly label?: string };

export type Rich = string | readonly Inline[];

export type Block =
  | { readonly type: 'header'; readonly text: string }
  | { readonly type: 'text'; readonly text: Rich }
  | { readonly type: 'fields'; readonly fields: readonly (readonly [label: string, value: Rich])[] }
  | { readonly type: 'list'; readonly items: readonly Rich[] }
  | { readonly type: 'context'; readonly text: Rich }
  | { readonly type: 'divider' };

export interface ReplyAction {
  /** Stable action ID the Slack layer routes on (e.g. `commitment.done`). */
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly style?: 'primary' | 'danger';
  /** Asks first (Slack shows a confirmation dialog): for actions that break or undo something. */
  readonly confirm?: {
    readonly title: string;
    readonly text: string;
    readonly confirm: string;
    readonly deny: string;
    readonly style?: 'primary' | 'danger';
  };
}

/** A file that goes with a reply (an export): Slack sends it to the asker as a direct-message file. */
export interface ReplyFile {
  readonly filename: string;
  readonly title: string;
  readonly content: string | Uint8Array;
}

/**
 * `failure` is ours (a bug or an outage), every other non-answer is the user's input.
 * `confirm`: nothing changed yet; the change asks the user to confirm it first.
 */
export type ReplyKind = 'answer' | 'change' | 'usage' | 'error' | 'refusal' | 'failure' | 'confirm';

export interface Reply {
  readonly kind: ReplyKind;
  /** One line that stands for the whole reply (notifications, Block Kit `text` fallback). */
  readonly summary: string;
  readonly blocks: readonly Block[];
  readonly actions?: readonly ReplyAction[];
  /** For a change: what to tell the channel (who did what), in the dialogue's default language. */
  readonly announcement?: Reply;
  /** Files for the asker (exports); front ends that cannot send files write them where the user is. */
  readonly files?: readonly ReplyFile[];
  /**
   * The same message in the channel's other languages (a channel shared by
   * both delegations): front ends show each after a divider, in one message,
   * with the buttons once. See `inLanguages`.
   */
  readonly also?: readonly Reply[];
  /** The reply's language: what a front end adds to it (the count of a cut) is worded in it. */
  readonly lang?: Lang;
  /**
   * How to see all of it, in the reply's language (a command, a button), for
   * a front end that cannot show it whole (Slack: 50 blocks a message) to
   * say after the count of what it left out.
   */
  readonly seeAll?: string;
}

/**
 * One message in several languages (the first is the channel's own): the
 * first reply, carrying the others as `also`. One language: that reply as it is.
 */
export function inLanguages(replies: readonly Reply[]): Reply {
  const [first, ...rest] = replies;
  if (!first) throw new Error('inLanguages needs at least one reply');
  return rest.length === 0 ? first : { ...first, also: rest };
}

function inlineText(part: Inline): string {
  if (typeof part === 'string') return part;
  if ('bold' in part) return part.bold;
  if ('code' in part) return part.code;
  if ('user' in part) return `@${part.user}`;
  if ('channel' in part) return `#${part.channel}`;
  return part.label ? `${part.label} <${part.link}>` : part.link;
}

/**
 * Pieces as one inline text, for a text that names a person or a channel:
 * rich({ user: id }, ` changed ${what}`) — each piece a string, an inline
 * part or a Rich text, in order (adjacent strings joined). A function, not a
 * template tag: a tagged template keeps its raw characters in the bundle,
 * which must stay ASCII (test/cli/bundle.test.ts).
 */
export function rich(...pieces: readonly (Rich | Inline)[]): Inline[] {
  const out: Inline[] = [];
  const push = (part: Inline) => {
    const last = out.at(-1);
    if (typeof part === 'string' && typeof last === 'string') out[out.length - 1] = last + part;
    else if (part !== '') out.push(part);
  };
  for (const piece of pieces)
    if (Array.isArray(piece)) for (const part of piece as readonly Inline[]) push(part);
    else push(piece as Inline);
  return out;
}

export function richText(rich: Rich): string {
  return typeof rich === 'string' ? rich : rich.map(inlineText).join('');
}

/** Plain text, for local mode, the CLI and logs. */
export function renderText(reply: Reply): string {
  const out: string[] = [];
  for (const block of reply.blocks) {
    switch (block.type) {
      case 'header':
        out.push(block.text, '');
        break;
      case 'text':
      case 'context':
        out.push(richText(block.text));
        break;
      case 'fields':
        for (const [label, value] of block.fields) out.push(`${label}: ${richText(value)}`);
        break;
      case 'list':
        for (const item of block.items) out.push(`• ${richText(item)}`);
        break;
      case 'divider':
        out.push('');
        break;
    }
  }
  while (out.at(-1) === '') out.pop();
  // The same message in the channel's other languages, each after a divider.
  for (const other of reply.also ?? []) out.push('', '———', '', renderText({ ...other, also: [] }));
  return out.join('\n');
}

export function textReply(kind: ReplyKind, text: Rich, extra: Block[] = []): Reply {
  return { kind, summary: richText(text), blocks: [{ type: 'text', text }, ...extra] };
}
