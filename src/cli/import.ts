import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { LOCAL_USER } from '../core.js';
import { isDomainError } from '../domain/errors.js';
import type { Lang } from '../domain/types.js';
import { messages } from '../i18n/index.js';
import { errorText } from '../presentation/errors.js';
import { importResultReply, proposalReply } from '../presentation/import.js';
import { renderText } from '../presentation/reply.js';
import { ImportRefused } from '../services/import.service.js';
import { type CliIo, CliUsage, type CliVerb, EXIT, parseInstant, withCore } from './shared.js';

function readStatement(file: string, io: CliIo, lang: Lang): string {
  const t = messages(lang).import.cli;
  let bytes: Buffer;
  try {
    bytes = readFileSync(resolve(io.cwd, file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (code ?? String(error));
    throw new CliUsage(t.unreadable(file, why));
  }
  if (bytes.includes(0)) throw new CliUsage(t.notText(file));
  return bytes.toString('utf8');
}

/**
 * `dialogue-bot import <file> [--with <translation>] [--dialogue id] [--apply] [--json]`: prints what a
 * joint statement proposes; with `--apply` records it (one audited transaction).
 * Exit 2 when the statement cannot be recorded (empty, no date, wrong dialogue…).
 */
async function importVerb(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      dialogue: { type: 'string' },
      with: { type: 'string' },
      apply: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      at: { type: 'string' },
      user: { type: 'string' },
      lang: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const lang: Lang = values.lang === 'es' ? 'es' : 'en';
  const m = messages(lang);
  const t = m.import.cli;
  if (values.help) {
    io.stdout.write(`${t.usage}\n`);
    return EXIT.ok;
  }
  const [file, ...extra] = positionals;
  if (!file) throw new CliUsage(`${t.noFile}\n${t.usage}`);
  if (extra.length > 0) throw new CliUsage(t.tooMany(extra.join(' ')));
  if (values.apply && !values.dialogue) throw new CliUsage(t.applyNeedsDialogue);
  const user = values.user ?? LOCAL_USER;
  if (!/^[UW][A-Z0-9]{2,}$/.test(user)) throw new CliUsage(t.badUser(user));
  const text = readStatement(file, io, lang);
  // `--with statement-es.txt`: the same statement in the other language, paired paragraph by paragraph.
  const translation = values.with === undefined ? null : readStatement(values.with, io, lang);
  const now = parseInstant(values.at);

  return withCore(io, now, async (core) => {
    const dialogueId = values.dialogue?.toLowerCase() ?? null;
    if (dialogueId) {
      const all = await core.services.dialogues.list();
      if (!all.some((d) => d.id === dialogueId))
        throw new CliUsage(t.unknownDialogue(dialogueId, all.map((d) => d.id).join(', ')));
    }
    const imports = core.services.imports;
    const refuse = (message: string) => {
      io.stderr.write(`${message}\n`);
      return EXIT.badInput;
    };
    if (!values.apply || !dialogueId) {
      const proposal = await imports.propose(text, dialogueId, now, translation);
      const reply = proposalReply(proposal, lang);
      if (values.json) io.stdout.write(`${JSON.stringify(proposal.json, null, 2)}\n`);
      if (proposal.problems.length > 0) {
        if (values.json) return refuse(proposal.problems.map((p) => m.import.problems[p.code](p.params)).join('\n'));
        return refuse(renderText(reply));
      }
      if (!values.json) {
        const hint = proposal.plan && !proposal.plan.noop ? `\n\n${m.import.plan.applyHint}` : '';
        io.stdout.write(`${renderText(reply)}${hint}\n`);
      }
      return EXIT.ok;
    }
    try {
      const result = await imports.apply(dialogueId, user, text, now, { translation });
      if (values.json) io.stdout.write(`${JSON.stringify(result.proposal.json, null, 2)}\n`);
      else io.stdout.write(`${renderText(importResultReply(result, lang, user))}\n`);
      return EXIT.ok;
    } catch (error) {
      if (error instanceof ImportRefused) {
        if (values.json) io.stdout.write(`${JSON.stringify(error.proposal.json, null, 2)}\n`);
        return refuse(renderText(proposalReply(error.proposal, lang)));
      }
      if (isDomainError(error)) return refuse(errorText(error, lang));
      throw error;
    }
  });
}

/** `dialogue-bot import <file> …` (import issue). */
export const importCliVerbs: Record<string, CliVerb> = { import: importVerb };
