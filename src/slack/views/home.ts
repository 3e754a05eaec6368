import { commitmentTitle } from '../../commands/commitments.js';
import { COMMITMENT_STATUSES, type Commitment, isOpenCommitment } from '../../domain/commitments.js';
import { type CycleEntry, roundLabel } from '../../domain/cycle.js';
import type { Dialogue, Lang } from '../../domain/types.js';
import { cityName, daysUntil, describeEntry, describeWhen, hostName } from '../../i18n/describe.js';
import { capitalise, formatDate, messages, pick } from '../../i18n/index.js';
import type { Inline, Rich } from '../../presentation/reply.js';
import type { CycleView } from '../../services/cycle.service.js';
import { escapeMrkdwn, richMrkdwn, type SlackBlock } from '../render.js';

/** Slack allows 100 blocks in a Home tab; commitments beyond this are left to /commitments list. */
const MAX_COMMITMENT_ROWS = 30;

export const HOME_ACTIONS = {
  schedule: 'round.schedule',
  subscribe: 'calendar.subscribe',
  done: 'commitment.done',
  update: 'commitment.update',
} as const;

export interface HomeSection {
  readonly view: CycleView;
  readonly commitments: readonly Commitment[];
  readonly isEditor: boolean;
}

/** 🇲🇽 / 🇬🇧 from an ISO 3166 code. */
export function flag(code: string): string {
  return /^[A-Z]{2}$/.test(code) ? String.fromCodePoint(...[...code].map((c) => 0x1f1e6 + c.charCodeAt(0) - 65)) : '';
}

const section = (text: Rich): SlackBlock => ({ type: 'section', text: { type: 'mrkdwn', text: richMrkdwn(text) } });

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
    text: { type: 'plain_text', text, emoji: true },
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

/** Readers see the same rows without buttons: every change would be refused. */
function commitmentRows(
  dialogue: Dialogue,
  commitments: readonly Commitment[],
  lang: Lang,
  isEditor: boolean,
): SlackBlock[] {
  const t = messages(lang);
  const h = t.slack.home;
  const out: SlackBlock[] = [];
  let shown = 0;
  // Open work first: in progress, then not started; done and dropped last.
  const order = ['in-progress', 'not-started', 'done', 'dropped'] as const;
  for (const status of order.filter((s) => COMMITMENT_STATUSES.includes(s))) {
    const group = commitments.filter((c) => c.status === status);
    if (group.length === 0) continue;
    out.push(section([{ bold: h.group(capitalise(t.status[status]), group.length) }]));
    for (const c of group) {
      if (shown >= MAX_COMMITMENT_ROWS) break;
      shown++;
      // The dialogue is named: a Home shows every dialogue, and action IDs must be unique in a view.
      const target = `${dialogue.id}|${c.id}`;
      const parts: Inline[] = [{ bold: c.id }, ` · ${commitmentTitle(c, lang)}\n`];
      dialogue.parties.forEach((p, i) => {
        if (i > 0) parts.push(' · ');
        const owner = c.owners[p.code];
        parts.push(`${flag(p.code)} `, owner ? { user: owner } : t.commitments.nobody);
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
      } else
        out.push({ ...row, accessory: button(t.slack.buttons.update, `${HOME_ACTIONS.update}:${target}`, target) });
    }
  }
  if (commitments.length === 0) out.push(section(h.none));
  else if (shown < commitments.length)
    out.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: escapeMrkdwn(h.truncated(shown, commitments.length)) }],
    });
  return out;
}

/** The App Home tab: next round, the cycle, commitments by status with buttons. */
export function homeView(sections: readonly HomeSection[], lang: Lang, now: Date, updated: string): SlackBlock {
  const t = messages(lang);
  const h = t.slack.home;
  const blocks: SlackBlock[] = [];
  for (const { view, commitments, isEditor } of sections) {
    const { dialogue, next, lastHeld } = view;
    const value = dialogue.id;
    blocks.push(
      {
        type: 'header',
        text: { type: 'plain_text', text: h.header(pick(dialogue.name, lang)).slice(0, 150), emoji: true },
      },
      ...nextRoundBlocks(dialogue, next, lastHeld, lang, now),
      {
        type: 'actions',
        elements: [
          ...(isEditor ? [button(t.slack.buttons.schedule, HOME_ACTIONS.schedule, value)] : []),
          button(t.slack.buttons.subscribe, HOME_ACTIONS.subscribe, value, 'primary'),
        ],
      },
      { type: 'divider' },
      section([{ bold: h.cycleTitle }]),
      section(
        view.entries
          .map(
            (e) =>
              `${flag(e.host)} ${t.cycle.entry(roundLabel(e), e.year, capitalise(hostName(dialogue, e, lang)), describeEntry(dialogue, e, lang))}`,
          )
          .join('\n'),
      ),
      { type: 'divider' },
      section([{ bold: h.commitmentsTitle }]),
      ...commitmentRows(dialogue, commitments, lang, isEditor),
      {
        type: 'context',
        elements: [
          { type: 'mrkdwn', text: escapeMrkdwn(`${isEditor ? h.editorHint : h.readerHint} · ${h.updated(updated)}`) },
        ],
      },
    );
  }
  return { type: 'home', blocks: blocks.slice(0, 100) };
}
