import type { Lang } from '../domain/types.js';
import { messages } from '../i18n/index.js';
import type { Block, Reply, ReplyAction } from '../presentation/reply.js';
import type { Subscription } from '../services/feeds.service.js';
import type { CommandContext, VerbTable } from './context.js';
import { extractDialogueFlag, UsageError } from './parse.js';

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

const MINE_WORDS = new Set(['mine', 'mío', 'mio', 'míos', 'mios']);
/** `subscribe reset [confirm]`, typed in English or Spanish. */
const RESET_WORDS = new Set(['reset', 'restablecer']);
const CONFIRM_WORDS = new Set(['confirm', 'confirmar']);

async function subscribe(ctx: CommandContext): Promise<Reply> {
  const t = ctx.t.calendar;
  const words = ctx.args.words.map((w) => w.toLowerCase());
  const reset = RESET_WORDS.has(words[0] ?? '');
  const rest = reset ? words.slice(1) : words;
  const confirmed = reset && CONFIRM_WORDS.has(rest[0] ?? '');
  const flags = confirmed ? rest.slice(1) : rest;
  const mine = flags.length === 1 && MINE_WORDS.has(flags[0]!);
  if (flags.length > 0 && !mine) throw new UsageError(t.subscribe.usage);
  // A feed covers every dialogue unless one is named with --dialogue; each is a feed of its own.
  const named = extractDialogueFlag(ctx.request.text).dialogue !== null;
  const dialogue = named ? await ctx.dialogue() : null;
  const dialogueId = dialogue?.id ?? null;
  const scopeName = dialogue ? dialogue.name[ctx.lang] : null;
  const options = { lang: ctx.lang, mine, dialogueId };
  if (reset && !confirmed) {
    // Asks first: a reset breaks every calendar that uses the current address.
    const r = t.reset;
    const text = r.preview;
    return {
      kind: 'answer',
      summary: text,
      blocks: [
        { type: 'header', text: r.header },
        { type: 'text', text },
        { type: 'context', text: r.confirmHint(scopeCommand('subscribe reset confirm', dialogueId)) },
      ],
      actions: [resetFeedAction(dialogueId, ctx.lang)],
    };
  }
  const sub = reset
    ? await ctx.services.feeds.reset(ctx.request.userId, options, ctx.request.now)
    : await ctx.services.feeds.subscribe(ctx.request.userId, options, ctx.request.now);
  return subscriptionReply(sub, ctx.lang, scopeName);
}

async function unsubscribe(ctx: CommandContext): Promise<Reply> {
  const t = ctx.t.calendar.unsubscribe;
  if (ctx.args.words.length > 0) throw new UsageError(t.usage);
  const revoked = await ctx.services.feeds.unsubscribe(ctx.request.userId, ctx.request.now);
  const text = revoked > 0 ? t.done : t.none;
  return { kind: 'answer', summary: text, blocks: [{ type: 'text', text }] };
}

/** `/dialogue subscribe [mine]`, `/dialogue subscribe reset [confirm]` and `/dialogue unsubscribe`. */
export const subscriptionVerbs: VerbTable = { subscribe, unsubscribe };
