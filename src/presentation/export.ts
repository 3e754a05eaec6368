import type { Dialogue, Lang } from '../domain/types.js';
import { messages } from '../i18n/index.js';
import { typedKey } from '../i18n/typed.js';
import type { ExportData, ExportTable } from '../services/export.service.js';
import { type Reply, type ReplyFile, textReply } from './reply.js';

/** The chat export's formats: csv (three spreadsheets) or md (one Markdown file). */
export type ChatExportFormat = 'csv' | 'md';

const TABLES: readonly ExportTable[] = ['commitments', 'rounds', 'history'];

/**
 * The answer to `/dialogue export [csv|md]`: the dialogue's commitments,
 * rounds and history as files for the asker, named in their language. csv:
 * three spreadsheets, with a byte-order mark so Excel reads accents right;
 * md: one Markdown file.
 */
export async function exportReply(
  dialogue: Dialogue,
  data: ExportData,
  format: ChatExportFormat,
  lang: Lang,
): Promise<Reply> {
  // csv-stringify loads on the first export, not with every command.
  const { toCsv, toMarkdown } = await import('../export/formats.js');
  const t = messages(lang).export;
  const name = dialogue.name[lang];
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
            content: toMarkdown(data, lang),
          },
        ];
  return { ...textReply('answer', t.slack.ready(files.map((f) => f.filename).join(', '))), files };
}
