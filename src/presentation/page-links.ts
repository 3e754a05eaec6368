import type { Lang } from '../domain/types.js';
import { formatDate, messages } from '../i18n/index.js';
import type { PageLink, ViewerLinkInfo } from '../services/page.service.js';
import { undoAction } from './cycle.js';
import { type Block, type Reply, textReply } from './reply.js';

/** `/dialogue <verb>`, with `--dialogue <id>` when the user named one (so the hint works as typed). */
export function pageCommand(verb: string, dialogueId: string, named: boolean): string {
  return `/dialogue ${verb}${named ? ` --dialogue ${dialogueId}` : ''}`;
}

/** The answer to `/dialogue page` (and `page reset`): the asker's private address. Front ends show it to them only. */
export function privatePageReply(link: PageLink, dialogueName: string, lang: Lang, named: boolean): Reply {
  const t = messages(lang).page.command;
  const first = {
    reset: t.reset,
    existing: t.existing,
    created: t.created,
    'nothing-to-reset': t.nothingToReset,
  }[link.outcome];
  const blocks: Block[] = [
    { type: 'header', text: t.header },
    { type: 'text', text: `${t.private(dialogueName)} ${first}` },
    { type: 'text', text: [{ link: link.url }] },
    { type: 'context', text: t.resetHint(pageCommand('page reset', link.dialogueId, named)) },
    { type: 'context', text: t.shareHint(pageCommand('page share <label>', link.dialogueId, named)) },
  ];
  return {
    // A recorded change (it has an Undo), else an answer: a first address is made as `/dialogue page` makes it.
    kind: link.changeId !== null ? 'change' : 'answer',
    summary: `${t.header} — ${first}`,
    blocks,
    actions: undoAction(link.dialogueId, link.changeId, lang),
  };
}

/** The answer to `/dialogue page share <label>`: the viewer address, what it hides, and how to stop it. */
export function viewerPageReply(link: PageLink, dialogueName: string, lang: Lang, named: boolean): Reply {
  const t = messages(lang).page.command;
  const label = link.label ?? '';
  const first = link.outcome === 'existing' ? t.viewerExisting(label) : t.viewerCreated(label, dialogueName);
  return {
    kind: link.outcome === 'existing' ? 'answer' : 'change',
    summary: first,
    blocks: [
      { type: 'header', text: t.viewerHeader(label) },
      { type: 'text', text: first },
      { type: 'text', text: [{ link: link.url }] },
      { type: 'context', text: t.viewerNotes(link.withNotes) },
      { type: 'context', text: t.revokeHint(pageCommand(`page revoke ${label}`, link.dialogueId, named)) },
    ],
    actions: undoAction(link.dialogueId, link.changeId, lang),
  };
}

/** The answer to `/dialogue page revoke <label>` once done. */
export function revokedPageReply(
  label: string,
  dialogueId: string,
  changeId: number | null,
  userId: string,
  lang: Lang,
): Reply {
  const m = messages(lang);
  const text = m.page.command.revoked(label);
  return {
    kind: 'change',
    summary: text,
    blocks: [
      { type: 'text', text },
      { type: 'context', text: [m.change.by, { user: userId }] },
    ],
    actions: undoAction(dialogueId, changeId, lang),
  };
}

/** The answer to `/dialogue page revoke <label>` when the dialogue has no live viewer link by that label. */
export function noSuchLabelReply(label: string, dialogueId: string, lang: Lang, named: boolean): Reply {
  return textReply(
    'error',
    messages(lang).page.command.noSuchLabel(label, pageCommand('page links', dialogueId, named)),
  );
}

/** The answer to `/dialogue page links`: labels, who made each and when — never the addresses. */
export function viewerLinksReply(
  links: readonly ViewerLinkInfo[],
  dialogueId: string,
  dialogueName: string,
  lang: Lang,
  named: boolean,
): Reply {
  const t = messages(lang).page.command;
  const header = t.linksHeader(dialogueName);
  if (links.length === 0) {
    const text = t.linksNone(pageCommand('page share <label>', dialogueId, named));
    return {
      kind: 'answer',
      summary: text,
      blocks: [
        { type: 'header', text: header },
        { type: 'text', text },
      ],
    };
  }
  return {
    kind: 'answer',
    summary: `${header} (${links.length})`,
    blocks: [
      { type: 'header', text: `${header} (${links.length})` },
      {
        type: 'list',
        items: links.map((l) => {
          const [before, after] = t
            .linkLine(l.label, '\u0000', formatDate(l.createdAt.slice(0, 10), lang), l.withNotes)
            .split('\u0000');
          return [before ?? '', { user: l.createdBy }, after ?? ''];
        }),
      },
      {
        type: 'context',
        text: t.linksFooter(
          pageCommand('page share <label>', dialogueId, named),
          pageCommand('page revoke <label>', dialogueId, named),
        ),
      },
    ],
  };
}
