import { COMMITMENT_STATUSES, type Commitment, isOpenCommitment } from '../../domain/commitments.js';
import { type CycleEntry, roundLabel } from '../../domain/cycle.js';
import type { Dialogue, Lang } from '../../domain/types.js';
import { cityName, daysUntil, describeEntry, describeWhen, hostName } from '../../i18n/describe.js';
import { capitalise, formatDate, messages, pick } from '../../i18n/index.js';
import { commitmentTitle } from '../../presentation/commitments.js';
import { clipItem, pageOf } from '../../presentation/paging.js';
import type { Inline, Rich } from '../../presentation/reply.js';
import type { CycleView } from '../../services/cycle.service.js';
import { clip, SLACK_LIMITS as L } from '../limits.js';
import { escapeMrkdwn, listSections, richMrkdwn, type SlackBlock } from '../render.js';

export const HOME_ACTIONS = {
  schedule: 'round.schedule',
  subscribe: 'calendar.subscribe',
  done: 'commitment.done',
  update: 'commitment.update',
  reset: 'calendar.reset',
  page: 'home.page',
} as const;

export interface HomeSection {
  readonly view: CycleView;
  readonly commitments: readonly Commitment[];
  readonly isEditor: boolean;
  /** Which page of the commitments to show (1 when not given). */
  readonly page?: number;
}

/** 🇲🇽 / 🇬🇧 from an ISO 3166 code. */
export function flag(code: string): string {
  return /^[A-Z]{2}$/.test(code) ? String.fromCodePoint(...[...code].map((c) => 0x1f1e6 + c.charCodeAt(0) - 65)) : '';
}

const section = (text: Rich): SlackBlock => ({
  type: 'section',
  text: { type: 'mrkdwn', text: clip(richMrkdwn(text), L.sectionText) },
});

function button(
  text: string,
  actionId: string,
  value: string,
  style?: 'primary',
  confirm?: { title: string; text: string; confirm: string; deny: string },
): SlackBlock {
  return {
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text: clip(text, L.buttonText), emoji: true },
    value,
    // Slack asks "are you sure?" before the click is sent (one click no longer changes and announces at once).
    ...(confirm
      ? {
          confirm: {
            title: { type: 'plain_text', text: confirm.title },
            text: { type: 'plain_text', text: confirm.text },
            confirm: { type: 'plain_text', text: confirm.confirm },
            deny: { type: 'plain_text', text: confirm.deny },
          },
        }
      : {}),
    ...(style ? { style } : {}),
  };
}

function nextRoundBlocks(
  dialogue: Dialogue,
  next: CycleEntry,
  lastHeld: CycleEntry | undefined,
  lang: Lang,
  now: Date,
) {
  const t = messages(lang);
  const h = t.slack.home;
  const host = capitalise(hostName(dialogue, next, lang));
  const lines: Inline[] = [
    { bold: `${h.nextTitle}: ${t.round(roundLabel(next))}` },
    `\n${h.hostFlag(flag(next.host), host)}\n`,
  ];
  if (next.state === 'scheduled' && next.date) {
    lines.push(describeWhen(dialogue, next, lang));
    if (next.city) lines.push(` · ${cityName(dialogue, next.city, lang)}`);
    const days = daysUntil(next, now);
    if (days !== null) lines.push(` · ${h.countdown(days)}`);
  } else if (next.state === 'postponed') {
    lines.push(describeEntry(dialogue, next, lang));
  } else {
    lines.push(h.expected(next.year));
    if (next.overdue) lines.push(` · ${t.cycle.overdue}`);
  }
  const context = lastHeld?.date
    ? t.next.lastHeld(roundLabel(lastHeld), formatDate(lastHeld.date, lang), hostName(dialogue, lastHeld, lang))
    : t.next.noneHeld;
  return [section(lines), { type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(context) }] }];
}

/** Open work first: in progress, then not started; done and dropped last. */
const HOME_ORDER = ['in-progress', 'not-started', 'done', 'dropped'] as const;

/** At most this many commitments per dialogue on one page of the Home tab (fewer when several dialogues share it). */
export const HOME_PAGE_SIZE = 15;

