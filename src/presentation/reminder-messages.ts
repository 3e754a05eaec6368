import { DateTime } from 'luxon';
import { commitmentTextFor } from '../domain/commitments.js';
import { roundStart } from '../domain/cycle.js';
import { daysBetween, localDate } from '../domain/dates.js';
import type { CommitmentFacts, PlannedReminder, ReminderContent } from '../domain/reminders.js';
import type { Dialogue, Lang } from '../domain/types.js';
import { cityName, describeWhen, hostName } from '../i18n/describe.js';
import { capitalise, formatDate, formatDateTime, messages, pick } from '../i18n/index.js';
import type { Block, Reply, ReplyAction } from './reply.js';

/**
 * A digest lists every open commitment, each on its own line with its text
 * clipped (the full text: /commitments show <ID>). One Slack message holds
 * this many such lines with room to spare; past it, the digest says how many
 * more there are and how to list them.
 */
export const DIGEST_MAX_ITEMS = 400;

function title(c: CommitmentFacts, lang: Lang): string {
  const own = commitmentTextFor(c, lang);
  const words = c.summary
    ? pick(c.summary, lang)
    : own.foreign
      ? messages(lang).import.foreignText(own.text, own.foreign)
      : own.text;
  const text = words.replace(/\s+/g, ' ').trim();
  return text.length > 140 ? `${text.slice(0, 139).trimEnd()}…` : text;
}

/** Button action IDs the Slack layer routes on (`commitment.done` and `commitment.update` are App Home's too). */
export const REMINDER_ACTIONS = {
  done: 'commitment.done',
  update: 'commitment.update',
  snooze: 'reminder.snooze',
} as const;

/**
 * The words follow the moment of sending, not the moment planned: a T-1 sent
 * late on the round's day says "today"; one sent after the start says it has
 * begun; a commitment reminder sent after its due date says it was due.
 */
function bodyOf(
  dialogue: Dialogue,
  content: ReminderContent,
  lang: Lang,
  sentAt: Date,
  zone: string,
): { header: string; blocks: Block[] } {
  const t = messages(lang);
  const r = t.reminders;
  const name = pick(dialogue.name, lang);
  switch (content.kind) {
    case 'round': {
      const { round } = content;
      const when = describeWhen(dialogue, round, lang);
      const start = roundStart(round);
      const days = round.date ? daysBetween(localDate(sentAt, zone), round.date) : content.daysBefore;
      const begun = start !== null && round.time !== null && sentAt.getTime() >= start.toMillis();
      const blocks: Block[] = [
        {
          type: 'text',
          text: begun || days < 0 ? r.round.started(round.edition, when) : r.round.countdown(round.edition, days, when),
        },
        { type: 'text', text: r.round.host(hostName(dialogue, round, lang)) },
      ];
      if (round.city) blocks.push({ type: 'text', text: r.round.venue(cityName(dialogue, round.city, lang)) });
      return { header: r.round.header(round.edition, name), blocks };
    }
    case 'moved': {
      const { round, from } = content;
      const before = describeWhen(dialogue, { ...from, timezone: round.timezone }, lang);
      return {
        header: r.moved.header(round.edition, name),
        blocks: [
          { type: 'text', text: r.moved.text(round.edition, before, describeWhen(dialogue, round, lang)) },
          { type: 'context', text: r.moved.rearmed },
        ],
      };
    }
    case 'expected': {
      const { round } = content;
      const blocks: Block[] = [
        { type: 'text', text: r.expected.text(round.edition, hostName(dialogue, round, lang), round.year) },
      ];
      if (content.projectedDate)
        blocks.push({ type: 'text', text: r.expected.around(formatDate(content.projectedDate, lang)) });
      blocks.push({ type: 'context', text: r.expected.action });
      return { header: r.expected.header(round.edition, name), blocks };
    }
    case 'overdue-round': {
      const { round } = content;
      return {
        header: r.overdue.header(round.edition, name),
        blocks: [
          { type: 'text', text: r.overdue.text(round.edition, hostName(dialogue, round, lang), round.year) },
          { type: 'context', text: r.overdue.action },
        ],
      };
    }
    case 'followup': {
      const { round, next } = content;
      const date = formatDate(round.date!, lang);
      return {
        header: r.followup.header(round.edition, name),
        blocks: [
          {
            type: 'text',
            text: content.held ? r.followup.held(round.edition, date) : r.followup.scheduled(round.edition, date),
          },
          {
            type: 'list',
            items: [
              content.held ? r.followup.recorded : r.followup.recordOutcome,
              r.followup.importStatement,
              next ? r.followup.next(next.edition, hostName(dialogue, next, lang), next.year) : r.followup.noNext,
            ],
          },
        ],
      };
    }
    case 'commitment': {
      const { commitment: c } = content;
      const due = formatDate(c.dueDate!, lang);
      const days = daysBetween(localDate(sentAt, zone), c.dueDate!);
      const blocks: Block[] = [
        { type: 'text', text: days < 0 ? r.commitment.overdue(c.id, due) : r.commitment.due(c.id, days, due) },
        { type: 'text', text: title(c, lang) },
        { type: 'text', text: r.commitment.status(t.status[c.status]) },
        { type: 'context', text: r.commitment.action(c.id) },
      ];
      if (content.snoozed) blocks.push({ type: 'context', text: r.commitment.snoozed });
      return { header: r.commitment.header(c.id), blocks };
    }
    case 'digest': {
      const blocks: Block[] = [
        {
          type: 'text',
          text: content.overdueOnly
            ? r.digest.overdueSummary(content.overdue.length)
            : r.digest.summary(content.open.length, content.overdue.length),
        },
      ];
      const item = (c: CommitmentFacts) =>
        c.dueDate
          ? r.digest.itemDue(c.id, title(c, lang), formatDate(c.dueDate, lang))
          : r.digest.item(c.id, title(c, lang));
      // Each commitment once: an overdue one is listed under Overdue only, not again under its status.
      const overdueIds = new Set(content.overdue.map((c) => c.id));
      const groups: [string, readonly CommitmentFacts[]][] = [[r.digest.overdue, content.overdue]];
      for (const status of ['in-progress', 'not-started'] as const)
        groups.push([
          capitalise(t.status[status]),
          content.open.filter((c) => c.status === status && !overdueIds.has(c.id)),
        ]);
      let room = DIGEST_MAX_ITEMS;
      let left = 0;
      for (const [heading, group] of groups) {
        if (group.length === 0) continue;
        blocks.push({ type: 'text', text: [{ bold: r.digest.group(heading, group.length) }] });
        const shown = group.slice(0, Math.max(0, room));
        room -= shown.length;
        left += group.length - shown.length;
        if (shown.length > 0) blocks.push({ type: 'list', items: shown.map(item) });
      }
      // Past what one message holds, it says how many are left and where they are.
      if (left > 0) blocks.push({ type: 'text', text: r.digest.more(left) });
      blocks.push({ type: 'context', text: r.digest.footer });
      return { header: content.overdueOnly ? r.digest.overdueHeader(name) : r.digest.header(name), blocks };
    }
  }
}

