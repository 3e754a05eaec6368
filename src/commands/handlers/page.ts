import { typedKey } from '../../i18n/typed.js';
import {
  noSuchLabelReply,
  privatePageReply,
  revokedPageReply,
  viewerLinksReply,
  viewerPageReply,
} from '../../presentation/page-links.js';
import type { Reply } from '../../presentation/reply.js';
import { normaliseLabel } from '../../services/page.service.js';
import type { CommandContext, VerbTable } from '../context.js';
import { extractDialogueFlag, UsageError } from '../parse.js';

/** The words after `page`, in Spanish too (accents and case optional). */
const SUB_VERBS: Readonly<Record<string, string>> = {
  compartir: 'share',
  enlaces: 'links',
  direcciones: 'links',
  revocar: 'revoke',
  restablecer: 'reset',
};

function label(ctx: CommandContext, word: string | undefined): string {
  const t = ctx.t.page.command;
  if (word === undefined) throw new UsageError(t.usage);
  const l = normaliseLabel(word);
  if (!l) throw new UsageError(`${t.badLabel}\n${t.usage}`);
  return l;
}

/**
 * `/dialogue page` — your private link to the dialogue's web page (the same
 * one every time); `page reset` (asks first) a new one. Editors: `page share
 * <label> [--with-notes]` a viewer link for people outside Slack, `page links`
 * the live ones, `page revoke <label>` (asks first). Every change is audited
 * and has an Undo button.
 */
async function page(ctx: CommandContext): Promise<Reply> {
  const t = ctx.t.page.command;
  const words = ctx.args.words;
  const typed = words[0] === undefined ? undefined : typedKey(words[0]);
  const sub = typed === undefined ? undefined : (SUB_VERBS[typed] ?? typed);
  const dialogue = await ctx.dialogue();
  const name = dialogue.name[ctx.lang];
  const named = extractDialogueFlag(ctx.request.text).dialogue !== null;
  const { userId, now } = ctx.request;
  const pages = ctx.services.pages;
  if (sub === undefined)
    return privatePageReply(await pages.privateLink(dialogue.id, userId, now), name, ctx.lang, named);
  if (sub === 'reset') {
    if (words.length > 1) throw new UsageError(t.usage);
    const link = await pages.resetPrivate(dialogue.id, userId, ctx.confirmed, now);
    return privatePageReply(link, name, ctx.lang, named);
  }
  if (sub === 'share') {
    const rest = words.slice(1);
    const withNotes = rest.some((w) => w.toLowerCase() === '--with-notes');
    const others = rest.filter((w) => w.toLowerCase() !== '--with-notes');
    if (others.length !== 1) throw new UsageError(t.usage);
    const link = await pages.share(dialogue.id, userId, label(ctx, others[0]), withNotes, now);
    return viewerPageReply(link, name, ctx.lang, named);
  }
  if (sub === 'revoke') {
    if (words.length !== 2) throw new UsageError(t.usage);
    const l = label(ctx, words[1]);
    const done = await pages.revoke(dialogue.id, userId, l, ctx.confirmed, now);
    if (!done) return noSuchLabelReply(l, dialogue.id, ctx.lang, named);
    return revokedPageReply(l, dialogue.id, done.changeId, userId, ctx.lang);
  }
  if (sub === 'links') {
    if (words.length > 1) throw new UsageError(t.usage);
    const links = await pages.viewerLinks(dialogue.id, userId);
    return viewerLinksReply(links, dialogue.id, name, ctx.lang, named);
  }
  throw new UsageError(t.usage);
}

export const pageVerbs: VerbTable = { page };
