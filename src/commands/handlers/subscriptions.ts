import { type Reply, textReply } from '../../presentation/reply.js';
import { resetPreviewReply, subscriptionReply } from '../../presentation/subscriptions.js';
import type { CommandContext, VerbTable } from '../context.js';
import { extractDialogueFlag, UsageError } from '../parse.js';

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
  // Asks first: a reset breaks every calendar that uses the current address.
  if (reset && !confirmed) return resetPreviewReply(dialogueId, ctx.lang);
  const sub = reset
    ? await ctx.services.feeds.reset(ctx.request.userId, options, ctx.request.now)
    : await ctx.services.feeds.subscribe(ctx.request.userId, options, ctx.request.now);
  return subscriptionReply(sub, ctx.lang, scopeName);
}

async function unsubscribe(ctx: CommandContext): Promise<Reply> {
  const t = ctx.t.calendar.unsubscribe;
  if (ctx.args.words.length > 0) throw new UsageError(t.usage);
  const revoked = await ctx.services.feeds.unsubscribe(ctx.request.userId, ctx.request.now);
  return textReply('answer', revoked > 0 ? t.done : t.none);
}

/** `/dialogue subscribe [mine]`, `/dialogue subscribe reset [confirm]` and `/dialogue unsubscribe`. */
export const subscriptionVerbs: VerbTable = { subscribe, unsubscribe };
