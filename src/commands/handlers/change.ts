import type { Dialogue, Lang } from '../../domain/types.js';
import { undoAction } from '../../presentation/cycle.js';
import type { Reply } from '../../presentation/reply.js';
import type { ChangeRequest } from '../../services/cycle.service.js';
import type { CommandContext } from '../context.js';

/**
 * Runs one change as the caller (`run` calls the service, confirmed or not,
 * with its announcement) and answers it: `word` says the change in a language,
 * for the caller with an Undo button (its author, 24 hours), and for the
 * channel in the dialogue's default language.
 */
export async function changeAndAnswer<C extends { readonly changeId: number | null }>(
  ctx: CommandContext,
  word: (change: C, lang: Lang, dialogue: Dialogue) => Reply,
  run: (dialogueId: string, request: ChangeRequest<C>) => Promise<C>,
): Promise<Reply> {
  const dialogue = await ctx.dialogue();
  const change = await run(dialogue.id, {
    confirmed: ctx.confirmed,
    announce: ctx.announcer<C>(dialogue, (c, lang) => word(c, lang, dialogue)),
  });
  return {
    ...word(change, ctx.lang, dialogue),
    actions: undoAction(dialogue.id, change.changeId, ctx.lang),
    announcement: word(change, ctx.services.users.defaultLang, dialogue),
  };
}
