import type { Lang } from '../domain/types.js';
import { messages } from '../i18n/index.js';
import type { FeedInfo, FeedRestore, FeedSelection, FeedStop, Subscription } from '../services/feeds.service.js';
import type { Block, Reply, ReplyAction, Rich } from './reply.js';

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

/** Names of the dialogues, by id, in the reader's language: what a feed covers is said in words. */
export type DialogueNames = ReadonlyMap<string, string>;

/** A feed in words: "all dialogues", "Mexico–UK … only", "… — your commitments only". */
export function feedName(feed: FeedInfo, names: DialogueNames, lang: Lang): string {
  const u = messages(lang).calendar.unsubscribe;
  const scope = feed.dialogueId === null ? u.feedAll : u.feedOne(names.get(feed.dialogueId) ?? feed.dialogueId);
  return feed.mine ? u.feedMine(scope) : scope;
}

/** The typed command that stops the feeds of a selection (`confirm` added when asked). */
function unsubscribeCommand(selection: FeedSelection, confirm: boolean): string {
  const words = ['/dialogue unsubscribe'];
  if (selection.kind === 'every') words.push('all');
  if (selection.kind === 'scope' && selection.mine) words.push('mine');
  if (confirm) words.push('confirm');
  if (selection.kind === 'scope' && selection.dialogueId) words.push(`--dialogue ${selection.dialogueId}`);
  return words.join(' ');
}

/** The command that stops this one feed. */
function stopCommand(feed: FeedInfo): string {
  return unsubscribeCommand({ kind: 'scope', dialogueId: feed.dialogueId, mine: feed.mine }, false);
}

/** What the Confirm and Undo buttons carry: a command the app's confirm path runs as the user who clicks. */
function commandValue(text: string): string {
  return JSON.stringify({ c: '/dialogue', t: text });
}

/**
 * `/dialogue unsubscribe …` before it is confirmed: which feeds would stop,
 * named in words, and which keep working. Nothing has changed. Its Confirm
 * button stops exactly the feeds shown (never one made after it).
 */
export function unsubscribePreviewReply(
  picked: readonly FeedInfo[],
  live: readonly FeedInfo[],
  selection: FeedSelection,
  names: DialogueNames,
  lang: Lang,
  buttons: boolean,
): Reply {
  const u = messages(lang).calendar.unsubscribe;
  const kept = live.filter((f) => !picked.some((p) => p.id === f.id));
  const blocks: Block[] = [
    { type: 'header', text: u.header(picked.length) },
    { type: 'text', text: u.preview(picked.length) },
    { type: 'list', items: picked.map((f) => feedName(f, names, lang)) },
  ];
  if (picked.some((f) => !f.mine)) blocks.push({ type: 'context', text: u.mineToo });
  if (kept.length > 0)
    blocks.push(
      { type: 'text', text: u.keptHeader },
      { type: 'list', items: kept.map((f) => feedName(f, names, lang)) },
    );
  blocks.push(
    { type: 'context', text: u.undoable },
    { type: 'context', text: u.confirmHint(unsubscribeCommand(selection, true), buttons) },
  );
  const ids = picked.map((f) => f.id).join(',');
  return {
    kind: 'confirm',
    summary: `${u.header(picked.length)} ${picked.map((f) => feedName(f, names, lang)).join(' · ')}`,
    blocks,
    actions: [
      {
        id: 'change.confirm',
        label: u.button,
        value: commandValue(`unsubscribe confirm feeds:${ids}`),
        style: 'danger',
      },
    ],
  };
}

/** Nothing to stop (none matches, or it is already gone): said plainly, with the feeds the user does have. */
export function unsubscribeNoneReply(
  selection: FeedSelection,
  live: readonly FeedInfo[],
  names: DialogueNames,
  lang: Lang,
): Reply {
  const u = messages(lang).calendar.unsubscribe;
  const text =
    selection.kind === 'scope' && live.length > 0
      ? u.noneOf(feedName({ id: 0, dialogueId: selection.dialogueId, mine: selection.mine }, names, lang))
      : u.noneLeft;
  const blocks: Block[] = [{ type: 'text', text }];
  if (live.length > 0)
    blocks.push(
      { type: 'text', text: u.yours },
      { type: 'list', items: live.map((f): Rich => [`${feedName(f, names, lang)} · `, { code: stopCommand(f) }]) },
    );
  return { kind: 'answer', summary: text, blocks };
}

/** Feeds stopped: which, which still work, and how to undo it (the same addresses come back). */
export function unsubscribeDoneReply(stop: FeedStop, names: DialogueNames, lang: Lang, buttons: boolean): Reply {
  const u = messages(lang).calendar.unsubscribe;
  const text = u.done(stop.stopped.length);
  const blocks: Block[] = [
    { type: 'text', text },
    { type: 'list', items: stop.stopped.map((f) => feedName(f, names, lang)) },
  ];
  if (stop.live.length > 0)
    blocks.push(
      { type: 'text', text: u.stillHeader },
      { type: 'list', items: stop.live.map((f) => feedName(f, names, lang)) },
    );
  const undo = stop.changeId === null ? null : `unsubscribe undo #${stop.changeId}`;
  if (undo) blocks.push({ type: 'context', text: u.undoHint(`/dialogue ${undo}`, buttons) });
  // An answer, not a `change`: a feed is the user's own, and nothing of it is told to a channel.
  return {
    kind: 'answer',
    summary: text,
    blocks,
    // Through the confirm path: the answer replaces this message, so it cannot be pressed twice.
    actions: undo ? [{ id: 'change.confirm', label: u.undoButton, value: commandValue(undo) }] : [],
  };
}

/** A stop undone: the same feeds work again, at the same addresses. */
export function feedsRestoredReply(restore: FeedRestore, names: DialogueNames, lang: Lang): Reply {
  const u = messages(lang).calendar.unsubscribe;
  const text =
    restore.restored.length > 0 ? u.restored(restore.restored.length, restore.undone) : u.restoredNone(restore.undone);
  const blocks: Block[] = [{ type: 'text', text }];
  if (restore.restored.length > 0)
    blocks.push({ type: 'list', items: restore.restored.map((f) => feedName(f, names, lang)) });
  // Never offered for sharing: `unsubscribe` answers privately, and `undo` changes data (verbs.ts, isShareable).
  return { kind: 'answer', summary: text, blocks };
}
