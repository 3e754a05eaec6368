import type { Lang } from '../domain/types.js';
import { messages } from '../i18n/index.js';
import type { Block, Inline, Reply, ReplyAction, Rich } from '../presentation/reply.js';
import { clip, SLACK_LIMITS as L } from './limits.js';

/**
 * Escapes text for Slack mrkdwn: `&`, `<` and `>` are the control characters
 * (https://api.slack.com/reference/surfaces/formatting#escaping). With them
 * escaped, `<!channel>`, `<!here>`, `<!subteam^…>` and `<@U…>` typed by a user
 * stay text. We also defuse bare `@channel`/`@here`/`@everyone` words with a
 * zero-width joiner, because some clients still highlight them.
 */
export function escapeMrkdwn(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@(channel|here|everyone)\b/gi, '@\u200d$1');
}

/** Escapes mrkdwn formatting characters too, for text inside *bold* or `code`. */
function escapeInline(text: string): string {
  return escapeMrkdwn(text).replace(/[*_~`]/g, (c) => `\u200b${c}\u200b`);
}

function wrap(text: string, marker: string): string {
  const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(text)!;
  return m[2] ? `${m[1]}${marker}${escapeInline(m[2])}${marker}${m[3]}` : text;
}

function inlineMrkdwn(part: Inline): string {
  if (typeof part === 'string') return escapeMrkdwn(part);
  // Slack only closes bold and code when the marker touches a word: spaces go outside the markers.
  if ('bold' in part) return wrap(part.bold, '*');
  if ('code' in part) return wrap(part.code, '`');
  if ('user' in part) return /^[UW][A-Z0-9]+$/.test(part.user) ? `<@${part.user}>` : escapeMrkdwn(`@${part.user}`);
  if ('channel' in part)
    return /^[CGD][A-Z0-9]+$/.test(part.channel) ? `<#${part.channel}>` : escapeMrkdwn(`#${part.channel}`);
  const url = part.link.replace(/[<>|\s]/g, encodeURIComponent);
  return part.label ? `<${url}|${escapeMrkdwn(part.label).replace(/\|/g, '¦')}>` : `<${url}>`;
}

export function richMrkdwn(rich: Rich): string {
  return typeof rich === 'string' ? escapeMrkdwn(rich) : rich.map(inlineMrkdwn).join('');
}

// biome-ignore lint/suspicious/noExplicitAny: Block Kit JSON is validated by Slack, typed loosely here
export type SlackBlock = Record<string, any>;

/** A Slack block and how many of a list's items it holds (0 for any other block). */
interface Packed {
  readonly block: SlackBlock;
  readonly items: number;
}

/**
 * A list's items packed into as few sections as fit Slack's section limit.
 * Every item is kept: only an item that alone is longer than a section is
 * clipped (its own text, with "…"), never the section around it.
 */
function packList(items: readonly Rich[]): Packed[] {
  const out: Packed[] = [];
  let current = '';
  let count = 0;
  const flush = () => {
    if (current) out.push({ block: { type: 'section', text: { type: 'mrkdwn', text: current } }, items: count });
    current = '';
    count = 0;
  };
  for (const item of items) {
    const line = clip(`• ${richMrkdwn(item)}`, L.sectionText);
    if (current && current.length + 1 + line.length > L.sectionText) flush();
    current = current ? `${current}\n${line}` : line;
    count++;
  }
  flush();
  return out;
}

export function listSections(items: readonly Rich[]): SlackBlock[] {
  return packList(items).map((p) => p.block);
}

/** A block as Slack blocks, each with the number of list items it holds. */
function packed(block: Block): Packed[] {
  return block.type === 'list' ? packList(block.items) : blockKit(block).map((b) => ({ block: b, items: 0 }));
}

export function blockKit(block: Block): SlackBlock[] {
  switch (block.type) {
    case 'header':
      return [{ type: 'header', text: { type: 'plain_text', text: clip(block.text, L.headerText), emoji: true } }];
    case 'text': {
      const text = richMrkdwn(block.text);
      return text ? [{ type: 'section', text: { type: 'mrkdwn', text: clip(text, L.sectionText) } }] : [];
    }
    case 'context':
      return [{ type: 'context', elements: [{ type: 'mrkdwn', text: clip(richMrkdwn(block.text), L.contextText) }] }];
    case 'divider':
      return [{ type: 'divider' }];
    case 'fields': {
      const out: SlackBlock[] = [];
      for (let i = 0; i < block.fields.length; i += L.sectionFields) {
        out.push({
          type: 'section',
          fields: block.fields.slice(i, i + L.sectionFields).map(([label, value]) => ({
            type: 'mrkdwn',
            text: clip(`*${escapeInline(label)}*\n${richMrkdwn(value)}`, L.fieldText),
          })),
        });
      }
      return out;
    }
    case 'list':
      return listSections(block.items);
  }
}

/** A Slack confirmation dialog for a button, clipped to its limits. */
function confirmDialog(c: NonNullable<ReplyAction['confirm']>): SlackBlock {
  return {
    title: { type: 'plain_text', text: clip(c.title, L.confirmTitle) },
    text: { type: 'plain_text', text: clip(c.text, L.confirmText) },
    confirm: { type: 'plain_text', text: clip(c.confirm, L.confirmButton) },
    deny: { type: 'plain_text', text: clip(c.deny, L.confirmButton) },
    ...(c.style ? { style: c.style } : {}),
  };
}

export function actionButtons(actions: readonly ReplyAction[]): SlackBlock[] {
  const out: SlackBlock[] = [];
  // Five to a row reads better than Slack's 25.
  for (let i = 0; i < actions.length; i += 5) {
    out.push({
      type: 'actions',
      elements: actions.slice(i, i + 5).map((a) => ({
        type: 'button',
        // Unique within the message; Slack allows 255 characters (the value carries the data).
        action_id: `${a.id}:${a.value}`.slice(0, L.actionId),
        text: { type: 'plain_text', text: clip(a.label, L.buttonText), emoji: true },
        value: a.value,
        ...(a.style ? { style: a.style } : {}),
        ...(a.confirm ? { confirm: confirmDialog(a.confirm) } : {}),
      })),
    });
  }
  return out;
}

/**
 * The buttons of a message in several languages: once, with each language's
 * label where they fit on the button (`Mark done / Marcar como cumplido`).
 */
function mergedActions(versions: readonly Reply[]): ReplyAction[] {
  const [first, ...others] = versions;
  return (first?.actions ?? []).map((a) => {
    const labels = [a.label];
    for (const other of others) {
      const same = other.actions?.find((b) => b.id === a.id && b.value === a.value);
      if (same && !labels.includes(same.label)) labels.push(same.label);
    }
    const label = labels.join(' / ');
    return label.length <= L.buttonText ? { ...a, label } : a;
  });
}

/** Shares `room` blocks among bodies: each gets what it needs, the longest share what is left equally. */
function shareRoom(lengths: readonly number[], room: number): number[] {
  const out = lengths.map(() => 0);
  let left = room;
  let pending = lengths.length;
  for (const i of lengths.map((_, i) => i).sort((a, b) => lengths[a]! - lengths[b]!)) {
    out[i] = Math.min(lengths[i]!, Math.floor(left / pending));
    left -= out[i]!;
    pending--;
  }
  return out;
}

/**
 * A reply's body in at most `room` blocks. Should it not fit, it keeps what
 * fits and ends with a line saying how much was left out (list items and
 * other lines, counted) and how to see all of it: the reply's own `seeAll`,
 * else to ask for less at a time. Never silently cut.
 */
function fitBody(body: readonly Packed[], room: number, reply: Reply, lang: Lang): SlackBlock[] {
  if (body.length <= room) return body.map((p) => p.block);
  const kept = body.slice(0, Math.max(0, room - 1));
  const left = body.slice(kept.length);
  const items = left.reduce((n, p) => n + p.items, 0);
  const lines = left.filter((p) => p.items === 0 && p.block.type !== 'divider').length;
  const t = messages(reply.lang ?? lang).slack;
  const text = t.cut(items, lines, reply.seeAll ?? t.cutSee);
  return [
    ...kept.map((p) => p.block),
    { type: 'context', elements: [{ type: 'mrkdwn', text: clip(escapeMrkdwn(text), L.contextText) }] },
  ];
}

/**
 * A reply as a Slack message body: Block Kit plus the plain `text` fallback.
 * Slack allows 50 blocks. `lang`: the language of what the renderer adds
 * itself, for a reply that does not carry its own.
 */
export function renderSlackMessage(
  reply: Reply,
  extra: SlackBlock[] = [],
  lang: Lang = 'en',
): { text: string; blocks: SlackBlock[] } {
  if (reply.also?.length) return renderInLanguages([reply, ...reply.also], extra, lang);
  // `extra` (e.g. a Share button) and the reply's buttons (a pager, Download) are kept whole:
  // they are how to see the rest. The reply's own blocks give way if over the limit.
  const buttons = actionButtons(reply.actions ?? []);
  const room = L.messageBlocks - extra.length - buttons.length;
  // Replies are paged to fit (commands size their pages by SLACK_LIMITS); should one still not fit,
  // it ends saying how much is not shown and how to see it.
  const body = fitBody(reply.blocks.flatMap(packed), room, reply, lang);
  return { text: clip(escapeMrkdwn(reply.summary), L.sectionText), blocks: [...body, ...buttons, ...extra] };
}

/**
 * One message in several languages (a channel shared by both delegations):
 * each language's blocks in turn, a divider between, the buttons once at the
 * end. Should they not all fit Slack's 50 blocks, each language gets its
 * share and one that is cut says, in its language, how much is not shown.
 */
function renderInLanguages(
  versions: readonly Reply[],
  extra: SlackBlock[],
  lang: Lang,
): { text: string; blocks: SlackBlock[] } {
  const buttons = actionButtons(mergedActions(versions));
  const bodies = versions.map((v) => v.blocks.flatMap(packed));
  const dividers = versions.length - 1;
  const room = L.messageBlocks - extra.length - buttons.length - dividers;
  const shares = shareRoom(
    bodies.map((b) => b.length),
    room,
  );
  const blocks: SlackBlock[] = [];
  bodies.forEach((body, i) => {
    if (i > 0) blocks.push({ type: 'divider' });
    blocks.push(...fitBody(body, shares[i]!, versions[i]!, lang));
  });
  const text = versions.map((v) => escapeMrkdwn(v.summary)).join('\n');
  return { text: clip(text, L.sectionText), blocks: [...blocks, ...buttons, ...extra] };
}
