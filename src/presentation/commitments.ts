import { DateTime } from 'luxon';
import { type Commitment, commitmentTextFor, isCommitmentStatus, textLanguage } from '../domain/commitments.js';
import { type Dialogue, type Lang, partyByCode } from '../domain/types.js';
import { markForeign } from '../i18n/describe.js';
import { capitalise, formatDate, formatDateTime, messages } from '../i18n/index.js';
import { themeName } from '../i18n/typed.js';
import type { CommitmentChange, CommitmentDetail } from '../services/commitments.service.js';
import type { AuditEvent } from '../services/mappers.js';
import { clipItem, PAGE_SIZES, pageOf, pager } from './paging.js';
import { type Block, type Inline, type Reply, type Rich, rich } from './reply.js';

/** What a reader sees of a commitment: the curated summary, else the words in their language, else the words marked with theirs. */
export function commitmentTitle(c: Pick<Commitment, 'summary' | 'text' | 'texts'>, lang: Lang): string {
  if (c.summary?.[lang]) return c.summary[lang];
  const { text, foreign } = commitmentTextFor(c, lang);
  return foreign ? messages(lang).import.foreignText(text, foreign) : text;
}

function ownersRich(dialogue: Dialogue, c: Commitment, lang: Lang): Rich {
  const t = messages(lang);
  const parts: Inline[] = [];
  dialogue.parties.forEach((p, i) => {
    if (i > 0) parts.push(' · ');
    const owner = c.owners[p.code];
    parts.push(`${capitalise(p.name[lang])}: `, owner ? { user: owner } : t.commitments.nobody);
  });
  return parts;
}

export interface ListPaging {
  readonly page: number;
  /** The command text that shows this list, without `page N` (e.g. `list all`). */
  readonly base: string;
  /** The request's `--dialogue` (kept in page commands), or null. */
  readonly dialogue: string | null;
}

/**
 * A list of commitments, one page of it: each item once, its text clipped
 * on its own line (never the list around it), and a pager saying how many
 * are left and how to see them.
 */
export function commitmentListReply(
  list: Commitment[],
  filterLabel: string,
  lang: Lang,
  themes: string[],
  paging: ListPaging = { page: 1, base: 'list', dialogue: null },
): Reply {
  const t = messages(lang);
  const p = pageOf(list, paging.page, PAGE_SIZES.list);
  const header = t.commitments.header(list.length, filterLabel);
  let clipped = false;
  const items = p.items.map((c) => {
    const title = commitmentTitle(c, lang);
    const short = clipItem(title);
    if (short !== title.replace(/\s+/g, ' ').trim()) clipped = true;
    return t.commitments.line(c.id, c.paragraph, t.status[c.status], short);
  });
  const pages = pager(p, '/commitments', paging.base, paging.dialogue, lang);
  const blocks: Block[] = [
    { type: 'header', text: header },
    list.length > 0 ? { type: 'list', items } : { type: 'text', text: t.commitments.none },
    ...pages.blocks,
  ];
  if (clipped) blocks.push({ type: 'context', text: t.commitments.clippedHint });
  blocks.push({ type: 'context', text: t.commitments.themes(themes.map((th) => themeName(th, lang)).join(', ')) });
  return {
    kind: 'answer',
    summary: p.pages > 1 ? `${header} · ${t.paging.status(p.page, p.pages, p.first, p.last, p.total)}` : header,
    blocks,
    actions: [
      ...p.items
        .filter((c) => c.status !== 'done' && c.status !== 'dropped')
        .map((c) => ({ id: 'commitment.update', label: c.id, value: c.id })),
      ...pages.actions,
    ],
  };
}

