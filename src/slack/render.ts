import type { Block, Inline, Reply, ReplyAction, Rich } from '../presentation/reply.js';

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

function inlineMrkdwn(part: Inline): string {
  if (typeof part === 'string') return escapeMrkdwn(part);
  if ('bold' in part) return `*${escapeInline(part.bold)}*`;
  if ('code' in part) return `\`${escapeInline(part.code)}\``;
  if ('user' in part) return /^[UW][A-Z0-9]+$/.test(part.user) ? `<@${part.user}>` : escapeMrkdwn(`@${part.user}`);
  if ('channel' in part)
    return /^[CGD][A-Z0-9]+$/.test(part.channel) ? `<#${part.channel}>` : escapeMrkdwn(`#${part.channel}`);
  const url = part.link.replace(/[<>|\s]/g, encodeURIComponent);
  return part.label ? `<${url}|${escapeMrkdwn(part.label).replace(/\|/g, '¦')}>` : `<${url}>`;
}

export function richMrkdwn(rich: Rich): string {
  return typeof rich === 'string' ? escapeMrkdwn(rich) : rich.map(inlineMrkdwn).join('');
}

/** Slack's limits: section text 3000 chars, header 150, fields 10 of 2000. */
function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

// biome-ignore lint/suspicious/noExplicitAny: Block Kit JSON is validated by Slack, typed loosely here
export type SlackBlock = Record<string, any>;

export function blockKit(block: Block): SlackBlock[] {
  switch (block.type) {
    case 'header':
      return [{ type: 'header', text: { type: 'plain_text', text: clip(block.text, 150), emoji: true } }];
    case 'text':
      return [{ type: 'section', text: { type: 'mrkdwn', text: clip(richMrkdwn(block.text), 3000) } }];
    case 'context':
      return [{ type: 'context', elements: [{ type: 'mrkdwn', text: clip(richMrkdwn(block.text), 3000) }] }];
    case 'divider':
      return [{ type: 'divider' }];
    case 'fields': {
      const out: SlackBlock[] = [];
      for (let i = 0; i < block.fields.length; i += 10) {
        out.push({
          type: 'section',
          fields: block.fields.slice(i, i + 10).map(([label, value]) => ({
            type: 'mrkdwn',
            text: clip(`*${escapeInline(label)}*\n${richMrkdwn(value)}`, 2000),
          })),
        });
      }
      return out;
    }
    case 'list': {
      // One section per ~40 items keeps each under Slack's 3000-character limit.
      const out: SlackBlock[] = [];
      for (let i = 0; i < block.items.length; i += 40) {
        const text = block.items
          .slice(i, i + 40)
          .map((item) => `• ${richMrkdwn(item)}`)
          .join('\n');
        out.push({ type: 'section', text: { type: 'mrkdwn', text: clip(text, 3000) } });
      }
      return out;
    }
  }
}

export function actionButtons(actions: readonly ReplyAction[]): SlackBlock[] {
  const out: SlackBlock[] = [];
  for (let i = 0; i < actions.length; i += 5) {
    out.push({
      type: 'actions',
      elements: actions.slice(i, i + 5).map((a) => ({
        type: 'button',
        // Unique within the message; Slack allows 255 characters (the value carries the data).
        action_id: `${a.id}:${a.value}`.slice(0, 255),
        text: { type: 'plain_text', text: clip(a.label, 75), emoji: true },
        value: a.value,
        ...(a.style ? { style: a.style } : {}),
      })),
    });
  }
  return out;
}

/** A reply as a Slack message body: Block Kit plus the plain `text` fallback. Slack allows 50 blocks. */
export function renderSlackMessage(reply: Reply, extra: SlackBlock[] = []): { text: string; blocks: SlackBlock[] } {
  // `extra` (e.g. a Share button) is kept whole; the reply's own blocks give way if over the limit.
  const blocks = [...reply.blocks.flatMap(blockKit), ...actionButtons(reply.actions ?? [])];
  return { text: clip(escapeMrkdwn(reply.summary), 3000), blocks: [...blocks.slice(0, 50 - extra.length), ...extra] };
}
