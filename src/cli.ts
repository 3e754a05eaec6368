#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { reportDrift } from './cli/drift.js';
import { feedCliVerbs } from './cli/feed.js';
import { importCliVerbs } from './cli/import.js';
import { pageCliVerbs } from './cli/page.js';
import { installLastResort, quietOnClosedPipe } from './cli/process-guards.js';
import { reminderCliVerbs } from './cli/reminders.js';
import { type CliIo, CliUsage, type CliVerb, EXIT, parseInstant, withCore } from './cli/shared.js';
import { ConfigError, loadConfig } from './config/load.js';
import { LOCAL_USER } from './core.js';
import type { Lang } from './domain/types.js';
import { type RunningApp, startApp } from './main.js';
import { cycleReply } from './presentation/cycle.js';
import { renderText } from './presentation/reply.js';

export { type CliIo, EXIT } from './cli/shared.js';

const USAGE = `Usage: dialogue-bot <command> [options]

Commands:
  start                                   run the bot (what npm start runs)
  ask "<slash command>" [--user U…] [--at ISO] [--yes]
                                          run one command through the router, print the reply;
                                          --yes confirms a change that asks first (exit 2 until confirmed)
  status [--at ISO] [--dialogue id] [--lang en|es]
                                          the cycle: past, next and projected rounds
  reminders [--from ISO] [--days N] [--dialogue id] [--lang en|es]
                                          preview what reminders will be sent, when and where, each marked
                                          will send / sent <when> / late / skipped: <reason> / waiting: no channel
  reminders --history [--dialogue id]     what was sent, skipped or failed, and why
  tick [--at ISO] [--send]                one scheduler pass as if it were that instant: with --at it only prints
                                          what it would send (changes nothing) unless --send; without --at it delivers
  import <file> [--with <translation>] [--dialogue id] [--apply] [--json] [--at ISO] [--user U…] [--lang en|es]
                                          read a joint statement (--with: its version in the other language)
                                          and print what it proposes; --apply records it
  feed --user U… [--reset] [--mine] [--lang en|es] [--dialogue id]
                                          print that user's private calendar feed URL (the one they have, created
                                          if none); --reset gives a new one and the old one stops working
  page --user U… [--share LABEL] [--with-notes] [--dialogue id]
                                          print a link to the dialogue's web page: the user's private one, or
                                          with --share a viewer link under that label (editors)
  export [--dialogue id] --what commitments|rounds|history|all --format csv|json|md [--out FILE] [--bom] [--lang en|es]
                                          take the record out (CSV, JSON or Markdown)
  brief [--dialogue id] --format docx|md [--lang en|es] [--out FILE] [--at ISO]
                                          the briefing pack: a Word document or Markdown
  backup --out FILE                       everything in the database, one versioned JSON document
  restore FILE [--force]                  load a backup into an empty database (--force: replace what is there)
  migrate --to <DATABASE_URL>             copy this database into an empty one (SQLite <-> Postgres), verified
  check-config                            validate config; exit 0, or 2 naming file, path and problem;
                                          with a database, also what config says that the database does not

Exit codes: 0 ok, 1 failure, 2 bad input or config.`;

