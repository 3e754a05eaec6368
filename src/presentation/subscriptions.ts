import type { Lang } from '../domain/types.js';
import { messages } from '../i18n/index.js';
import type { Subscription } from '../services/feeds.service.js';
import type { Block, Reply, ReplyAction } from './reply.js';

/** The action of a "Reset link…" button; its value is the dialogue, or `*` for the feed of every dialogue. */
export const RESET_FEED_ACTION = 'calendar.reset';

/** A "Reset link…" button: Slack asks first, in the user's language. */
export function resetFeedAction(dialogueId: string | null, lang: Lang): ReplyAction {
  const r = messages(lang).calendar.reset;
  return {
    id: RESET_FEED_ACTION,
    label: r.button,
    value: dialogueId ?? '*',
    style: 'danger',
    confirm: {
      title: r.confirmTitle,
      text: r.confirmText,
      confirm: r.confirmButton,
      deny: r.denyButton,
      style: 'danger',
    },
  };
}

/** The subscribe answer: both addresses and one line per calendar app. Front ends show it only to the user. */
export function subscriptionReply(sub: Subscription, lang: Lang, scopeName: string | null): Reply {
  const t = messages(lang).calendar.subscribe;
  const first =
    sub.outcome === 'existing' ? t.existing : sub.outcome === 'reset' ? messages(lang).calendar.reset.done : t.created;
  const notes = [
    sub.mine ? t.mine : t.all,
    scopeName ? t.scopeOne(scopeName) : t.scopeAll,
    sub.legacyKept ? t.legacyKept : '',
    t.refresh,
  ].filter(Boolean);
  const blocks: Block[] = [
    { type: 'header', text: t.header },
    { type: 'text', text: `${first} ${t.intro}` },
    {
      type: 'fields',
      fields: [
        [t.https, [{ link: sub.urls.https }]],
        [t.webcal, [{ link: sub.urls.webcal }]],
      ],
    },
    { type: 'list', items: [t.google, t.outlook, t.apple] },
    { type: 'context', text: notes.join(' ') },
    { type: 'context', text: t.resetHint(scopeCommand('subscribe reset', sub.dialogueId)) },
  ];
  return {
    kind: 'answer',
    summary: `${t.header} — ${first}`,
    blocks,
    actions: [resetFeedAction(sub.dialogueId, lang)],
  };
}

function scopeCommand(verb: string, dialogueId: string | null): string {
  return `/dialogue ${verb}${dialogueId ? ` --dialogue ${dialogueId}` : ''}`;
}

/** `/dialogue subscribe reset` before it is confirmed: a reset breaks every calendar that uses the current address. */
export function resetPreviewReply(dialogueId: string | null, lang: Lang): Reply {
  const r = messages(lang).calendar.reset;
  const text = r.preview;
  return {
    kind: 'answer',
    summary: text,
    blocks: [
      { type: 'header', text: r.header },
      { type: 'text', text },
      { type: 'context', text: r.confirmHint(scopeCommand('subscribe reset confirm', dialogueId)) },
    ],
    actions: [resetFeedAction(dialogueId, lang)],
  };
}