/**
 * The buttons a reminder carries: a commitment DM gets Mark done (with a
 * confirmation), Update… and Snooze 7 days (that reminder only); a digest
 * gets Mark done and Update… for each overdue commitment it lists (a few).
 */
function actionsOf(dialogue: Dialogue, reminder: Pick<PlannedReminder, 'content' | 'key'>, lang: Lang): ReplyAction[] {
  const t = messages(lang);
  const r = t.reminders.commitment;
  const confirmDone = (id: string) => ({
    title: r.confirmDone.title,
    text: r.confirmDone.text(id),
    confirm: r.confirmDone.confirm,
    deny: r.confirmDone.deny,
  });
  const { content } = reminder;
  if (content.kind === 'commitment' && reminder.key) {
    const target = `${dialogue.id}|${content.commitment.id}`;
    const actions: ReplyAction[] = [
      {
        id: REMINDER_ACTIONS.done,
        label: t.slack.buttons.markDone,
        value: target,
        style: 'primary',
        confirm: confirmDone(content.commitment.id),
      },
      { id: REMINDER_ACTIONS.update, label: t.slack.buttons.update, value: target },
    ];
    // Only a DM's own reminder can be snoozed (the key names its owner); a snoozed one comes back once.
    if (!content.snoozed && !reminder.key.endsWith(':channel'))
      actions.push({ id: REMINDER_ACTIONS.snooze, label: r.snoozeButton, value: reminder.key });
    return actions;
  }
  if (content.kind === 'digest') {
    return content.overdue.slice(0, 4).flatMap((c): ReplyAction[] => {
      const target = `${dialogue.id}|${c.id}`;
      return [
        {
          id: REMINDER_ACTIONS.done,
          label: `${t.slack.buttons.markDone} ${c.id}`,
          value: target,
          confirm: confirmDone(c.id),
        },
        { id: REMINDER_ACTIONS.update, label: t.slack.buttons.updateId(c.id), value: target },
      ];
    });
  }
  return [];
}

/**
 * A reminder as a message in one language, worded for the moment it is sent
 * (`sentAt`, the planned moment by default); `late` adds a line saying when it was due.
 */
export function reminderReply(
  dialogue: Dialogue,
  reminder: Pick<PlannedReminder, 'content' | 'fireAt'> & Partial<Pick<PlannedReminder, 'key' | 'zone'>>,
  lang: Lang,
  options: { late?: boolean; zone?: string; sentAt?: Date } = {},
): Reply {
  const zone = reminder.zone ?? options.zone ?? dialogue.timezone;
  const sentAt = options.sentAt ?? new Date(reminder.fireAt);
  const { header, blocks } = bodyOf(dialogue, reminder.content, lang, sentAt, zone);
  const first = blocks.find((b) => b.type === 'text');
  const firstText = first && first.type === 'text' && typeof first.text === 'string' ? first.text : '';
  const all: Block[] = [{ type: 'header', text: header }, ...blocks];
  if (options.late) {
    const when = formatDateTime(DateTime.fromISO(reminder.fireAt), zone, lang);
    all.push({ type: 'context', text: messages(lang).reminders.late(when) });
  }
  const actions = actionsOf(dialogue, { content: reminder.content, key: reminder.key ?? '' }, lang);
  return {
    kind: 'answer',
    summary: firstText ? `${header} — ${firstText}` : header,
    blocks: all,
    ...(actions.length > 0 ? { actions } : {}),
    lang,
    ...(reminder.content.kind === 'digest' ? { seeAll: messages(lang).reminders.digest.seeAll } : {}),
  };
}
