import { DateTime } from 'luxon';
import type { ReminderStatus, SkipReason } from '../domain/reminders.js';
import type { Dialogue, Lang } from '../domain/types.js';
import { formatDateTime, messages, pick, zoneAbbreviation } from '../i18n/index.js';
import type { PreviewItem } from '../services/reminders.service.js';
import { clipItem, PAGE_SIZES, pageOf, pager } from './paging.js';
import type { Block, Inline, Reply } from './reply.js';

/** Why a reminder is not sent, in words. */
export function skipReasonText(reason: SkipReason, lang: Lang): string {
  const t = messages(lang).reminders.list.reason;
  switch (reason.code) {
    case 'missed':
      return t.missed(reason.catchUpHours);
    case 'failed':
      return t.failed(reason.error);
    case 'no-channel':
      return t.noChannel;
    case 'other':
      return reason.text === 'dropped' || reason.text === 'no longer planned' ? t.dropped : reason.text;
  }
}

/** A preview line's mark: `will send`, `sent <when>`, `late`, `skipped: <reason>`, `waiting: no channel`. */
export function statusText(status: ReminderStatus, lang: Lang, when: (iso: string) => string): string {
  const t = messages(lang).reminders.list.status;
  switch (status.kind) {
    case 'will-send':
      return t.willSend;
    case 'late':
      return t.late;
    case 'sent':
      return t.sent(when(status.at));
    case 'skipped':
      return t.skipped(skipReasonText(status.reason, lang));
    case 'waiting-channel':
      return t.waiting;
  }
}

/**
 * What `/dialogue reminders` lists of a preview: what is still to come. A
 * reminder no longer planned is left out, and so is one already sent before
 * now (one sent for a moment still ahead stays, marked sent).
 */
export function upcomingReminders(items: readonly PreviewItem[], now: Date): PreviewItem[] {
  return items.filter((i) => i.reply !== null && (i.status.kind !== 'sent' || Date.parse(i.fireAt) >= now.getTime()));
}

/** How the reminders list is asked for and read. */
export interface ReminderListView {
  /** The zone times are shown in: the user's own when Slack told us it, else the dialogue's. */
  readonly zone: string;
  readonly now: Date;
  /** The look-ahead, in days. */
  readonly days: number;
  /** 1-based; the handler has checked it exists. */
  readonly page: number;
  /** The command the page buttons re-run, keeping the look-ahead asked for (`reminders 90`). */
  readonly base: string;
  /** The request's `--dialogue` (kept in page commands), or null. */
  readonly dialogue: string | null;
}

/**
 * `/dialogue reminders [days]`: the reminders to come (see `upcomingReminders`),
 * one line each — when, to whom, what, its status — a page at a time, never
 * cut; then where channel reminders go, which wins over which, and the zone.
 */
export function reminderListReply(
  items: readonly PreviewItem[],
  dialogue: Dialogue,
  lang: Lang,
  view: ReminderListView,
): Reply {
  const t = messages(lang);
  const r = t.reminders;
  const { zone, now, days } = view;
  const stamp = (iso: string) => formatDateTime(DateTime.fromISO(iso), zone, lang);
  const lines = items.map((i): readonly Inline[] => {
    const when = stamp(i.fireAt);
    const where: Inline =
      i.audience.kind === 'user'
        ? { user: i.audience.id }
        : i.audience.id
          ? { channel: i.audience.id }
          : r.list.noChannelSet;
    const what = clipItem(i.reply?.summary ?? i.key);
    const mark = statusText(i.status, lang, stamp);
    return [
      `${when} → `,
      ...(i.audience.kind === 'user' ? [r.list.dmLabel, where] : [where]),
      `: ${what} · `,
      { bold: mark },
    ];
  });
  const p = pageOf(lines, view.page, PAGE_SIZES.reminders);
  const pages = pager(p, '/dialogue', view.base, view.dialogue, lang);
  const header = r.list.header(pick(dialogue.name, lang));
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
}

/**
 * `/dialogue remind-here`, done: this channel now gets the dialogue's
 * reminders (and a word when it differs from the `REMINDER_CHANNEL` default), by whom.
 */
export function remindHereReply(
  dialogue: Dialogue,
  lang: Lang,
  change: { readonly by: string; readonly channelId: string; readonly envChannel: string | null },
): Reply {
  const m = messages(lang);
  const text = m.reminders.remindHere.set(pick(dialogue.name, lang));
  const blocks: Block[] = [{ type: 'text', text }];
  if (change.envChannel && change.envChannel !== change.channelId)
    blocks.push({ type: 'context', text: m.reminders.remindHere.envDefault(change.envChannel) });
  blocks.push({ type: 'context', text: [m.change.by, { user: change.by }] });
  return { kind: 'change', summary: text, blocks };
}
