import type { Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { DestinationStream, Logger } from 'pino';
import { createCalendarRoute } from './calendar/route.js';
import { renderText } from './commands/reply.js';
import { createRouter, type Router } from './commands/router.js';
import { type Config, loadConfig } from './config/load.js';
import { createHttpServer, type HttpRoutes } from './http.js';
import { createLogger } from './logger.js';
import { createLocalNotifier } from './scheduler/local-notifier.js';
import { type Scheduler, startScheduler } from './scheduler/scheduler.js';
import { createReminderTick } from './scheduler/tick.js';
import { createServices, type Services } from './services/index.js';
import type { Notifier } from './services/notifier.js';
import type { SlackFrontEnd } from './slack/app.js';
import { openStore, type Store } from './store/connection.js';

/** The user at the terminal in local mode, and the default `--user` of the CLI: an editor. */
export const LOCAL_USER = 'ULOCAL';

/** Where channel reminders show in local mode when no channel is configured. */
export const LOCAL_CHANNEL = 'local';

export type Mode = 'local' | 'http' | 'socket';

export function modeOf(config: Config): Mode {
  const { slackBotToken, slackSigningSecret, slackAppToken } = config.env;
  if (!slackBotToken) return 'local';
  if (slackAppToken) return 'socket';
  if (!slackSigningSecret)
    throw new Error('SLACK_BOT_TOKEN is set without SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode)');
  return 'http';
}

/** What a CLI verb or the running app needs: config, store, services, router. */
export interface Core {
  readonly config: Config;
  readonly logger: Logger;
  readonly store: Store;
  readonly services: Services;
  readonly router: Router;
  close(): Promise<void>;
}

export interface CoreOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  readonly config?: Config;
  readonly logDestination?: DestinationStream;
  readonly now?: Date;
  /** Postgres schema (tests: one per worker). */
  readonly schema?: string;
}

/** config → store (migrated, seeded) → services → router. */
export async function openCore(options: CoreOptions = {}): Promise<Core> {
  const config = options.config ?? loadConfig({ env: options.env, cwd: options.cwd });
  const logger = createLogger(config.env.logLevel, options.logDestination);
  const store = await openStore(config.env.databaseUrl, { schema: options.schema }, options.cwd);
  try {
    const services = createServices(store, config, logger, { extraEditors: [LOCAL_USER] });
    const reports = await services.seed(options.now ?? new Date());
    for (const r of reports) {
      if (r.createdDialogue || r.addedRounds.length || r.addedCommitments.length)
        logger.info({ dialogue: r.dialogueId, ...r }, 'seeded from config');
    }
    const router = createRouter(services, logger);
    return { config, logger, store, services, router, close: () => store.close() };
  } catch (error) {
    await store.close();
    throw error;
  }
}

export interface RunningApp {
  readonly core: Core;
  readonly mode: Mode;
  readonly port: number;
  readonly scheduler: Scheduler;
  stop(): Promise<void>;
  /**
   * Resolves once the Slack front end has no work in flight: every request
   * received so far and what its listener started after the ack (answers,
   * announcements, App Home refreshes it began). Tests await it instead of
   * sleeping before asserting that something did not happen.
   */
  idle(): Promise<void>;
}

export interface StartOptions extends CoreOptions {
  readonly input?: Readable;
  readonly output?: Writable;
  /** Overrides PORT (tests use 0 for any free port). */
  readonly port?: number;
  readonly clock?: () => Date;
}

/** The composition root: config → store → services → front ends → scheduler → http. */
export async function startApp(options: StartOptions = {}): Promise<RunningApp> {
  const core = await openCore(options);
  const { config, logger, store } = core;
  const clock = options.clock ?? (() => new Date());
  const out = options.output ?? process.stdout;
  let mode: Mode;
  let slack: SlackFrontEnd | null = null;
  try {
    mode = modeOf(config);
    if (mode !== 'local') {
      // Bolt and our listeners load only when Slack is configured: local mode and the CLI verbs
      // (which open the core through this module) never pay for them (~0.35 s and ~30 MB).
      const { createSlackFrontEnd } = await import('./slack/app.js');
      slack = await createSlackFrontEnd(core, mode, { clock: options.clock });
    }
  } catch (error) {
    await core.close();
    throw error;
  }
  const notifier: Notifier = slack ? slack.notifier : createLocalNotifier(out);
  // Local mode prints reminders: with no channel configured they still show (as #local).
  const tick = createReminderTick(core, notifier, { fallbackChannel: mode === 'local' ? LOCAL_CHANNEL : null });
  const scheduler = startScheduler(async (now) => void (await tick(now)), logger);
  const routes: HttpRoutes = {
    health: async () => {
      const db = await store.ping();
      const sched = scheduler.status().running;
      return { ok: db && sched, db, scheduler: sched };
    },
    calendar: createCalendarRoute(core),
    slack: slack?.httpHandler,
  };
  const http = createHttpServer(routes, logger);
  let port: number;
  try {
    port = await http.listen(options.port ?? config.env.port);
    await slack?.start();
  } catch (error) {
    await scheduler.stop();
    await http.close();
    await core.close();
    throw error;
  }
  logger.info({ port, mode, db: store.dialect }, 'started');

  let lines: Interface | null = null;
  if (mode === 'local') {
    out.write(
      [
        'Dialogue Tracker — LOCAL MODE (no SLACK_BOT_TOKEN set).',
        'Type slash commands here, e.g. /dialogue next, /dialogue cycle, /commitments list. Reminders print here too.',
        `Health: http://localhost:${port}/healthz`,
        'To connect Slack: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (HTTP mode, needs a public URL),',
        'or SLACK_BOT_TOKEN and SLACK_APP_TOKEN (Socket Mode). See README.md.',
        '',
      ].join('\n'),
    );
    // readline only serves local mode's stdin.
    const { createInterface } = await import('node:readline');
    lines = createInterface({ input: options.input ?? process.stdin, terminal: false });
    const router = core.router;
    lines.on('line', (line) => {
      if (!line.trim()) return;
      const parsed = router.parseLine(line);
      if (!parsed) {
        out.write('Commands start with /dialogue or /commitments (try /dialogue help).\n');
        return;
      }
      void router
        .handle({ ...parsed, userId: LOCAL_USER, channelId: null, now: clock() })
        .then((reply) => out.write(`${renderText(reply)}\n\n`));
    });
  }

  let stopping: Promise<void> | null = null;
  return {
    core,
    mode,
    port,
    scheduler,
    idle: async () => {
      await slack?.idle();
    },
    stop: () => {
      stopping ??= (async () => {
        lines?.close();
        // Stop taking requests first; requests in flight finish before the store closes.
        await slack?.stop();
        await http.close();
        await scheduler.stop();
        await core.close();
        logger.info('stopped');
        logger.flush();
      })();
      return stopping;
    },
  };
}
