import type { CycleEntry } from '../domain/cycle.js';
import { LANGS, type Lang } from '../domain/types.js';
import { cityName, daysUntil, describeEntry, describeWhen, hostName } from '../i18n/describe.js';
import { capitalise, formatDate, messages, pick } from '../i18n/index.js';
import type { Block, Reply } from '../presentation/reply.js';
import type { CycleView, RoundChange } from '../services/cycle.service.js';
import type { CommandContext, VerbTable } from './context.js';
import { limitText, looksLikeTime, parseTimeWord, requireDate, UsageError } from './parse.js';

/** `/dialogue next`: the round people are waiting for. */
export function nextRoundReply(view: CycleView, lang: Lang, now: Date): Reply {
  const t = messages(lang);
  const { dialogue, next, lastHeld } = view;
  const host = hostName(dialogue, next, lang);
  const lines: string[] = [];
  if (next.projected) lines.push(t.next.projected(host, next.year));
  else if (next.state === 'scheduled' && next.date) {
    lines.push(t.next.scheduled(describeWhen(dialogue, next, lang)));
    if (next.city) lines.push(t.next.inCity(cityName(dialogue, next.city, lang)));
    const days = daysUntil(next, now);
    if (next.awaitingOutcome) lines.push(t.next.awaitingOutcome(formatDate(next.date, lang)));
    else if (days !== null) lines.push(t.next.countdown(days));
  } else if (next.state === 'postponed') {
    lines.push(t.next.postponed(next.date ? formatDate(next.date, lang) : null));
    lines.push(t.next.expected(host, next.year));
  } else lines.push(t.next.expected(host, next.year));
  if (next.reason) lines.push(t.next.reason(next.reason));
  if (next.overdue) lines.push(t.next.overdue(next.year, next.edition));
  const context = lastHeld?.date
    ? t.next.lastHeld(lastHeld.edition, formatDate(lastHeld.date, lang), hostName(dialogue, lastHeld, lang))
    : t.next.noneHeld;
  const header = t.next.header(next.edition, pick(dialogue.name, lang));
  return {
    kind: 'answer',
    summary: `${header} — ${lines[0]}`,
    blocks: [
      { type: 'header', text: header },
      ...lines.map((text): Block => ({ type: 'text', text })),
      { type: 'context', text: context },
    ],
  };
}

/** `/dialogue cycle` and `dialogue-bot status`: every round, recorded and projected. */
export function cycleReply(view: CycleView, lang: Lang): Reply {
  const t = messages(lang);
  const { dialogue } = view;
  const items = view.entries.map((e: CycleEntry) =>
    t.cycle.entry(e.edition, e.year, capitalise(hostName(dialogue, e, lang)), describeEntry(dialogue, e, lang)),
  );
  const header = t.cycle.header(pick(dialogue.name, lang));
  return {
    kind: 'answer',
    summary: header,
    blocks: [
      { type: 'header', text: header },
      { type: 'list', items },
      { type: 'context', text: t.cycle.footer(dialogue.cadenceYears) },
    ],
  };
}

function roundChangeReply(ctx: CommandContext, change: RoundChange, action: string): Reply {
  const render = (lang: Lang): Reply => {
    const t = messages(lang);
    const { dialogue, before, after } = change;
    let text: string;
    switch (action) {
      case 'schedule':
        text =
          before.state === 'scheduled' && before.date
            ? t.change.rescheduled(
                after.edition,
                describeWhen(dialogue, after, lang),
                describeWhen(dialogue, before, lang),
              )
            : t.change.scheduled(after.edition, describeWhen(dialogue, after, lang));
        if (after.city) text += ` ${t.next.inCity(cityName(dialogue, after.city, lang))}`;
        break;
      case 'held':
        text = t.change.held(after.edition, formatDate(after.date!, lang));
        break;
      case 'postpone':
        text = t.change.postponed(after.edition);
        break;
      default:
        text = t.change.cancelled(after.edition);
    }
    if (after.reason) text += ` ${t.next.reason(after.reason)}`;
    return {
      kind: 'change',
      summary: text,
      blocks: [
        { type: 'text', text },
        { type: 'context', text: [t.change.by, { user: ctx.request.userId }] },
      ],
    };
  };
  const reply = render(ctx.lang);
  return { ...reply, announcement: render(ctx.services.users.defaultLang) };
}

const help = async (ctx: CommandContext): Promise<Reply> => {
  const h = ctx.t.help.dialogue;
  return {
    kind: 'answer',
    summary: h.header,
    blocks: [
      { type: 'header', text: h.header },
      { type: 'list', items: h.lines },
      { type: 'context', text: ctx.t.help.footer },
    ],
  };
};

export const dialogueVerbs: VerbTable = {
  help,
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
    if (looksLikeTime(args.words[1])) {
      time = parseTimeWord(args.words[1]!, usage, t.usage.badTime);
      next = 2;
    }
    const city = limitText(args.rest(next), t.usage.tooLong) || null;
    const dialogue = await ctx.dialogue();
    const change = await ctx.services.cycle.schedule(
      dialogue.id,
      ctx.request.userId,
      { date, time, city },
      ctx.request.now,
    );
    return roundChangeReply(ctx, change, 'schedule');
  },
  async held(ctx) {
    const { t, args } = ctx;
    const date = requireDate(args.words[0], t.usage.dialogue.held, t.usage.badDate);
    if (args.words.length > 1) throw new UsageError(t.usage.dialogue.held);
    const dialogue = await ctx.dialogue();
    const change = await ctx.services.cycle.held(dialogue.id, ctx.request.userId, date, ctx.request.now);
    return roundChangeReply(ctx, change, 'held');
  },
  async postpone(ctx) {
    const reason = limitText(ctx.args.rest(0), ctx.t.usage.tooLong) || null;
    const dialogue = await ctx.dialogue();
    const change = await ctx.services.cycle.postpone(dialogue.id, ctx.request.userId, reason, ctx.request.now);
    return roundChangeReply(ctx, change, 'postpone');
  },
  async cancel(ctx) {
    const reason = limitText(ctx.args.rest(0), ctx.t.usage.tooLong) || null;
    const dialogue = await ctx.dialogue();
    const change = await ctx.services.cycle.cancel(dialogue.id, ctx.request.userId, reason, ctx.request.now);
    return roundChangeReply(ctx, change, 'cancel');
  },
  async lang(ctx) {
    const word = ctx.args.words[0]?.toLowerCase();
    if (!word) {
      const text = ctx.t.lang.current(ctx.lang);
      return { kind: 'answer', summary: text, blocks: [{ type: 'text', text }] };
    }
    if (!(LANGS as readonly string[]).includes(word) || ctx.args.words.length > 1)
      throw new UsageError(`${ctx.t.usage.badLang(ctx.args.rest(0))}\n${ctx.t.usage.dialogue.lang}`);
    const lang = word as Lang;
    await ctx.services.users.setLang(ctx.request.userId, lang, ctx.request.now);
    const text = messages(lang).lang.set;
    return { kind: 'answer', summary: text, blocks: [{ type: 'text', text }] };
  },
};
