import { typedKey } from '../../i18n/typed.js';
import type { Reply } from '../../presentation/reply.js';
import {
  type DialogueNames,
  feedsRestoredReply,
  resetPreviewReply,
  subscriptionReply,
  unsubscribeDoneReply,
  unsubscribeNoneReply,
  unsubscribePreviewReply,
} from '../../presentation/subscriptions.js';
import { type FeedSelection, selectFeeds } from '../../services/feeds.service.js';
import type { CommandContext, VerbTable } from '../context.js';
import { extractDialogueFlag, UsageError } from '../parse.js';

const MINE_WORDS = new Set(['mine', 'mío', 'mio', 'míos', 'mios']);
/** `subscribe reset [confirm]`, typed in English or Spanish. */
const RESET_WORDS = new Set(['reset', 'restablecer']);
const CONFIRM_WORDS = new Set(['confirm', 'confirmar']);
/** `unsubscribe all` and `unsubscribe undo #N`, typed in English or Spanish (accents optional). */
const ALL_WORDS = new Set(['all', 'todo', 'todos', 'todas']);
const UNDO_WORDS = new Set(['undo', 'deshacer']);
/** What a Confirm button carries: exactly the feeds it showed (`feeds:12,13`). */
const FEED_IDS = /^feeds:(\d{1,12}(?:,\d{1,12}){0,49})$/;

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
  // Asks first: a reset breaks every calendar that uses the current address.
  if (reset && !confirmed) return resetPreviewReply(dialogueId, ctx.lang);
  const sub = reset
    ? await ctx.services.feeds.reset(ctx.request.userId, options, ctx.request.now)
    : await ctx.services.feeds.subscribe(ctx.request.userId, options, ctx.request.now);
  return subscriptionReply(sub, ctx.lang, scopeName);
}

async function dialogueNames(ctx: CommandContext): Promise<DialogueNames> {
  return new Map((await ctx.services.dialogues.list()).map((d) => [d.id, d.name[ctx.lang]]));
}

/**
 * Undoes a stop of feeds (change #N): the same addresses work again. Both
 * `unsubscribe undo #N` and `undo #N` come here, so both say the same thing;
 * the answer is the user's alone (no channel hears of their feeds).
 */
export async function undoFeedStop(ctx: CommandContext, target: number): Promise<Reply> {
  const restored = await ctx.services.feeds.restore(ctx.request.userId, target, ctx.request.now);
  return feedsRestoredReply(restored, await dialogueNames(ctx), ctx.lang);
}

/**
 * `/dialogue unsubscribe [all|mine] [--dialogue <id>]`: shows which feeds
 * would stop and changes nothing; with `confirm` (or the Confirm button, or
 * `--yes`) stops them, audited, with an Undo. `unsubscribe undo #N` brings
 * back the same addresses. A feed is picked as `subscribe` picks it: by the
 * dialogue it covers (none named: the feed of every dialogue).
 */
async function unsubscribe(ctx: CommandContext): Promise<Reply> {
  const t = ctx.t.calendar.unsubscribe;
  const feeds = ctx.services.feeds;
  const { userId, now } = ctx.request;
  const words = ctx.args.words.map(typedKey);
  const named = extractDialogueFlag(ctx.request.text).dialogue !== null;
  if (UNDO_WORDS.has(words[0] ?? '')) {
    const m = words.length === 2 && !named ? /^#?(\d{1,12})$/.exec(words[1]!) : null;
    if (!m) throw new UsageError(t.usage);
    return undoFeedStop(ctx, Number(m[1]));
  }
  let all = false;
  let mine = false;
  let confirm = false;
  let ids: number[] | null = null;
  for (const word of words) {
    const listed = FEED_IDS.exec(word);
    if (ALL_WORDS.has(word) && !all) all = true;
    else if (MINE_WORDS.has(word) && !mine) mine = true;
    else if (CONFIRM_WORDS.has(word) && !confirm) confirm = true;
    else if (listed && ids === null) ids = listed[1]!.split(',').map(Number);
    else throw new UsageError(t.usage);
  }
  // `all` is every feed: naming one as well says two things at once.
  if ((all && (mine || named)) || (ids && (all || mine || named || !confirm))) throw new UsageError(t.usage);
  const dialogue = named ? await ctx.dialogue() : null;
  const selection: FeedSelection = ids
    ? { kind: 'ids', ids }
    : all
      ? { kind: 'every' }
      : { kind: 'scope', dialogueId: dialogue?.id ?? null, mine };
  const names = await dialogueNames(ctx);
  // Slack shows the Confirm and Undo buttons; elsewhere (local mode, the CLI) the typed forms are the way.
  const buttons = Boolean(ctx.request.announce);
  if (!confirm && !ctx.confirmed) {
    // Asks first: stopping a feed empties every calendar that uses its address.
    const live = await feeds.liveFeeds(userId);
    const picked = selectFeeds(live, selection);
    if (picked.length === 0) return unsubscribeNoneReply(selection, live, names, ctx.lang);
    return unsubscribePreviewReply(picked, live, selection, names, ctx.lang, buttons);
  }
  const stop = await feeds.stop(userId, selection, now);
  if (stop.stopped.length === 0) return unsubscribeNoneReply(selection, stop.live, names, ctx.lang);
  return unsubscribeDoneReply(stop, names, ctx.lang, buttons);
}

/** `/dialogue subscribe [mine]`, `/dialogue subscribe reset [confirm]` and `/dialogue unsubscribe [all|mine] [confirm]`. */
export const subscriptionVerbs: VerbTable = { subscribe, unsubscribe };
