import type { Reply } from '../../presentation/reply.js';
import { undoMessage } from '../../presentation/undo.js';
import type { UndoResult, UndoScope } from '../../services/undo.service.js';
import type { CommandContext, CommandName, Handler } from '../context.js';
import { UsageError } from '../parse.js';
import { undoFeedStop } from './subscriptions.js';

/**
 * `/dialogue undo` and `/commitments undo`: reverses the caller's last change
 * (to the cycle, or to a commitment); `undo #N` (the Undo button) names one,
 * also a stop of the caller's calendar feeds (`unsubscribe undo #N`).
 */
export function undoVerb(command: CommandName, scope: UndoScope): Handler {
  return async (ctx: CommandContext): Promise<Reply> => {
    const usage = ctx.t.changes.usage.undo(command);
    const words = ctx.args.words;
    if (words.length > 1) throw new UsageError(usage);
    let target: number | null = null;
    if (words[0] !== undefined) {
      const m = /^#?(\d{1,12})$/.exec(words[0]);
      if (!m) throw new UsageError(usage);
      target = Number(m[1]);
    }
    // A change to one's calendar feeds is no dialogue's (kept under `*`): undone as `unsubscribe undo #N` does.
    if (target !== null && (await ctx.services.feeds.isFeedChange(target))) return undoFeedStop(ctx, target);
    const dialogue = await ctx.dialogue();
    const userId = ctx.request.userId;
    const result = await ctx.services.undo.undo(
      dialogue.id,
      userId,
      target === null ? scope : null,
      target,
      ctx.request.now,
      {
        announce: ctx.announcer<UndoResult>(dialogue, (r, lang) => undoMessage(r, lang, userId)),
      },
    );
    return {
      ...undoMessage(result, ctx.lang, userId),
      announcement: undoMessage(result, ctx.services.users.defaultLang, userId),
    };
  };
}
