import { DateTime } from 'luxon';
import {
  type Commitment,
  type CommitmentFilter,
  isCommitmentStatus,
  normaliseCommitmentId,
  parseCommitmentStatus,
} from '../domain/commitments.js';
import type { Dialogue, Lang } from '../domain/types.js';
import { capitalise, formatDate, formatDateTime, messages } from '../i18n/index.js';
import type { Inline, Reply, Rich } from '../presentation/reply.js';
import type { CommitmentChange, CommitmentDetail } from '../services/commitments.service.js';
import type { AuditEvent } from '../services/mappers.js';
import type { CommandContext, VerbTable } from './context.js';
import { limitText, parseUserRef, requireDate, UsageError } from './parse.js';

export function commitmentTitle(c: Commitment, lang: Lang): string {
  return c.summary?.[lang] ?? c.text;
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

export function commitmentListReply(list: Commitment[], filterLabel: string, lang: Lang, themes: string[]): Reply {
  const t = messages(lang);
  const header = t.commitments.header(list.length, filterLabel);
  const items = list.map((c) => t.commitments.line(c.id, c.paragraph, t.status[c.status], commitmentTitle(c, lang)));
  return {
    kind: 'answer',
    summary: header,
    blocks: [
      { type: 'header', text: header },
      list.length > 0 ? { type: 'list', items } : { type: 'text', text: t.commitments.none },
      { type: 'context', text: t.commitments.themes(themes.join(', ')) },
    ],
    actions: list
      .filter((c) => c.status !== 'done' && c.status !== 'dropped')
      .map((c) => ({ id: 'commitment.update', label: c.id, value: c.id })),
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
    [L.theme, c.theme],
    [L.owners, ownersRich(dialogue, c, lang)],
    [L.due, c.dueDate ? formatDate(c.dueDate, lang) : t.commitments.noDue],
  ];
  if (c.edition && dialogue.source)
    fields.push([L.source, [{ link: dialogue.source.url, label: dialogue.source.title }]]);
  const noteItems: Rich[] = notes.map((n) => [
    `${formatDate(n.at.slice(0, 10), lang)} `,
    { user: n.actor },
    `: ${n.note ?? ''}`,
  ]);
  return {
    kind: 'answer',
    summary: header,
    blocks: [
      { type: 'header', text: header },
      { type: 'text', text: [{ bold: `${L.text}: ` }, `“${c.text}”`] },
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
export function fieldChangeText(e: AuditEvent, lang: Lang): string | null {
  if (!e.field) return null;
  const t = messages(lang);
  const owner = e.field.startsWith('owner:');
  const label = owner
    ? t.history.fields.owner(e.field.slice(6))
    : e.field === 'status'
      ? t.history.fields.status
      : e.field === 'due_date'
        ? t.history.fields.due_date
        : e.field;
  const show = (v: string | null) =>
    v === null ? '—' : e.field === 'status' && isCommitmentStatus(v) ? t.status[v] : owner ? `@${v}` : v;
  return t.history.change(label, show(e.from), show(e.to));
}

function historyLine(e: AuditEvent, lang: Lang, zone: string): Rich {
  const t = messages(lang);
  const when = formatDateTime(DateTime.fromISO(e.at), zone, lang);
  let what: string;
  if (e.action === 'seeded') what = t.history.seeded;
  else if (e.action === 'created') what = `${t.history.created}: “${e.to ?? ''}”`;
  else what = fieldChangeText(e, lang) ?? '';
  const note = e.note && e.action !== 'created' ? t.history.note(e.note) : '';
  return [
    `${when} · `,
    e.actor === 'config' ? 'config' : { user: e.actor },
    ` · ${[what, note].filter(Boolean).join(' · ')}`,
  ];
}

function changeReply(ctx: CommandContext, change: CommitmentChange, action: string, side?: string): Reply {
  const render = (lang: Lang): Reply => {
    const t = messages(lang);
    const { before, after } = change;
    const parts: Inline[] = [];
    switch (action) {
      case 'status':
        parts.push(t.change.status(after.id, t.status[before!.status], t.status[after.status]));
        break;
      case 'assign':
        parts.push(t.change.assigned(after.id, side ?? ''), { user: after.owners[side ?? ''] ?? '' }, '.');
        break;
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
        { type: 'context', text: [t.change.by, { user: ctx.request.userId }] },
      ],
    };
  };
  return { ...render(ctx.lang), announcement: render(ctx.services.users.defaultLang) };
}

function requireId(ctx: CommandContext, usage: string): string {
  const id = ctx.args.words[0];
  if (!id) throw new UsageError(usage);
  return normaliseCommitmentId(id);
}

export const commitmentVerbs: VerbTable = {
  help: async (ctx) => {
    const h = ctx.t.help.commitments;
    return {
      kind: 'answer',
      summary: h.header,
      blocks: [
        { type: 'header', text: h.header },
        { type: 'list', items: h.lines },
        { type: 'context', text: ctx.t.help.footer },
      ],
    };
  },
  async list(ctx) {
    const { t, args } = ctx;
    const dialogue = await ctx.dialogue();
    const themes = await ctx.services.commitments.themes(dialogue.id);
    const word = args.words[0];
    if (args.words.length > 1) throw new UsageError(t.usage.commitments.list);
    let filter: CommitmentFilter;
    let label: string;
    if (!word || word.toLowerCase() === 'all') [filter, label] = [{ kind: 'all' }, t.commitments.filter.all];
    else if (word.toLowerCase() === 'open') [filter, label] = [{ kind: 'open' }, t.commitments.filter.open];
    else if (word.toLowerCase() === 'done') [filter, label] = [{ kind: 'done' }, t.commitments.filter.done];
    else if (themes.includes(word.toLowerCase()))
      [filter, label] = [{ kind: 'theme', theme: word.toLowerCase() }, t.commitments.filter.theme(word.toLowerCase())];
    else {
      const user = parseUserRef(word);
      if (!user) throw new UsageError(`${t.usage.badFilter(word, themes.join(', '))}\n${t.usage.commitments.list}`);
      [filter, label] = [{ kind: 'owner', userId: user }, t.commitments.filter.owner(user)];
    }
    const list = await ctx.services.commitments.list(dialogue.id, filter);
    return commitmentListReply(list, label, ctx.lang, themes);
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
    );
    return changeReply(ctx, change, 'status');
  },
  async assign(ctx) {
    const { t, args } = ctx;
    const usage = t.usage.commitments.assign;
    const id = requireId(ctx, usage);
    const userWord = args.words[1];
    if (!userWord || args.words.length > 3) throw new UsageError(usage);
    const user = parseUserRef(userWord);
    if (!user) throw new UsageError(`${t.usage.badUser(userWord)}\n${usage}`);
    const dialogue = await ctx.dialogue();
    const change = await ctx.services.commitments.assign(
      dialogue.id,
      ctx.request.userId,
      id,
      user,
      args.words[2] ?? null,
      ctx.request.now,
    );
    const side = dialogue.parties.find((p) => change.after.owners[p.code] !== change.before?.owners[p.code])?.code;
    return changeReply(ctx, change, 'assign', side);
  },
  async due(ctx) {
    const { t, args } = ctx;
    const usage = t.usage.commitments.due;
    const id = requireId(ctx, usage);
    const date = requireDate(args.words[1], usage, t.usage.badDate);
    if (args.words.length > 2) throw new UsageError(usage);
    const dialogue = await ctx.dialogue();
    const change = await ctx.services.commitments.setDue(dialogue.id, ctx.request.userId, id, date, ctx.request.now);
    return changeReply(ctx, change, 'due');
  },
  async note(ctx) {
    const { t, args } = ctx;
    const usage = t.usage.commitments.note;
    const id = requireId(ctx, usage);
    const text = limitText(args.rest(1), t.usage.tooLong);
    if (!text) throw new UsageError(usage);
    const dialogue = await ctx.dialogue();
    const change = await ctx.services.commitments.note(dialogue.id, ctx.request.userId, id, text, ctx.request.now);
    return changeReply(ctx, change, 'note');
  },
  async add(ctx) {
    const text = limitText(ctx.args.rest(0), ctx.t.usage.tooLong);
    if (!text) throw new UsageError(ctx.t.usage.commitments.add);
    const dialogue = await ctx.dialogue();
    const change = await ctx.services.commitments.add(dialogue.id, ctx.request.userId, text, ctx.request.now);
    return changeReply(ctx, change, 'added');
  },
  async history(ctx) {
    const id = requireId(ctx, ctx.t.usage.commitments.history);
    if (ctx.args.words.length > 1) throw new UsageError(ctx.t.usage.commitments.history);
    const dialogue = await ctx.dialogue();
    const events = await ctx.services.commitments.history(dialogue.id, id);
    const header = ctx.t.history.header(id);
    return {
      kind: 'answer',
      summary: header,
      blocks: [
        { type: 'header', text: header },
        events.length > 0
          ? { type: 'list', items: events.map((e) => historyLine(e, ctx.lang, dialogue.timezone)) }
          : { type: 'text', text: ctx.t.history.none },
      ],
    };
  },
};