export function commitmentDetailReply(dialogue: Dialogue, detail: CommitmentDetail, lang: Lang): Reply {
  const t = messages(lang);
  const { commitment: c, notes, earlierNotes } = detail;
  const L = t.commitments.labels;
  const header = `${c.id} · ${commitmentTitle(c, lang)}`;
  const origin = c.edition ? t.commitments.roundN(c.edition) : t.commitments.addedByHand;
  const fields: [string, Rich][] = [
    [L.status, t.status[c.status]],
    [L.round, c.paragraph ? `${origin}, ${t.commitments.paragraphOf(c.paragraph)}` : origin],
    [L.theme, themeName(c.theme, lang)],
    [L.owners, ownersRich(dialogue, c, lang)],
    [L.due, c.dueDate ? formatDate(c.dueDate, lang) : t.commitments.noDue],
  ];
  // Only the statement it was read from: never another round's statement, never one for a commitment added by hand.
  if (c.source) {
    // A title in the other language is marked as such: “(en inglés)”.
    const written = textLanguage(c.source.title);
    const mark = written !== null && written !== lang ? ` ${t.import.foreignText('', written).trim()}` : '';
    fields.push([
      L.source,
      c.source.url ? [{ link: c.source.url, label: c.source.title }, mark] : `${c.source.title}${mark}`,
    ]);
  }
  const noteItems: Rich[] = notes.map((n) => [
    `${formatDate(n.at.slice(0, 10), lang)} `,
    { user: n.actor },
    `: ${n.note ?? ''}`,
  ]);
  const textBlocks: Block[] = [];
  // The words in the reader's language when known; else as recorded, marked with their language.
  const words = commitmentTextFor(c, lang);
  const quoted = words.foreign ? t.import.foreignText(`“${words.text}”`, words.foreign) : `“${words.text}”`;
  if (c.edition === null) {
    // Typed by an editor: who added it and when, never "in the statement's words".
    textBlocks.push({ type: 'text', text: [{ bold: `${L.handText}:` }, ` ${quoted}`] });
    if (c.createdBy)
      textBlocks.push({
        type: 'context',
        text: [t.commitments.addedBy, { user: c.createdBy }, ` · ${formatDate(c.createdAt.slice(0, 10), lang)}`],
      });
  } else {
    textBlocks.push({ type: 'text', text: [{ bold: `${L.text}:` }, ` ${quoted}`] });
    if (c.source?.text && c.source.text.replace(/\s+/g, ' ').trim() !== c.text.replace(/\s+/g, ' ').trim())
      textBlocks.push({ type: 'context', text: t.commitments.fromSentence(markForeign(c.source.text, lang)) });
  }
  return {
    kind: 'answer',
    summary: header,
    blocks: [
      { type: 'header', text: header },
      ...textBlocks,
      { type: 'fields', fields },
      { type: 'text', text: [{ bold: L.notes }] },
      notes.length > 0 ? { type: 'list', items: noteItems } : { type: 'context', text: t.commitments.noNotes },
      // Nothing cut silently: how many earlier notes there are, and where they are.
      ...(earlierNotes > 0
        ? [{ type: 'context', text: t.commitments.earlierNotes(earlierNotes, `/commitments history ${c.id}`) } as Block]
        : []),
      { type: 'context', text: t.commitments.showHint(c.id) },
    ],
    actions:
      c.status === 'done' || c.status === 'dropped'
        ? []
        : [
            { id: 'commitment.done', label: '✓', value: c.id, style: 'primary' },
            { id: 'commitment.update', label: '…', value: c.id },
          ],
  };
}

/** One audited field change in words: `status: not started → in progress`, `owner (MX): — → <@U…>`. */
export function fieldChangeText(
  e: AuditEvent,
  lang: Lang,
  dialogue?: Dialogue,
  /** How an owner is written (a document: by name); a mention by default. */
  person: (userId: string) => Inline = (user) => ({ user }),
): Inline[] | null {
  if (!e.field) return null;
  const t = messages(lang);
  const owner = e.field.startsWith('owner:');
  const party = owner && dialogue ? partyByCode(dialogue, e.field.slice(6)) : undefined;
  const label = owner
    ? t.history.fields.owner(party ? party.name[lang] : e.field.slice(6))
    : e.field === 'status'
      ? t.history.fields.status
      : e.field === 'due_date'
        ? t.history.fields.due_date
        : e.field;
  const show = (v: string | null): Inline =>
    v === null ? '—' : e.field === 'status' && isCommitmentStatus(v) ? t.status[v] : owner ? person(v) : v;
  return t.history.change(label, show(e.from), show(e.to));
}

/** A note in a history line is clipped to this (the latest notes are whole in `show`). */
const HISTORY_NOTE_MAX = 500;

