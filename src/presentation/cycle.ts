import { type CycleEntry, DEFAULT_ROUND_MINUTES, roundLabel } from '../domain/cycle.js';
import type { Lang } from '../domain/types.js';
import { cityName, daysUntil, describeEntry, describeWhen, hostName } from '../i18n/describe.js';
import { capitalise, formatDate, messages, pick } from '../i18n/index.js';
import type { CycleView, RoundChange } from '../services/cycle.service.js';
import type { Block, Reply, ReplyAction } from './reply.js';

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

/** A change to the cycle as a message: what changed and who did it. */
export function roundChangeMessage(change: RoundChange, action: string, lang: Lang, userId: string): Reply {
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

/** The Undo button of a change's reply (only its author may press it, for 24 hours). */
export function undoAction(dialogueId: string, changeId: number | null, lang: Lang): ReplyAction[] {
  return changeId === null
    ? []
    : [{ id: 'change.undo', label: messages(lang).changes.undo.button, value: `${dialogueId}|${changeId}` }];
}

/** `/dialogue help`. */
export function dialogueHelpReply(lang: Lang): Reply {
  const t = messages(lang);
  const h = t.help.dialogue;
  return {
    kind: 'answer',
    summary: h.header,
    blocks: [
      { type: 'header', text: h.header },
      { type: 'list', items: h.lines },
      { type: 'context', text: t.help.footer },
    ],
  };
}
