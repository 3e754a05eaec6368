import { DateTime } from 'luxon';
import { commitmentTextFor } from '../domain/commitments.js';
import type { CommitmentFacts, PlannedReminder, ReminderContent } from '../domain/reminders.js';
import type { Dialogue, Lang } from '../domain/types.js';
import { cityName, describeWhen, hostName } from '../i18n/describe.js';
import { capitalise, formatDate, formatDateTime, messages, pick } from '../i18n/index.js';
import type { Block, Reply } from '../presentation/reply.js';

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

function bodyOf(dialogue: Dialogue, content: ReminderContent, lang: Lang): { header: string; blocks: Block[] } {
  const t = messages(lang);
  const r = t.reminders;
  const name = pick(dialogue.name, lang);
  switch (content.kind) {
    case 'round': {
      const { round, daysBefore } = content;
      const blocks: Block[] = [
        { type: 'text', text: r.round.countdown(round.edition, daysBefore, describeWhen(dialogue, round, lang)) },
        { type: 'text', text: r.round.host(hostName(dialogue, round, lang)) },
      ];
      if (round.city) blocks.push({ type: 'text', text: r.round.venue(cityName(dialogue, round.city, lang)) });
      return { header: r.round.header(round.edition, name), blocks };
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
      const { commitment: c, daysBefore } = content;
      return {
        header: r.commitment.header(c.id),
        blocks: [
          { type: 'text', text: r.commitment.due(c.id, daysBefore, formatDate(c.dueDate!, lang)) },
          { type: 'text', text: title(c, lang) },
          { type: 'text', text: r.commitment.status(t.status[c.status]) },
          { type: 'context', text: r.commitment.action(c.id) },
        ],
      };
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

/** A reminder as a message in one language; `late` adds a line saying when it was due. */
export function reminderReply(
  dialogue: Dialogue,
  reminder: Pick<PlannedReminder, 'content' | 'fireAt'>,
  lang: Lang,
  options: { late?: boolean; zone?: string } = {},
): Reply {
  const { header, blocks } = bodyOf(dialogue, reminder.content, lang);
  const first = blocks.find((b) => b.type === 'text');
  const firstText = first && first.type === 'text' && typeof first.text === 'string' ? first.text : '';
  const all: Block[] = [{ type: 'header', text: header }, ...blocks];
  if (options.late) {
    const when = formatDateTime(DateTime.fromISO(reminder.fireAt), options.zone ?? dialogue.timezone, lang);
    all.push({ type: 'context', text: messages(lang).reminders.late(when) });
  }
  return { kind: 'answer', summary: firstText ? `${header} — ${firstText}` : header, blocks: all };
}