/** Readers see the same rows without buttons: every change would be refused. */
function commitmentRows(
  dialogue: Dialogue,
  commitments: readonly Commitment[],
  lang: Lang,
  isEditor: boolean,
  page: number,
  size: number,
): SlackBlock[] {
  const t = messages(lang);
  const h = t.slack.home;
  const out: SlackBlock[] = [];
  if (commitments.length === 0) return [section(h.none)];
  const ordered = HOME_ORDER.filter((s) => COMMITMENT_STATUSES.includes(s)).flatMap((status) =>
    commitments.filter((c) => c.status === status),
  );
  const p = pageOf(ordered, page, size);
  let heading: string | null = null;
  for (const c of p.items) {
    if (c.status !== heading) {
      heading = c.status;
      const count = commitments.filter((x) => x.status === c.status).length;
      out.push(section([{ bold: h.group(capitalise(t.status[c.status]), count) }]));
    }
    // The dialogue is named: a Home shows every dialogue, and action IDs must be unique in a view.
    const target = `${dialogue.id}|${c.id}`;
    const parts: Inline[] = [{ bold: c.id }, ` · ${clipItem(commitmentTitle(c, lang))}\n`];
    dialogue.parties.forEach((party, i) => {
      if (i > 0) parts.push(' · ');
      const owner = c.owners[party.code];
      parts.push(`${flag(party.code)} `, owner ? { user: owner } : t.commitments.nobody);
    });
    if (c.dueDate) parts.push(` · ${h.due(formatDate(c.dueDate, lang))}`);
    const row = section(parts);
    if (!isEditor) out.push(row);
    else if (isOpenCommitment(c)) {
      out.push(row, {
        type: 'actions',
        elements: [
          button(t.slack.buttons.markDone, `${HOME_ACTIONS.done}:${target}`, target, 'primary', {
            title: t.changes.markDone.title,
            text: t.changes.markDone.text(c.id),
            confirm: t.changes.markDone.confirm,
            deny: t.changes.markDone.deny,
          }),
          button(t.slack.buttons.update, `${HOME_ACTIONS.update}:${target}`, target),
        ],
      });
    } else out.push({ ...row, accessory: button(t.slack.buttons.update, `${HOME_ACTIONS.update}:${target}`, target) });
  }
  if (p.pages > 1) {
    out.push({
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: escapeMrkdwn(`${t.paging.status(p.page, p.pages, p.first, p.last, p.total)} · ${h.allHint}`),
        },
      ],
    });
    const elements: SlackBlock[] = [];
    if (p.page > 1)
      elements.push(
        button(t.paging.previous, `${HOME_ACTIONS.page}:${dialogue.id}:prev`, `${dialogue.id}|${p.page - 1}`),
      );
    if (p.page < p.pages)
      elements.push(
        button(t.paging.next, `${HOME_ACTIONS.page}:${dialogue.id}:next`, `${dialogue.id}|${p.page + 1}`, 'primary'),
      );
    out.push({ type: 'actions', elements });
  }
  return out;
}

function dialogueBlocks(
  { view, commitments, isEditor, page }: HomeSection,
  lang: Lang,
  now: Date,
  size: number,
): SlackBlock[] {
  const t = messages(lang);
  const h = t.slack.home;
  const { dialogue, next, lastHeld } = view;
  const value = dialogue.id;
  return [
    {
      type: 'header',
      text: { type: 'plain_text', text: clip(h.header(pick(dialogue.name, lang)), L.headerText), emoji: true },
    },
    ...nextRoundBlocks(dialogue, next, lastHeld, lang, now),
    {
      type: 'actions',
      elements: [
        ...(isEditor ? [button(t.slack.buttons.schedule, `${HOME_ACTIONS.schedule}:${value}`, value)] : []),
        button(t.slack.buttons.subscribe, `${HOME_ACTIONS.subscribe}:${value}`, value, 'primary'),
        {
          ...button(t.slack.buttons.resetLink, `${HOME_ACTIONS.reset}:${value}`, value),
          confirm: confirmReset(lang),
        },
      ],
    },
    { type: 'divider' },
    section([{ bold: h.cycleTitle }]),
    ...listSections(
      view.entries.map(
        (e) =>
          `${flag(e.host)} ${t.cycle.entry(roundLabel(e), e.year, capitalise(hostName(dialogue, e, lang)), describeEntry(dialogue, e, lang))}`,
      ),
    ),
    { type: 'divider' },
    section([{ bold: h.commitmentsTitle }]),
    ...commitmentRows(dialogue, commitments, lang, isEditor, page ?? 1, size),
    {
      type: 'context',
      elements: [{ type: 'mrkdwn', text: escapeMrkdwn(isEditor ? h.editorHint : h.readerHint) }],
    },
  ];
}

/** The confirmation Slack shows before a feed address is replaced. */
export function confirmReset(lang: Lang): SlackBlock {
  const r = messages(lang).calendar.reset;
  return {
    title: { type: 'plain_text', text: clip(r.confirmTitle, L.confirmTitle) },
    text: { type: 'plain_text', text: clip(r.confirmText, L.confirmText) },
    confirm: { type: 'plain_text', text: clip(r.confirmButton, L.confirmButton) },
    deny: { type: 'plain_text', text: clip(r.denyButton, L.confirmButton) },
    style: 'danger',
  };
}

/**
 * The App Home tab: per dialogue the next round, the cycle, and one page of
 * its commitments by status with buttons (◂ Previous / Next ▸ for the rest).
 * Pages are as large as Slack's 100 blocks per view allow, at most HOME_PAGE_SIZE.
 */
export function homeView(sections: readonly HomeSection[], lang: Lang, now: Date, updated: string): SlackBlock {
  const t = messages(lang);
  const footer: SlackBlock = {
    type: 'context',
    elements: [{ type: 'mrkdwn', text: escapeMrkdwn(t.slack.home.updated(updated)) }],
  };
  for (let size = HOME_PAGE_SIZE; ; size--) {
    const blocks = [...sections.flatMap((s) => dialogueBlocks(s, lang, now, size)), footer];
    if (blocks.length <= L.viewBlocks || size === 1) return { type: 'home', blocks: blocks.slice(0, L.viewBlocks) };
  }
}
