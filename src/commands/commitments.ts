import { DateTime } from 'luxon';
import {
  type Commitment,
  type CommitmentFilter,
  commitmentTextFor,
  isCommitmentStatus,
  normaliseCommitmentId,
  parseCommitmentStatus,
} from '../domain/commitments.js';
import { type Dialogue, type Lang, partyByCode } from '../domain/types.js';
import { capitalise, formatDate, formatDateTime, messages } from '../i18n/index.js';
import { parseListFilter, parseTheme, themeName } from '../i18n/typed.js';
import type { Block, Inline, Reply, Rich } from '../presentation/reply.js';
import { type CommitmentChange, type CommitmentDetail, sideWords } from '../services/commitments.service.js';
import type { AuditEvent } from '../services/mappers.js';
import type { CommandContext, VerbTable } from './context.js';
import { undoAction } from './dialogue.js';
import { checkPage, clipItem, PAGE_SIZES, pageOf, pager, takePage } from './paging.js';
import { limitText, parseUserRef, requireDate, UsageError } from './parse.js';
import { undoVerb } from './undo.js';

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
  /** The request's own text (its --dialogue flag is kept in page commands). */
  readonly requestText: string;
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
  paging: ListPaging = { page: 1, base: 'list', requestText: '' },
): Reply {
  const t = messages(lang);
  checkPage(paging.page, Math.max(1, Math.ceil(list.length / PAGE_SIZES.list)), lang);
  const p = pageOf(list, paging.page, PAGE_SIZES.list);
  const header = t.commitments.header(list.length, filterLabel);
  let clipped = false;
  const items = p.items.map((c) => {
    const title = commitmentTitle(c, lang);
    const short = clipItem(title);
    if (short !== title.replace(/\s+/g, ' ').trim()) clipped = true;
    return t.commitments.line(c.id, c.paragraph, t.status[c.status], short);
  });
  const pages = pager(p, '/commitments', paging.base, paging.requestText, lang);
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
  const { commitment: c, notes } = detail;
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
  if (c.source)
    fields.push([L.source, c.source.url ? [{ link: c.source.url, label: c.source.title }] : c.source.title]);
  const noteItems: Rich[] = notes.map((n) => [
    `${formatDate(n.at.slice(0, 10), lang)} `,
    { user: n.actor },
    `: ${n.note ?? ''}`,
  ]);
  const textBlocks: Block[] = [];
  if (c.edition === null) {
    // Typed by an editor: who added it and when, never "in the statement's words".
    textBlocks.push({ type: 'text', text: [{ bold: `${L.handText}:` }, ` “${c.text}”`] });
    if (c.createdBy)
      textBlocks.push({
        type: 'context',
        text: [t.commitments.addedBy, { user: c.createdBy }, ` · ${formatDate(c.createdAt.slice(0, 10), lang)}`],
      });
  } else {
    textBlocks.push({ type: 'text', text: [{ bold: `${L.text}:` }, ` “${c.text}”`] });
    if (c.source?.text && c.source.text.replace(/\s+/g, ' ').trim() !== c.text.replace(/\s+/g, ' ').trim())
      textBlocks.push({ type: 'context', text: t.commitments.fromSentence(c.source.text) });
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

/** One audited field change in words: `status: not started → in progress`, `owner (MX): — → @U…`. */
export function fieldChangeText(e: AuditEvent, lang: Lang, dialogue?: Dialogue): string | null {
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
  const show = (v: string | null) =>
    v === null ? '—' : e.field === 'status' && isCommitmentStatus(v) ? t.status[v] : owner ? `@${v}` : v;
  return t.history.change(label, show(e.from), show(e.to));
}

/** A note in a history line is clipped to this (the latest notes are whole in `show`). */
const HISTORY_NOTE_MAX = 500;

function historyLine(e: AuditEvent, lang: Lang, dialogue: Dialogue): Rich {
  const t = messages(lang);
  const when = formatDateTime(DateTime.fromISO(e.at), dialogue.timezone, lang);
  let what: string;
  if (e.action === 'seeded') what = t.history.seeded;
  else if (e.action === 'created') what = `${t.history.created}: “${clipItem(e.to ?? '')}”`;
  else if (e.action === 'undo')
    what = [t.changes.history.undo(e.reverses ?? 0), fieldChangeText(e, lang, dialogue)].filter(Boolean).join(': ');
  else what = fieldChangeText(e, lang, dialogue) ?? '';
  const note = e.note && e.action !== 'created' ? t.history.note(clipItem(e.note, HISTORY_NOTE_MAX)) : '';
  const withdrawn = e.undone && e.note && !e.field ? t.changes.history.withdrawn : '';
  const number = e.changeId ? `${t.changes.history.changeNo(e.changeId)} · ` : '';
  return [
    `${when} · ${number}`,
    e.actor === 'config' ? 'config' : { user: e.actor },
    ` · ${[what, note, withdrawn].filter(Boolean).join(' · ')}`,
  ];
}

/** A change to a commitment in words, in one language, saying who made it. */
function changeMessage(
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

/** The side whose owner a change set (assign only). */
function changedSide(dialogue: Dialogue, change: CommitmentChange): string | undefined {
  return dialogue.parties.find((p) => change.after.owners[p.code] !== change.before?.owners[p.code])?.code;
}

function changeReply(ctx: CommandContext, dialogue: Dialogue, change: CommitmentChange, action: string): Reply {
  const userId = ctx.request.userId;
  const side = action === 'assign' ? changedSide(dialogue, change) : undefined;
  return {
    ...changeMessage(dialogue, change, action, ctx.lang, userId, side),
    actions: undoAction(ctx, dialogue.id, change.changeId),
    announcement: changeMessage(dialogue, change, action, ctx.services.users.defaultLang, userId, side),
  };
}

/** What every change of a commitment asks of the service: confirmed or not, and its announcement. */
function changeRequest(ctx: CommandContext, dialogue: Dialogue, action: string) {
  const userId = ctx.request.userId;
  return {
    confirmed: ctx.confirmed,
    announce: ctx.announcer<CommitmentChange>(dialogue, (change, lang) =>
      changeMessage(
        dialogue,
        change,
        action,
        lang,
        userId,
        action === 'assign' ? changedSide(dialogue, change) : undefined,
      ),
    ),
  };
}

/** `mx|uk` for Mexico–UK, `jp|cn` for Japan–China: the words each dialogue's sides answer to. */
async function sidesOf(ctx: CommandContext): Promise<string> {
  try {
    return sideWords(await ctx.dialogue()).join('|');
  } catch {
    return '<side>';
  }
}

function requireId(ctx: CommandContext, usage: string): string {
  const id = ctx.args.words[0];
  if (!id) throw new UsageError(usage);
  return normaliseCommitmentId(id);
}

export const commitmentVerbs: VerbTable = {
  undo: undoVerb('/commitments', 'commitment'),
  help: async (ctx) => {
    const h = ctx.t.help.commitments;
    const sides = await sidesOf(ctx);
    const lines = h.lines.map((line) =>
      /^\/commitments (?:\S+\|)?assign /.test(line) ? ctx.t.changes.usage.assignHelp(sides) : line,
    );
    return {
      kind: 'answer',
      summary: h.header,
      blocks: [
        { type: 'header', text: h.header },
        { type: 'list', items: lines },
        { type: 'context', text: ctx.t.help.footer },
      ],
    };
  },
  async list(ctx) {
    const { t, args } = ctx;
    const dialogue = await ctx.dialogue();
    const themes = await ctx.services.commitments.themes(dialogue.id);
    const { words, page } = takePage(args.words, ctx.lang);
    const word = words[0];
    if (words.length > 1) throw new UsageError(t.usage.commitments.list);
    let filter: CommitmentFilter;
    let label: string;
    // Filters and themes typed in either language: `abiertos`, `igualdad-de-género`, `gender-equality`.
    const kind = word ? parseListFilter(word) : 'all';
    const theme = word && !kind ? parseTheme(word, themes) : null;
    if (kind) [filter, label] = [{ kind }, t.commitments.filter[kind]];
    else if (theme)
      [filter, label] = [{ kind: 'theme', theme }, t.commitments.filter.theme(themeName(theme, ctx.lang))];
    else {
      const user = word ? parseUserRef(word) : null;
      if (!user || !word) {
        const names = themes.map((th) => themeName(th, ctx.lang)).join(', ');
        throw new UsageError(`${t.usage.badFilter(word ?? '', names)}\n${t.usage.commitments.list}`);
      }
      [filter, label] = [{ kind: 'owner', userId: user }, t.commitments.filter.owner(user)];
    }
    const list = await ctx.services.commitments.list(dialogue.id, filter);
    return commitmentListReply(list, label, ctx.lang, themes, {
      page,
      base: ['list', word].filter(Boolean).join(' '),
      requestText: ctx.request.text,
    });
  },
  async show(ctx) {
    const id = requireId(ctx, ctx.t.usage.commitments.show);
    if (ctx.args.words.length > 1) throw new UsageError(ctx.t.usage.commitments.show);
    const dialogue = await ctx.dialogue();
    return commitmentDetailReply(dialogue, await ctx.services.commitments.detail(dialogue.id, id), ctx.lang);
  },
  async update(ctx) {
    const { t, args } = ctx;
    const usage = t.usage.commitments.update;
    const id = requireId(ctx, usage);
    const typed = args.words[1];
    if (!typed) throw new UsageError(usage);
    const status = parseCommitmentStatus(typed);
    if (!status) throw new UsageError(`${t.usage.badStatus(typed)}\n${usage}`);
    const note = limitText(args.rest(2), t.usage.tooLong) || null;
    const dialogue = await ctx.dialogue();
    const change = await ctx.services.commitments.updateStatus(
      dialogue.id,
      ctx.request.userId,
      id,
      status,
      note,
      ctx.request.now,
      changeRequest(ctx, dialogue, 'status'),
    );
    return changeReply(ctx, dialogue, change, 'status');
  },
  async assign(ctx) {
    const { t, args } = ctx;
    const usage = t.changes.usage.assign(await sidesOf(ctx));
    const id = requireId(ctx, usage);
    const userWord = args.words[1];
    if (!userWord) throw new UsageError(usage);
    const user = parseUserRef(userWord);
    if (!user) throw new UsageError(`${t.usage.badUser(userWord)}\n${usage}`);
    const dialogue = await ctx.dialogue();
    const change = await ctx.services.commitments.assign(
      dialogue.id,
      ctx.request.userId,
      id,
      user,
      // A side of several words may be typed as such: `reino unido`.
      args.rest(2) || null,
      ctx.request.now,
      changeRequest(ctx, dialogue, 'assign'),
    );
    return changeReply(ctx, dialogue, change, 'assign');
  },
  async due(ctx) {
    const { t, args } = ctx;
    const usage = t.usage.commitments.due;
    const id = requireId(ctx, usage);
    const date = requireDate(args.words[1], usage, t.usage.badDate);
    if (args.words.length > 2) throw new UsageError(usage);
    const dialogue = await ctx.dialogue();
    const change = await ctx.services.commitments.setDue(
      dialogue.id,
      ctx.request.userId,
      id,
      date,
      ctx.request.now,
      changeRequest(ctx, dialogue, 'due'),
    );
    return changeReply(ctx, dialogue, change, 'due');
  },
  async note(ctx) {
    const { t, args } = ctx;
    const usage = t.usage.commitments.note;
    const id = requireId(ctx, usage);
    const text = limitText(args.rest(1), t.usage.tooLong);
    if (!text) throw new UsageError(usage);
    const dialogue = await ctx.dialogue();
    const change = await ctx.services.commitments.note(
      dialogue.id,
      ctx.request.userId,
      id,
      text,
      ctx.request.now,
      changeRequest(ctx, dialogue, 'note'),
    );
    return changeReply(ctx, dialogue, change, 'note');
  },
  async add(ctx) {
    const text = limitText(ctx.args.rest(0), ctx.t.usage.tooLong);
    if (!text) throw new UsageError(ctx.t.usage.commitments.add);
    const dialogue = await ctx.dialogue();
    const change = await ctx.services.commitments.add(
      dialogue.id,
      ctx.request.userId,
      text,
      ctx.request.now,
      changeRequest(ctx, dialogue, 'added'),
    );
    return changeReply(ctx, dialogue, change, 'added');
  },
  async history(ctx) {
    const id = requireId(ctx, ctx.t.usage.commitments.history);
    const { words, page } = takePage(ctx.args.words, ctx.lang);
    if (words.length > 1) throw new UsageError(ctx.t.usage.commitments.history);
    const dialogue = await ctx.dialogue();
    const events = await ctx.services.commitments.history(dialogue.id, id);
    checkPage(page, Math.max(1, Math.ceil(events.length / PAGE_SIZES.history)), ctx.lang);
    const p = pageOf(events, page, PAGE_SIZES.history);
    const pages = pager(p, '/commitments', `history ${id}`, ctx.request.text, ctx.lang);
    const header = ctx.t.history.header(id);
    return {
      kind: 'answer',
      summary: header,
      blocks: [
        { type: 'header', text: header },
        events.length > 0
          ? { type: 'list', items: p.items.map((e) => historyLine(e, ctx.lang, dialogue)) }
          : { type: 'text', text: ctx.t.history.none },
        ...pages.blocks,
      ],
      actions: pages.actions,
    };
  },
};
