import { exportReply } from '../../presentation/export.js';
import type { VerbTable } from '../context.js';
import { UsageError } from '../parse.js';

/**
 * `/dialogue export [csv|md]`: the dialogue's commitments, rounds and history
 * as files for the asker (Slack sends them as a direct-message file). csv:
 * three spreadsheets, with a byte-order mark so Excel reads accents right;
 * md: one Markdown file. Reading only: anyone may export.
 */
export const exportVerbs: VerbTable = {
  async export(ctx) {
    const words = ctx.args.words.map((w) => w.toLowerCase());
    const format = words[0] ?? 'csv';
    if (words.length > 1 || (format !== 'csv' && format !== 'md')) throw new UsageError(ctx.t.export.slack.usage);
    const dialogue = await ctx.dialogue();
    const data = await ctx.services.exports.collect(dialogue.id, 'all');
    return exportReply(dialogue, data, format, ctx.lang);
  },
};
