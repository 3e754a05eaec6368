import type { Lang } from '../domain/types.js';
import { messages } from '../i18n/index.js';
import type { Block, Reply } from '../presentation/reply.js';
import type { Subscription } from '../services/feeds.service.js';
import type { CommandContext, VerbTable } from './context.js';
import { extractDialogueFlag, UsageError } from './parse.js';

/** The subscribe answer: both addresses and one line per calendar app. Front ends show it only to the user. */
export function subscriptionReply(sub: Subscription, lang: Lang): Reply {
  const t = messages(lang).calendar.subscribe;
  const blocks: Block[] = [
    { type: 'header', text: t.header },
    { type: 'text', text: t.intro },
    {
      type: 'fields',
      fields: [
        [t.https, [{ link: sub.urls.https }]],
        [t.webcal, [{ link: sub.urls.webcal }]],
      ],
    },
    { type: 'list', items: [t.google, t.outlook, t.apple] },
    {
      type: 'context',
      text: [sub.mine ? t.mine : t.all, sub.revoked > 0 ? t.rotated : '', t.refresh].filter(Boolean).join(' '),
    },
  ];
  return { kind: 'answer', summary: t.header, blocks };
}

async function subscribe(ctx: CommandContext): Promise<Reply> {
  const t = ctx.t.calendar.subscribe;
  const words = ctx.args.words.map((w) => w.toLowerCase());
  const mine = words.length === 1 && (words[0] === 'mine' || words[0] === 'mío' || words[0] === 'mio');
  if (words.length > 0 && !mine) throw new UsageError(t.usage);
  // A feed covers every dialogue unless one is named with --dialogue.
  const named = extractDialogueFlag(ctx.request.text).dialogue !== null;
  const dialogueId = named ? (await ctx.dialogue()).id : null;
  const sub = await ctx.services.feeds.subscribe(
    ctx.request.userId,
    { lang: ctx.lang, mine, dialogueId },
    ctx.request.now,
  );
  return subscriptionReply(sub, ctx.lang);
}

async function unsubscribe(ctx: CommandContext): Promise<Reply> {
  const t = ctx.t.calendar.unsubscribe;
  if (ctx.args.words.length > 0) throw new UsageError(t.usage);
  const revoked = await ctx.services.feeds.unsubscribe(ctx.request.userId, ctx.request.now);
  const text = revoked > 0 ? t.done : t.none;
  return { kind: 'answer', summary: text, blocks: [{ type: 'text', text }] };
}

/** `/dialogue subscribe [mine]` and `/dialogue unsubscribe`. */
export const subscriptionVerbs: VerbTable = { subscribe, unsubscribe };
