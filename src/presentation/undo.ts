import { isCommitmentStatus } from '../domain/commitments.js';
import { isRoundState } from '../domain/cycle.js';
import type { Lang } from '../domain/types.js';
import { partyByCode } from '../domain/types.js';
import { formatDate, messages } from '../i18n/index.js';
import type { UndoResult } from '../services/undo.service.js';
import type { Block, Inline, Reply } from './reply.js';

/** A field put back, in words: `status: done → not started`, `owner (Mexico): <@U1> → —`. */
function restoredLine(result: UndoResult, r: UndoResult['restored'][number], lang: Lang): Inline[] {
  const t = messages(lang);
  const show = (v: string | null): Inline => {
    if (v === null) return '—';
    if (r.field === 'status' && isCommitmentStatus(v)) return t.status[v];
    if (r.field === 'state' && isRoundState(v)) return t.state[v];
    if ((r.field === 'due_date' || r.field === 'date') && /^\d{4}-\d{2}-\d{2}$/.test(v)) return formatDate(v, lang);
    if (r.field.startsWith('owner:')) return { user: v };
    return v;
  };
  let label: string = r.field;
  if (r.field.startsWith('owner:')) {
    const party = partyByCode(result.dialogue, r.field.slice(6));
    label = t.history.fields.owner(party ? party.name[lang] : r.field.slice(6));
  } else if (r.field === 'status') label = t.history.fields.status;
  else if (r.field === 'due_date') label = t.history.fields.due_date;
  return t.history.change(label, show(r.from), show(r.to));
}

/** What an undo did, in one language. */
export function undoMessage(result: UndoResult, lang: Lang, userId: string): Reply {
  const t = messages(lang);
  const u = t.changes.undo;
  const { undone } = result;
  const head = u.done(undone.id);
  const lines: string[] = [];
  if (undone.entity === 'page') {
    const p = t.page.command;
    const what = undone.entityId.startsWith('viewer:') ? p.viewerLink(undone.entityId.slice(7)) : p.privateLink;
    lines.push(p.undone(what));
  } else if (result.kind === 'withdrawn') lines.push(u.noteWithdrawn(undone.entityId));
  else if (result.kind === 'removed' && undone.entity === 'commitment') lines.push(u.removed(undone.entityId));
  else {
    const subject =
      undone.entity === 'round'
        ? u.roundBack(t.round(result.round?.number ?? Number(undone.entityId)))
        : u.what(undone.entityId);
    lines.push(subject);
  }
  const items = result.restored.filter((r) => r.field !== 'reason').map((r) => restoredLine(result, r, lang));
  const blocks: Block[] = [
    { type: 'text', text: head },
    ...lines.map((text): Block => ({ type: 'text', text })),
    ...(items.length > 0 ? [{ type: 'list', items } as Block] : []),
    { type: 'context', text: [t.change.by, { user: userId }] },
  ];
  return { kind: 'change', summary: `${head} ${lines.join(' ')}`.trim(), blocks };
}
