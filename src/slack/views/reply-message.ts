import { type CommandName, isShareable } from '../../commands/verbs.js';
import type { Lang } from '../../domain/types.js';
import { messages } from '../../i18n/index.js';
import type { Reply } from '../../presentation/reply.js';
import { renderSlackMessage, type SlackBlock } from '../render.js';

export const SHARE_ACTION = 'reply.share';

/** What a "Share in channel" button carries: the command to run again for the channel. */
export interface ShareValue {
  readonly c: string;
  readonly t: string;
}

/**
 * The value of a *Share in channel* button for this command, or null when its
 * answer is private (the verb registry decides, reading the text as the
 * router does) or too long: button values are limited to 2000 characters.
 */
export function shareValue(command: CommandName, text: string): string | null {
  if (!isShareable(command, text)) return null;
  const value = JSON.stringify({ c: command, t: text } satisfies ShareValue);
  return value.length <= 1900 ? value : null;
}

export function parseShareValue(value: string | undefined): ShareValue | null {
  if (!value) return null;
  try {
    const v = JSON.parse(value) as Partial<ShareValue>;
    return typeof v.c === 'string' && typeof v.t === 'string' ? { c: v.c, t: v.t } : null;
  } catch {
    return null;
  }
}

/** Button labels of the router's replies are terse (an ID, ✓, …); in Slack they say what they do, in the user's language. */
export function labelActions(reply: Reply, lang: Lang): Reply {
  if (!reply.actions?.length) return reply;
  const b = messages(lang).slack.buttons;
  return {
    ...reply,
    actions: reply.actions.map((a) =>
      a.id === 'commitment.done'
        ? { ...a, label: b.markDone }
        : a.id === 'commitment.update'
          ? { ...a, label: b.updateId(a.value) }
          : a,
    ),
  };
}

/** Replies with Undo or Confirm buttons: only in the private answer, never in what the channel sees. */
export function withoutChangeActions(reply: Reply): Reply {
  if (!reply.actions?.some((a) => a.id === 'change.undo' || a.id === 'change.confirm')) return reply;
  return {
    ...reply,
    actions: reply.actions.filter((a) => a.id !== 'change.undo' && a.id !== 'change.confirm'),
  };
}

/**
 * An ephemeral answer: the reply, plus a "Share in channel" button for
 * informational answers (usage hints, errors and refusals stay private, and
 * so does an answer marked private: a user's own feeds).
 */
export function ephemeralMessage(
  reply: Reply,
  lang: Lang,
  share: string | null,
): { text: string; blocks: SlackBlock[] } {
  const kept = rendered.get(reply);
  if (kept && kept.lang === lang && kept.share === share) return kept.message;
  const message = renderEphemeral(reply, lang, share);
  rendered.set(reply, { lang, share, message });
  return message;
}

/**
 * Replies are immutable, and the router hands out the same reply object for
 * an answer it kept: its Block Kit rendering is kept alongside, as long as
 * the reply itself lives.
 */
const rendered = new WeakMap<
  Reply,
  { lang: Lang; share: string | null; message: { text: string; blocks: SlackBlock[] } }
>();

function renderEphemeral(reply: Reply, lang: Lang, share: string | null): { text: string; blocks: SlackBlock[] } {
  const extra: SlackBlock[] =
    reply.kind === 'answer' && share
      ? [
          {
            type: 'actions',
            elements: [
              {
                type: 'button',
                action_id: SHARE_ACTION,
                text: { type: 'plain_text', text: messages(lang).slack.share.button, emoji: true },
                value: share,
              },
            ],
          },
        ]
      : [];
  return renderSlackMessage(labelActions(reply, lang), extra, lang);
}

/** A message posted for everyone in the channel, saying who shared it. */
export function sharedMessage(reply: Reply, lang: Lang, userId: string): { text: string; blocks: SlackBlock[] } {
  return renderSlackMessage(
    {
      ...labelActions(withoutChangeActions(reply), lang),
      blocks: [...reply.blocks, { type: 'context', text: [messages(lang).slack.share.sharedBy, { user: userId }] }],
    },
    [],
    lang,
  );
}
