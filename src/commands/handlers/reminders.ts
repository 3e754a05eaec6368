import { DateTime } from 'luxon';
import type { Lang } from '../../domain/types.js';
import { formatDateTime, messages, pick, zoneAbbreviation } from '../../i18n/index.js';
import { clipItem, PAGE_SIZES, pageOf, pager } from '../../presentation/paging.js';
import { statusText } from '../../presentation/reminders.js';
import type { Block, Inline, Reply } from '../../presentation/reply.js';
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
    const stamp = (iso: string) => formatDateTime(DateTime.fromISO(iso), zone, ctx.lang);
    const lines = items
      .filter((i) => i.reply !== null && (i.status.kind !== 'sent' || Date.parse(i.fireAt) >= now.getTime()))
      .map((i): readonly Inline[] => {
        const when = stamp(i.fireAt);
        const where: Inline =
          i.audience.kind === 'user'
            ? { user: i.audience.id }
            : i.audience.id
              ? { channel: i.audience.id }
              : r.list.noChannelSet;
        const what = clipItem(i.reply?.summary ?? i.key);
        const mark = statusText(i.status, ctx.lang, stamp);
        return [
          `${when} → `,
          ...(i.audience.kind === 'user' ? [r.list.dmLabel, where] : [where]),
          `: ${what} · `,
          { bold: mark },
        ];
      });
    checkPageOf(page, lines.length, PAGE_SIZES.reminders, ctx.lang);
    const p = pageOf(lines, page, PAGE_SIZES.reminders);
    // The page commands keep the look-ahead the user asked for.
    const pages = pager(
      p,
      '/dialogue',
      word ? `reminders ${days}` : 'reminders',
      extractDialogueFlag(request.text).dialogue,
      ctx.lang,
    );
    const header = r.list.header(pick(dialogue.name, ctx.lang));
    const blocks: Block[] = [{ type: 'header', text: header }];
    if (lines.length === 0) blocks.push({ type: 'text', text: r.list.none(days) });
    else blocks.push({ type: 'list', items: p.items }, ...pages.blocks);
    const channel = dialogue.reminderChannel;
    blocks.push({ type: 'context', text: channel ? [r.list.channelLabel, { channel }] : r.list.noChannel });
    blocks.push({ type: 'context', text: r.list.precedence });
    const abbreviation = zoneAbbreviation(DateTime.fromJSDate(now).setZone(zone));
    blocks.push({ type: 'context', text: r.list.footer(`${zone} (${abbreviation})`, days) });
    return {
      kind: 'answer',
      summary: p.pages > 1 ? `${header} · ${t.paging.status(p.page, p.pages, p.first, p.last, p.total)}` : header,
      blocks,
      actions: pages.actions,
    };
  },

  async 'remind-here'(ctx): Promise<Reply> {
    const { t, request } = ctx;
    if (ctx.args.words.length > 0) throw new UsageError(t.reminders.usage.remindHere);
    if (!request.channelId) throw new UsageError(t.reminders.remindHere.needsChannel);
    const dialogue = await ctx.dialogue();
    await ctx.services.reminders.setChannel(dialogue.id, request.userId, request.channelId, request.now);
    const envChannel = ctx.services.ctx.config.env.reminderChannel;
    const render = (lang: Lang): Reply => {
      const m = messages(lang);
      const text = m.reminders.remindHere.set(pick(dialogue.name, lang));
      const blocks: Block[] = [{ type: 'text', text }];
      if (envChannel && envChannel !== request.channelId)
        blocks.push({ type: 'context', text: m.reminders.remindHere.envDefault(envChannel) });
      blocks.push({ type: 'context', text: [m.change.by, { user: request.userId }] });
      return { kind: 'change', summary: text, blocks };
    };
    // Like every change, the channel is told (it is the channel that will now get the reminders).
    return { ...render(ctx.lang), announcement: render(ctx.services.users.defaultLang) };
  },
};
