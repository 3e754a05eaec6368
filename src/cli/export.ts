import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Core } from '../core.js';
import { isDomainError } from '../domain/errors.js';
import type { Lang } from '../domain/types.js';
import { BRIEF_FORMATS, briefPackDocx, briefPackMarkdown, buildBriefPack } from '../export/brief-pack.js';
import { EXPORT_FORMATS, isExportFormat, toCsv, toJson, toMarkdown } from '../export/formats.js';
import { errorText } from '../presentation/errors.js';
import { EXPORT_WHATS, type ExportTable, isExportWhat } from '../services/export.service.js';
import { CliUsage, type CliVerb, EXIT, parseInstant, withCore } from './shared.js';

const EXPORT_USAGE = `Usage: dialogue-bot export [--dialogue id] --what ${EXPORT_WHATS.join('|')} --format ${EXPORT_FORMATS.join('|')} [--out FILE] [--bom] [--lang en|es]
  csv   RFC 4180, one table per file; --what all writes commitments.csv, rounds.csv and history.csv into the folder --out names
  json  one document (schema: docs/export.md)
  md    Markdown tables (headings in --lang)
  --bom starts CSV with a UTF-8 byte-order mark, so Excel shows accents right`;

const BRIEF_USAGE = `Usage: dialogue-bot brief [--dialogue id] --format ${BRIEF_FORMATS.join('|')} [--lang en|es] [--out FILE] [--at ISO]
  docx  a Word document (written to --out, or brief-<dialogue>-round-<n>.docx here)
  md    Markdown (to --out, or stdout)`;

function parseLang(value: string | undefined): Lang {
  if (value === undefined || value === 'en') return 'en';
  if (value === 'es') return 'es';
  throw new CliUsage(`--lang: use en or es, not "${value}"`);
}

/** A dialogue the store does not have, or a choice to make: said as the router says it, exit 2. */
async function usageOnDomainError<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isDomainError(error)) throw new CliUsage(errorText(error, 'en'));
    throw error;
  }
}

async function checkDialogue(core: Core, id: string | undefined): Promise<string | null> {
  if (id === undefined) return null;
  const all = (await core.services.dialogues.list()).map((d) => d.id);
  if (!all.includes(id)) throw new CliUsage(`--dialogue: no dialogue "${id}" (have: ${all.join(', ')})`);
  return id;
}

export const exportCliVerbs: Record<string, CliVerb> = {
  async export(args, io) {
    const { values } = parseArgs({
      args,
      options: {
        dialogue: { type: 'string' },
        what: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
        bom: { type: 'boolean', default: false },
        lang: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    if (values.help) {
      io.stdout.write(`${EXPORT_USAGE}\n`);
      return EXIT.ok;
    }
    const { what, format } = values;
    if (!what || !isExportWhat(what))
      throw new CliUsage(
        `${what ? `--what: "${what}" is not one of` : '--what is required:'} ${EXPORT_WHATS.join(', ')}\n\n${EXPORT_USAGE}`,
      );
    if (!format || !isExportFormat(format))
      throw new CliUsage(
        `${format ? `--format: "${format}" is not one of` : '--format is required:'} ${EXPORT_FORMATS.join(', ')}\n\n${EXPORT_USAGE}`,
      );
    if (format === 'csv' && what === 'all' && !values.out)
      throw new CliUsage('--what all --format csv writes three files: name a folder with --out');
    if (values.bom && format !== 'csv') throw new CliUsage('--bom applies to --format csv only');
    const lang = parseLang(values.lang);
    return withCore(io, new Date(), async (core) => {
      const dialogue = await checkDialogue(core, values.dialogue);
      const data = await usageOnDomainError(() => core.services.exports.collect(dialogue, what));
      const counts = (['commitments', 'rounds', 'history'] as const)
        .filter((t) => data[t] !== undefined)
        .map((t) => `${data[t]!.length} ${t === 'history' ? 'changes' : t}`)
        .join(', ');
      if (format === 'csv' && what === 'all') {
        const dir = resolve(io.cwd, values.out!);
        mkdirSync(dir, { recursive: true });
        const files = (['commitments', 'rounds', 'history'] as const satisfies readonly ExportTable[]).map((t) => {
          const file = join(dir, `${t}.csv`);
          writeFileSync(file, toCsv(data, t, { bom: values.bom }));
          return file;
        });
        io.stdout.write(`exported ${counts} to ${files.join(', ')}\n`);
        return EXIT.ok;
      }
      const text =
        format === 'csv'
          ? toCsv(data, what as ExportTable, { bom: values.bom })
          : format === 'json'
            ? toJson(data)
            : toMarkdown(data, lang);
      if (!values.out) {
        io.stdout.write(text);
        return EXIT.ok;
      }
      const file = resolve(io.cwd, values.out);
      writeFileSync(file, text);
      io.stdout.write(`exported ${counts} to ${file}\n`);
      return EXIT.ok;
    });
  },

  async brief(args, io) {
    const { values } = parseArgs({
      args,
      options: {
        dialogue: { type: 'string' },
        format: { type: 'string' },
        lang: { type: 'string' },
        out: { type: 'string' },
        at: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    if (values.help) {
      io.stdout.write(`${BRIEF_USAGE}\n`);
      return EXIT.ok;
    }
    const format = values.format;
    if (format !== 'docx' && format !== 'md')
      throw new CliUsage(
        `${format ? `--format: "${format}" is not one of` : '--format is required:'} ${BRIEF_FORMATS.join(', ')}\n\n${BRIEF_USAGE}`,
      );
    const lang = parseLang(values.lang);
    const now = parseInstant(values.at);
    return withCore(io, now, async (core) => {
      await checkDialogue(core, values.dialogue);
      const { pack, dialogueId } = await usageOnDomainError(async () => {
        const d = await core.services.dialogues.resolve(values.dialogue ?? null, null);
        const brief = await core.services.briefs.brief(d.id, now);
        const cycle = await core.services.cycle.view(d.id, now, 1);
        return { pack: buildBriefPack(brief, cycle.entries, lang, now), dialogueId: d.id };
      });
      if (format === 'md' && !values.out) {
        io.stdout.write(briefPackMarkdown(pack));
        return EXIT.ok;
      }
      const file = resolve(io.cwd, values.out ?? `brief-${dialogueId}-round-${pack.round}.${format}`);
      writeFileSync(file, format === 'docx' ? await briefPackDocx(pack, lang) : briefPackMarkdown(pack));
      io.stdout.write(`briefing pack written to ${file}\n`);
      return EXIT.ok;
    });
  },
};
