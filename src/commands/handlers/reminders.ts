import { PAGE_SIZES } from '../../presentation/paging.js';
import { reminderListReply, remindHereReply, upcomingReminders } from '../../presentation/reminders.js';
import type { Reply } from '../../presentation/reply.js';
import type { VerbTable } from '../context.js';
import { checkPageOf, takePage } from '../page-words.js';
import { extractDialogueFlag, UsageError } from '../parse.js';

/** Default and largest look-ahead of `/dialogue reminders [days]`. */
const DEFAULT_DAYS = 30;
const MAX_DAYS = 366;

/** `/dialogue reminders` and `/dialogue remind-here`. */
export const reminderVerbs: VerbTable = {
  async reminders(ctx): Promise<Reply> {
    const { t, args, request } = ctx;
    const r = t.reminders;
    // `reminders [days] [page N]`: a long look-ahead comes a page at a time, never cut.
    const { words, page } = takePage(args.words, ctx.lang);
    const word = words[0];
    let days = DEFAULT_DAYS;
    if (word !== undefined) {
      if (!/^\d{1,3}$/.test(word) || Number(word) < 1 || Number(word) > MAX_DAYS || words.length > 1)
        throw new UsageError(r.usage.reminders);
      days = Number(word);
    }
    const dialogue = await ctx.dialogue();
    const service = ctx.services.reminders;
    // Times in the user's own zone when Slack told us it, else the zone reminders are reckoned in.
    const zone = (await ctx.services.users.timezone(request.userId)) ?? service.zone(dialogue);
    const now = request.now;
    const items = await service.preview(now, now, new Date(now.getTime() + days * 86_400_000), {
      dialogueId: dialogue.id,
      lang: ctx.lang,
    });
    const shown = upcomingReminders(items, now);
    checkPageOf(page, shown.length, PAGE_SIZES.reminders, ctx.lang);
    return reminderListReply(shown, dialogue, ctx.lang, {
      zone,
      now,
      days,
      page,
      // The page commands keep the look-ahead the user asked for.
      base: word ? `reminders ${days}` : 'reminders',
      dialogue: extractDialogueFlag(request.text).dialogue,
    });
  },

  async 'remind-here'(ctx): Promise<Reply> {
    const { t, request } = ctx;
    if (ctx.args.words.length > 0) throw new UsageError(t.reminders.usage.remindHere);
    if (!request.channelId) throw new UsageError(t.reminders.remindHere.needsChannel);
    const dialogue = await ctx.dialogue();
    await ctx.services.reminders.setChannel(dialogue.id, request.userId, request.channelId, request.now);
    const change = {
      by: request.userId,
      channelId: request.channelId,
      envChannel: ctx.services.ctx.config.env.reminderChannel,
    };
    // Like every change, the channel is told (it is the channel that will now get the reminders).
    return {
      ...remindHereReply(dialogue, ctx.lang, change),
      announcement: remindHereReply(dialogue, ctx.services.users.defaultLang, change),
    };
  },
};
