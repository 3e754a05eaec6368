import { typedKey } from '../../i18n/typed.js';
import type { ReplyFile } from '../../presentation/reply.js';
import type { ExportTable } from '../../services/export.service.js';
import type { VerbTable } from '../context.js';
import { UsageError } from '../parse.js';

const TABLES: readonly ExportTable[] = ['commitments', 'rounds', 'history'];

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
    // csv-stringify loads on the first export, not with every command.
    const { toCsv, toMarkdown } = await import('../../export/formats.js');
    const t = ctx.t.export;
    const name = dialogue.name[ctx.lang];
    const files: ReplyFile[] =
      format === 'csv'
        ? TABLES.map((table) => ({
            // Named in the reader's language: `mexico-uk-compromisos.csv` for a Spanish reader.
            filename: `${dialogue.id}-${typedKey(t.md[table])}.csv`,
            title: t.slack.fileTitle(t.md[table], name),
            content: toCsv(data, table, { bom: true }),
          }))
        : [
            {
              filename: `${dialogue.id}-export.md`,
              title: t.md.title(name),
              content: toMarkdown(data, ctx.lang),
            },
          ];
    const text = t.slack.ready(files.map((f) => f.filename).join(', '));
    return { kind: 'answer', summary: text, blocks: [{ type: 'text', text }], files };
  },
};
