import { LANGS, type Lang } from '../../domain/types.js';
import { messages } from '../../i18n/index.js';
import { typedKey } from '../../i18n/typed.js';
import { cycleReply, dialogueHelpReply, nextRoundReply, roundChangeMessage } from '../../presentation/cycle.js';
import { type Reply, textReply } from '../../presentation/reply.js';
import type { ChangeRequest, RoundChange } from '../../services/cycle.service.js';
import type { CommandContext, Handler, VerbTable } from '../context.js';
import { limitText, looksLikeTime, parseTimeWord, requireDate, UsageError } from '../parse.js';
import { changeAndAnswer } from './change.js';
import { undoVerb } from './undo.js';

/** Runs one change of the cycle and answers it (see `changeAndAnswer`). */
function roundChange(
  ctx: CommandContext,
  action: string,
  run: (dialogueId: string, request: ChangeRequest<RoundChange>) => Promise<RoundChange>,
): Promise<Reply> {
  return changeAndAnswer(ctx, (change, lang) => roundChangeMessage(change, action, lang, ctx.request.userId), run);
}

/** `/dialogue postpone [reason]` and `/dialogue cancel [reason]`. */
function withReason(action: 'postpone' | 'cancel'): Handler {
  return async (ctx) => {
    const reason = limitText(ctx.args.rest(0), ctx.t.usage.tooLong) || null;
    return roundChange(ctx, action, (id, request) =>
      ctx.services.cycle[action](id, ctx.request.userId, reason, ctx.request.now, request),
    );
  };
}

/** Languages typed by name, in either language (`/dialogue idioma español`). */
const LANG_WORDS: Readonly<Record<string, Lang | undefined>> = {
  espanol: 'es',
  spanish: 'es',
  ingles: 'en',
  english: 'en',
};

export const dialogueVerbs: VerbTable = {
  help: async (ctx) => dialogueHelpReply(ctx.lang),
  undo: undoVerb('/dialogue', 'round'),
  async next(ctx) {
    const dialogue = await ctx.dialogue();
    return nextRoundReply(await ctx.services.cycle.view(dialogue.id, ctx.request.now), ctx.lang, ctx.request.now);
  },
  async cycle(ctx) {
    const dialogue = await ctx.dialogue();
    return cycleReply(await ctx.services.cycle.view(dialogue.id, ctx.request.now), ctx.lang);
  },
  async schedule(ctx) {
    const { t, args } = ctx;
    const usage = t.usage.dialogue.schedule;
    const date = requireDate(args.words[0], usage, t.usage.badDate);
    let next = 1;
    let time: string | null = null;
    let endTime: string | null = null;
    const span = /^(\d{1,2}:\d{2})[-\u2013](\d{1,2}:\d{2})$/.exec(args.words[1] ?? '');
    if (span) {
      // `10:00-17:30`: start and end, local to the host.
      time = parseTimeWord(span[1]!, usage, t.usage.badTime);
      endTime = parseTimeWord(span[2]!, usage, t.usage.badTime);
      if (endTime <= time) throw new UsageError(`${t.usage.endBeforeStart(time, endTime)}\n${usage}`);
      next = 2;
    } else if (looksLikeTime(args.words[1])) {
      time = parseTimeWord(args.words[1]!, usage, t.usage.badTime);
      next = 2;
    }
    const city = limitText(args.rest(next), t.usage.tooLong) || null;
    return roundChange(ctx, 'schedule', (id, request) =>
      ctx.services.cycle.schedule(id, ctx.request.userId, { date, time, endTime, city }, ctx.request.now, request),
    );
  },
  async held(ctx) {
    const { t, args } = ctx;
    const date = requireDate(args.words[0], t.usage.dialogue.held, t.usage.badDate);
    if (args.words.length > 1) throw new UsageError(t.usage.dialogue.held);
    return roundChange(ctx, 'held', (id, request) =>
      ctx.services.cycle.held(id, ctx.request.userId, date, ctx.request.now, request),
    );
  },
  postpone: withReason('postpone'),
  cancel: withReason('cancel'),
  async lang(ctx) {
    const word = ctx.args.words[0]?.toLowerCase();
    if (!word) {
      return textReply('answer', ctx.t.lang.current(ctx.lang));
    }
    const named = typedKey(word);
    const lang = (LANGS as readonly string[]).includes(word)
      ? (word as Lang)
      : Object.hasOwn(LANG_WORDS, named)
        ? LANG_WORDS[named]
        : undefined;
    if (!lang || ctx.args.words.length > 1)
      throw new UsageError(`${ctx.t.usage.badLang(ctx.args.rest(0))}\n${ctx.t.usage.dialogue.lang}`);
    await ctx.services.users.setLang(ctx.request.userId, lang, ctx.request.now);
    return textReply('answer', messages(lang).lang.set);
  },
};
