import { briefReply } from '../../presentation/brief.js';
import { PAGE_SIZES } from '../../presentation/paging.js';
import type { VerbTable } from '../context.js';
import { checkPageOf, takePage } from '../page-words.js';
import { extractDialogueFlag, UsageError } from '../parse.js';

/** `/dialogue brief`: the pre-dialogue brief. */
export const briefVerbs: VerbTable = {
  async brief(ctx) {
    const { words, page } = takePage(ctx.args.words, ctx.lang);
    if (words.length > 0) throw new UsageError(ctx.t.slack.brief.usage);
    const dialogue = await ctx.dialogue();
    const brief = await ctx.services.briefs.brief(dialogue.id, ctx.request.now);
    checkPageOf(page, brief.items.length, PAGE_SIZES.brief, ctx.lang);
    return briefReply(brief, ctx.lang, { page, dialogue: extractDialogueFlag(ctx.request.text).dialogue });
  },
};