const verbs: Record<string, CliVerb> = {
  ...reminderCliVerbs,
  ...feedCliVerbs,
  ...pageCliVerbs,
  ...importCliVerbs,
  // Loaded when used: start and the other verbs never pay for CSV, docx or the backup code.
  export: (args, io) => import('./cli/export.js').then((m) => m.exportCliVerbs.export!(args, io)),
  brief: (args, io) => import('./cli/export.js').then((m) => m.exportCliVerbs.brief!(args, io)),
  backup: (args, io) => import('./cli/backup.js').then((m) => m.backupCliVerbs.backup!(args, io)),
  restore: (args, io) => import('./cli/backup.js').then((m) => m.backupCliVerbs.restore!(args, io)),
  migrate: (args, io) => import('./cli/backup.js').then((m) => m.backupCliVerbs.migrate!(args, io)),
  async start(_args, io) {
    // Guarded from the first moment: a fault while starting is reported as well as one while serving.
    let app: RunningApp | null = null;
    let stopping: Promise<void> | null = null;
    const stop = () => (stopping ??= app ? app.stop() : Promise.resolve());
    installLastResort(process, { logger: () => app?.core.logger ?? null, stop });
    // Signals are caught before starting: a SIGTERM that arrives while the app
    // starts is kept and acted on once it is up (a clean stop, exit 0), instead
    // of the default action killing the process half-started.
    let pending: string | null = null;
    let onSignal = (why: string): void => {
      pending ??= why;
    };
    process.once('SIGINT', () => onSignal('SIGINT'));
    process.once('SIGTERM', () => onSignal('SIGTERM'));
    app = await startApp({ env: io.env, cwd: io.cwd, output: io.stdout });
    const running = app;
    await new Promise<void>((resolve) => {
      onSignal = (why: string) => {
        running.core.logger.info({ signal: why }, 'stopping');
        stop().then(resolve, resolve);
      };
      if (pending) onSignal(pending);
      // Local mode also ends with its input (end of input, or `quit`).
      void running.ended.then(() => onSignal('end of input'));
    });
    return EXIT.ok;
  },

  async ask(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { user: { type: 'string' }, at: { type: 'string' }, yes: { type: 'boolean' } },
    });
    const line = positionals.join(' ') + (values.yes ? ' --yes' : '');
    if (!line.trim()) throw new CliUsage('ask: give the slash command text, e.g. dialogue-bot ask "/dialogue next"');
    const now = parseInstant(values.at);
    const user = values.user ?? LOCAL_USER;
    if (!/^[UW][A-Z0-9]{2,}$/.test(user)) throw new CliUsage(`--user: not a Slack user ID: "${user}"`);
    return withCore(io, now, async (core) => {
      const parsed = core.router.parseLine(line.trim().startsWith('/') ? line : `/dialogue ${line}`);
      if (!parsed)
        throw new CliUsage(`ask: commands start with /dialogue or /commitments, not "${line.split(/\s/)[0]}"`);
      const reply = await core.router.handle({ ...parsed, userId: user, channelId: null, now });
      io.stdout.write(`${renderText(reply)}\n`);
      // A change that asks first (confirm), a refusal or bad input: exit 2; nothing changed.
      return reply.kind === 'failure'
        ? EXIT.failure
        : reply.kind === 'answer' || reply.kind === 'change'
          ? EXIT.ok
          : EXIT.badInput;
    });
  },

  async status(args, io) {
    const { values } = parseArgs({
      args,
      options: { at: { type: 'string' }, dialogue: { type: 'string' }, lang: { type: 'string' } },
    });
    const now = parseInstant(values.at);
    const lang: Lang = values.lang === 'es' ? 'es' : 'en';
    return withCore(io, now, async (core) => {
      const all = await core.services.dialogues.list();
      const chosen = values.dialogue ? all.filter((d) => d.id === values.dialogue) : all;
      if (chosen.length === 0)
        throw new CliUsage(`--dialogue: no dialogue "${values.dialogue}" (have: ${all.map((d) => d.id).join(', ')})`);
      const blocks = await Promise.all(
        chosen.map(async (d) => renderText(cycleReply(await core.services.cycle.view(d.id, now), lang))),
      );
      io.stdout.write(`${blocks.join('\n\n')}\n`);
      return EXIT.ok;
    });
  },

  async 'check-config'(_args, io) {
    const config = loadConfig({ env: io.env, cwd: io.cwd });
    const names = config.dialogues.map((d) => d.dialogue.id).join(', ');
    io.stdout.write(`config OK: ${config.env.configDir} (dialogues: ${names})\n`);
    await reportDrift(config, io);
    return EXIT.ok;
  },
};

/** Runs one CLI invocation; never throws. */
export async function runCli(argv: string[], given: CliIo): Promise<number> {
  // `dialogue-bot reminders | head -1`: a reader that goes away ends the output, not the process.
  const io: CliIo = { ...given, stdout: quietOnClosedPipe(given.stdout), stderr: quietOnClosedPipe(given.stderr) };
  const [verb, ...rest] = argv;
  if (!verb || verb === 'help' || verb === '--help' || verb === '-h') {
    (verb ? io.stdout : io.stderr).write(`${USAGE}\n`);
    return verb ? EXIT.ok : EXIT.badInput;
  }
  const run = Object.hasOwn(verbs, verb) ? verbs[verb] : undefined;
  if (!run) {
    io.stderr.write(`dialogue-bot: unknown command "${verb}"\n\n${USAGE}\n`);
    return EXIT.badInput;
  }
  try {
    return await run(rest, io);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr.write(`config error: ${error.message}\n`);
      return EXIT.badInput;
    }
    if (error instanceof CliUsage || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr.write(`dialogue-bot ${verb}: ${(error as Error).message}\n`);
      return EXIT.badInput;
    }
    io.stderr.write(`dialogue-bot ${verb}: ${(error as Error).message ?? String(error)}\n`);
    return EXIT.failure;
  }
}

function isEntryPoint(): boolean {
  if (!process.argv[1]) return false;
  try {
    return realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

// No top-level await: the production build bundles this module as CommonJS (scripts/build.mjs).
if (isEntryPoint()) {
  void runCli(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
  }).then((code) => {
    process.exitCode = code;
  });
}
