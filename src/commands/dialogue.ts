import { type CycleEntry, DEFAULT_ROUND_MINUTES, roundLabel } from '../domain/cycle.js';
import { LANGS, type Lang } from '../domain/types.js';
import { cityName, daysUntil, describeEntry, describeWhen, hostName } from '../i18n/describe.js';
import { capitalise, formatDate, messages, pick } from '../i18n/index.js';
import { typedKey } from '../i18n/typed.js';
import type { Block, Reply } from '../presentation/reply.js';
import type { CycleView, RoundChange } from '../services/cycle.service.js';
import type { CommandContext, VerbTable } from './context.js';
import { limitText, looksLikeTime, parseTimeWord, requireDate, UsageError } from './parse.js';
import { undoVerb } from './undo.js';

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
  if (next.overdue) lines.push(t.next.overdue(next.year, roundLabel(next)));
  const context = lastHeld?.date
    ? t.next.lastHeld(roundLabel(lastHeld), formatDate(lastHeld.date, lang), hostName(dialogue, lastHeld, lang))
    : t.next.noneHeld;
  const header = t.next.header(roundLabel(next), pick(dialogue.name, lang));
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
  // A cancelled occurrence stays in the history without an edition number.
  const items = view.entries.map((e: CycleEntry) =>
    e.number === null
      ? t.changes.cycle.cancelledEntry(
          e.year,
          capitalise(hostName(dialogue, e, lang)),
          describeEntry(dialogue, e, lang),
        )
      : t.cycle.entry(e.number, e.year, capitalise(hostName(dialogue, e, lang)), describeEntry(dialogue, e, lang)),
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

/** `HH:MM` plus minutes, on the same wall clock (capped at 23:59). */
function addMinutes(time: string, minutes: number): string {
  const [h, m] = time.split(':').map(Number) as [number, number];
  const total = Math.min(h * 60 + m + minutes, 23 * 60 + 59);
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

/** A change to the cycle in words, in one language (the reply, and the channel's announcement). */
export function roundChangeText(change: RoundChange, action: string, lang: Lang): string {
  const t = messages(lang);
  const { dialogue, before, after } = change;
  const n = before.number ?? after.number ?? after.edition;
  let text: string;
  switch (action) {
    case 'schedule':
      text =
        before.state === 'scheduled' && before.date
          ? t.change.rescheduled(n, describeWhen(dialogue, after, lang), describeWhen(dialogue, before, lang))
          : t.change.scheduled(n, describeWhen(dialogue, after, lang));
      if (after.city) text += ` ${t.next.inCity(cityName(dialogue, after.city, lang))}`;
      // Calendars need an end: the one given, or the documented default, said here.
      if (after.time)
        text += ` ${after.endTime ? t.change.endsAt(after.endTime) : t.change.defaultEnd(after.time, addMinutes(after.time, DEFAULT_ROUND_MINUTES), DEFAULT_ROUND_MINUTES)}`;
      break;
    case 'held':
      text = t.change.held(n, formatDate(after.date!, lang));
      break;
    case 'postpone':
      text = t.change.postponed(n);
      break;
    default:
      text = t.change.cancelled(n);
  }
  if (after.reason) text += ` ${t.next.reason(after.reason)}`;
  return text;
}

function roundChangeMessage(change: RoundChange, action: string, lang: Lang, userId: string): Reply {
  const text = roundChangeText(change, action, lang);
  return {
    kind: 'change',
    summary: text,
    blocks: [
      { type: 'text', text },
      { type: 'context', text: [messages(lang).change.by, { user: userId }] },
    ],
  };
}

/** The private reply to a change: what changed, who did it, and an Undo button (its author, 24 hours). */
function roundChangeReply(ctx: CommandContext, change: RoundChange, action: string): Reply {
  const reply = roundChangeMessage(change, action, ctx.lang, ctx.request.userId);
  return {
    ...reply,
    actions: undoAction(ctx, change.dialogue.id, change.changeId),
    announcement: roundChangeMessage(change, action, ctx.services.users.defaultLang, ctx.request.userId),
  };
}

/** The Undo button of a change's reply. */
export function undoAction(ctx: CommandContext, dialogueId: string, changeId: number | null) {
  return changeId === null
    ? []
    : [{ id: 'change.undo', label: ctx.t.changes.undo.button, value: `${dialogueId}|${changeId}` }];
}

/** What every change of the cycle asks of the service: confirmed or not, and its announcement. */
function cycleRequest(ctx: CommandContext, dialogue: Parameters<CommandContext['announcer']>[0], action: string) {
  return {
    confirmed: ctx.confirmed,
    announce: ctx.announcer<RoundChange>(dialogue, (change, lang) =>
      roundChangeMessage(change, action, lang, ctx.request.userId),
    ),
  };
}

/** Languages typed by name, in either language (`/dialogue idioma español`). */
const LANG_WORDS: Readonly<Record<string, Lang | undefined>> = {
  espanol: 'es',
  spanish: 'es',
  ingles: 'en',
  english: 'en',
};

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
    const dialogue = await ctx.dialogue();
    const change = await ctx.services.cycle.schedule(
      dialogue.id,
      ctx.request.userId,
      { date, time, endTime, city },
      ctx.request.now,
      cycleRequest(ctx, dialogue, 'schedule'),
    );
    return roundChangeReply(ctx, change, 'schedule');
  },
  async held(ctx) {
    const { t, args } = ctx;
    const date = requireDate(args.words[0], t.usage.dialogue.held, t.usage.badDate);
    if (args.words.length > 1) throw new UsageError(t.usage.dialogue.held);
    const dialogue = await ctx.dialogue();
    const change = await ctx.services.cycle.held(
      dialogue.id,
      ctx.request.userId,
      date,
      ctx.request.now,
      cycleRequest(ctx, dialogue, 'held'),
    );
    return roundChangeReply(ctx, change, 'held');
  },
  async postpone(ctx) {
    const reason = limitText(ctx.args.rest(0), ctx.t.usage.tooLong) || null;
    const dialogue = await ctx.dialogue();
    const change = await ctx.services.cycle.postpone(
      dialogue.id,
      ctx.request.userId,
      reason,
      ctx.request.now,
      cycleRequest(ctx, dialogue, 'postpone'),
    );
    return roundChangeReply(ctx, change, 'postpone');
  },
  async cancel(ctx) {
    const reason = limitText(ctx.args.rest(0), ctx.t.usage.tooLong) || null;
    const dialogue = await ctx.dialogue();
    const change = await ctx.services.cycle.cancel(
      dialogue.id,
      ctx.request.userId,
      reason,
      ctx.request.now,
      cycleRequest(ctx, dialogue, 'cancel'),
    );
    return roundChangeReply(ctx, change, 'cancel');
  },
  async lang(ctx) {
    const word = ctx.args.words[0]?.toLowerCase();
    if (!word) {
      const text = ctx.t.lang.current(ctx.lang);
      return { kind: 'answer', summary: text, blocks: [{ type: 'text', text }] };
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
    const text = messages(lang).lang.set;
    return { kind: 'answer', summary: text, blocks: [{ type: 'text', text }] };
  },
};