function historyLine(e: AuditEvent, lang: Lang, dialogue: Dialogue): Rich {
  const t = messages(lang);
  const when = formatDateTime(DateTime.fromISO(e.at), dialogue.timezone, lang);
  let what: Rich;
  if (e.action === 'seeded') what = t.history.seeded;
  else if (e.action === 'created') what = `${t.history.created}: “${clipItem(e.to ?? '')}”`;
  else if (e.action === 'undo') {
    const field = fieldChangeText(e, lang, dialogue);
    what = field
      ? rich(`${t.changes.history.undo(e.reverses ?? 0)}: `, field)
      : t.changes.history.undo(e.reverses ?? 0);
  } else what = fieldChangeText(e, lang, dialogue) ?? '';
  const note = e.note && e.action !== 'created' ? t.history.note(clipItem(e.note, HISTORY_NOTE_MAX)) : '';
  const withdrawn = e.undone && e.note && !e.field ? t.changes.history.withdrawn : '';
  const number = e.changeId ? `${t.changes.history.changeNo(e.changeId)} · ` : '';
  const parts = [what, note, withdrawn].filter((p) => p.length > 0);
  const actor: Inline = e.actor === 'config' ? 'config' : { user: e.actor };
  return rich(`${when} · ${number}`, actor, ' · ', ...parts.flatMap((p, i) => rich(i > 0 ? ' · ' : '', p)));
}

/** A change to a commitment in words, in one language, saying who made it. */
export function changeMessage(
  dialogue: Dialogue,
  change: CommitmentChange,
  action: string,
  lang: Lang,
  userId: string,
  side?: string,
): Reply {
  const t = messages(lang);
  const { before, after } = change;
  const parts: Inline[] = [];
  switch (action) {
    case 'status':
      parts.push(t.change.status(after.id, t.status[before!.status], t.status[after.status]));
      break;
    case 'assign': {
      const party = side ? partyByCode(dialogue, side) : undefined;
      parts.push(
        t.change.assigned(after.id, party ? party.name[lang] : (side ?? '')),
        {
          user: after.owners[side ?? ''] ?? '',
        },
        '.',
      );
      break;
    }
    case 'due':
      parts.push(t.change.due(after.id, formatDate(after.dueDate!, lang)));
      break;
    case 'note':
      parts.push(t.change.note(after.id));
      break;
    default:
      parts.push(t.change.added(after.id));
  }
  parts.push(` ${commitmentTitle(after, lang)}`);
  return {
    kind: 'change',
    summary: parts.map((p) => (typeof p === 'string' ? p : 'user' in p ? `@${p.user}` : '')).join(''),
    blocks: [
      { type: 'text', text: parts },
      { type: 'context', text: [t.change.by, { user: userId }] },
    ],
  };
}

/** `/commitments history <ID>`, one page of it (`dialogue`: the request's `--dialogue`, kept in page commands). */
export function historyReply(
  dialogue: Dialogue,
  id: string,
  events: readonly AuditEvent[],
  lang: Lang,
  paging: { page: number; dialogue: string | null } = { page: 1, dialogue: null },
): Reply {
  const t = messages(lang);
  const p = pageOf(events, paging.page, PAGE_SIZES.history);
  const pages = pager(p, '/commitments', `history ${id}`, paging.dialogue, lang);
  const header = t.history.header(id);
  return {
    kind: 'answer',
    summary: header,
    blocks: [
      { type: 'header', text: header },
      events.length > 0
        ? { type: 'list', items: p.items.map((e) => historyLine(e, lang, dialogue)) }
        : { type: 'text', text: t.history.none },
      ...pages.blocks,
    ],
    actions: pages.actions,
  };
}

/** `/commitments help`: one line per verb, `assign` worded with this dialogue's sides (`mx|uk`). */
export function commitmentsHelpReply(lang: Lang, sides: string): Reply {
  const t = messages(lang);
  const h = t.help.commitments;
  const lines = h.lines.map((line) =>
    /^\/commitments (?:\S+\|)?assign /.test(line) ? t.changes.usage.assignHelp(sides) : line,
  );
  return {
    kind: 'answer',
    summary: h.header,
    blocks: [
      { type: 'header', text: h.header },
      { type: 'list', items: lines },
      { type: 'context', text: t.help.footer },
    ],
  };
}

/** The side whose owner a change set (assign only). */
export function changedSide(dialogue: Dialogue, change: CommitmentChange): string | undefined {
  return dialogue.parties.find((p) => change.after.owners[p.code] !== change.before?.owners[p.code])?.code;
}
