import { DateTime } from 'luxon';
import { COMMITMENT_STATUSES } from '../domain/commitments.js';
import { ROUND_STATES, type RoundState, roundLabel } from '../domain/cycle.js';
import { parseIsoDate } from '../domain/dates.js';
import type { Lang } from '../domain/types.js';
import { describeEntry, hostName } from '../i18n/describe.js';
import { capitalise, formatDate, formatDateTime, messages, pick } from '../i18n/index.js';
import type { Brief, BriefItem } from '../services/brief.service.js';
import type { AuditEvent } from '../services/mappers.js';
import { commitmentTitle, fieldChangeText } from './commitments.js';
import { clipItem, PAGE_SIZES, pageOf, pager } from './paging.js';
import { type Block, type Inline, type Reply, type Rich, rich } from './reply.js';

const isRoundState = (v: string): v is RoundState => (ROUND_STATES as readonly string[]).includes(v);

/** A change to a commitment in words; `person` writes an owner it names (a document: by name; a mention by default). */
export function changeText(e: AuditEvent, lang: Lang, person?: (userId: string) => Inline): Rich {
  const t = messages(lang);
  const field = fieldChangeText(e, lang, undefined, person);
  if (e.action === 'created') return t.history.created;
  if (e.action === 'undo') {
    const undo = t.changes.history.undo(e.reverses ?? 0);
    return field ? rich(`${undo}: `, field) : undo;
  }
  return field ?? (e.note ? t.history.note(e.note) : e.action);
}

/**
 * A change to a round in words, for the brief and the briefing pack alike:
 * the field by its name in the reader's language (never the store's
 * `endTime`), a state or date as chat shows them.
 */
export function roundChangeText(e: AuditEvent, lang: Lang): string {
  const t = messages(lang);
  const b = t.slack.brief;
  const value = (v: string | null) =>
    v === null
      ? '—'
      : e.field === 'state' && isRoundState(v)
        ? t.state[v]
        : e.field === 'date' && parseIsoDate(v) === v
          ? formatDate(v, lang)
          : v;
  const field = e.field
    ? t.history.change(
        Object.hasOwn(b.roundFields, e.field) ? b.roundFields[e.field as keyof typeof b.roundFields] : e.field,
        value(e.from),
        value(e.to),
      )
    : null;
  if (e.action === 'undo') return [t.changes.history.undo(e.reverses ?? 0), field].filter(Boolean).join(': ');
  return field ?? e.action;
}

function itemBlock(brief: Brief, item: BriefItem, lang: Lang): Block {
  const t = messages(lang);
  const b = t.slack.brief;
  const { commitment: c, lastNote, changes } = item;
  // Each commitment's block is its own: a long text or history is clipped within it, never the brief.
  const zone = brief.dialogue.timezone;
  const parts: Inline[] = [
    { bold: c.id },
    ` · ${t.status[c.status]} · ${clipItem(commitmentTitle(c, lang))}\n${b.owners}: `,
  ];
  brief.dialogue.parties.forEach((p, i) => {
    if (i > 0) parts.push(' · ');
    const owner = c.owners[p.code];
    parts.push(`${capitalise(p.name[lang])}: `, owner ? { user: owner } : t.commitments.nobody);
  });
  if (c.dueDate) parts.push(` · ${t.commitments.labels.due}: ${formatDate(c.dueDate, lang)}`);
  parts.push(`\n${b.lastNote}: `);
  if (lastNote)
    parts.push(`${formatDate(lastNote.at.slice(0, 10), lang)}, `, { user: lastNote.actor }, `: “${lastNote.note}”`);
  else parts.push(b.noNote);
  parts.push(`\n${b.changed}: `);
  if (changes.length === 0) parts.push(b.unchanged);
  else
    changes.forEach((e, i) => {
      if (i > 0) parts.push('; ');
      parts.push(
        `${formatDateTime(DateTime.fromISO(e.at), zone, lang)} `,
        { user: e.actor },
        ...rich(' ', changeText(e, lang)),
      );
    });
  return { type: 'text', text: parts };
}

/** How many commitments in each status (`3 not started · 2 in progress`, none left out) and how many changes since the last round. */
export function briefTotals(brief: Brief, lang: Lang): { counts: string; changed: number } {
  const t = messages(lang);
  const counts = COMMITMENT_STATUSES.map(
    (s) => [s, brief.items.filter((i) => i.commitment.status === s).length] as const,
  )
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${t.status[s]}`)
    .join(' · ');
  return { counts, changed: brief.items.reduce((n, i) => n + i.changes.length, 0) };
}

/** `/dialogue brief`, one page of it (`dialogue`: the request's `--dialogue`, kept in page commands). */
export function briefReply(
  brief: Brief,
  lang: Lang,
  paging: { page: number; dialogue: string | null } = { page: 1, dialogue: null },
): Reply {
  const t = messages(lang);
  const b = t.slack.brief;
  const { dialogue, next, lastHeld } = brief;
  const header = b.header(roundLabel(next), pick(dialogue.name, lang));
  const since = lastHeld?.date != null ? b.since(roundLabel(lastHeld), formatDate(lastHeld.date, lang)) : b.sinceStart;
  const { counts, changed } = briefTotals(brief, lang);
  const nextLine = `${t.round(roundLabel(next))} · ${capitalise(hostName(dialogue, next, lang))} · ${describeEntry(dialogue, next, lang)}`;
  const blocks: Block[] = [
    { type: 'header', text: header },
    { type: 'text', text: nextLine },
    { type: 'context', text: `${since} · ${b.counts(brief.items.length, counts || '0')} · ${b.changeCount(changed)}` },
    { type: 'divider' },
  ];
  if (brief.items.length === 0) blocks.push({ type: 'text', text: b.none });
  // A page of commitments at a time, each once; the pager says how many are left and how to see them.
  const p = pageOf(brief.items, paging.page, PAGE_SIZES.brief);
  for (const item of p.items) blocks.push(itemBlock(brief, item, lang));
  const pages = pager(p, '/dialogue', 'brief', paging.dialogue, lang);
  blocks.push(...pages.blocks);
  if (brief.roundChanges.length > 0) {
    const items: Rich[] = brief.roundChanges.map((e) => {
      const what = roundChangeText(e, lang);
      return [
        `${t.round(roundLabel(e))} · ${formatDateTime(DateTime.fromISO(e.at), dialogue.timezone, lang)} `,
        { user: e.actor },
        ` · ${what}${e.note ? ` · ${t.history.note(e.note)}` : ''}`,
      ];
    });
    blocks.push({ type: 'divider' }, { type: 'text', text: [{ bold: b.roundsTitle }] }, { type: 'list', items });
  }
  // Download: the briefing pack as a Word document, sent to whoever clicks (src/slack/listeners/actions/brief-download.ts).
  const download = { id: BRIEF_DOWNLOAD_ACTION, label: t.export.slack.download, value: dialogue.id };
  return {
    kind: 'answer',
    summary: `${header} — ${since}`,
    blocks,
    actions: [...(pages.actions ?? []), download],
    lang,
    seeAll: b.seeAll,
  };
}

/** The action ID of the brief's *Download* button. */
export const BRIEF_DOWNLOAD_ACTION = 'brief.download';
