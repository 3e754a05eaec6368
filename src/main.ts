import type { Interface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createCalendarRoute } from './calendar/route.js';
import { loadConfig } from './config/load.js';
import { type Core, type CoreOptions, LOCAL_CHANNEL, LOCAL_USER, type Mode, modeOf, openCore } from './core.js';
import { createHttpServer, type HttpLimits, type HttpRoutes } from './http.js';
import { createMetrics, type Metrics } from './metrics.js';
import { createPageRoute } from './page/route.js';
import { type ReplyFile, renderText } from './presentation/reply.js';
import { createLocalNotifier } from './scheduler/local-notifier.js';
import { type Scheduler, startScheduler } from './scheduler/scheduler.js';
import { createReminderTick } from './scheduler/tick.js';
import type { Notifier } from './services/notifier.js';
import type { AnnouncementSender } from './services/outbox.service.js';
import type { TickReport } from './services/reminders.service.js';
import type { SlackFrontEnd, SocketTuning } from './slack/app.js';

/** Local mode announces through its notifier (stdout). */
function localAnnouncer(notifier: Notifier): AnnouncementSender {
  return {
    async announce(a) {
      await notifier.send({ audience: { kind: 'channel', id: a.channel ?? LOCAL_CHANNEL }, reply: a.reply });
    },
  };
}

export interface RunningApp {
  readonly core: Core;
  readonly mode: Mode;
  readonly port: number;
  readonly scheduler: Scheduler;
  /** Resolves when local mode's input has ended (end of input, or `quit`); never in the Slack modes. */
  readonly ended: Promise<void>;
  readonly metrics: Metrics;
  /** One reminder pass at `now`, as the cron tick runs it (reminders sent, metrics counted). */
  runTick(now: Date): Promise<TickReport>;
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
  readonly output?: { write(text: string): unknown };
  /** Overrides PORT (tests use 0 for any free port). */
  readonly port?: number;
  readonly clock?: () => Date;
  /** Internal (tests): HTTP timeouts and connection cap. */
  readonly httpLimits?: Partial<HttpLimits>;
  /** Internal (tests): Socket Mode reconnect backoff. */
  readonly socket?: Partial<SocketTuning>;
}

/** Words that end local mode, as end of input (Ctrl-D) does. */
const QUIT = new Set(['quit', 'exit', '/quit', '/exit']);

/** Once at start: config edits that the database did not take (it is the truth once seeded). */
async function logConfigDrift(core: Core): Promise<void> {
  try {
    const { configDrift, describeDrift } = await import('./services/drift.service.js');
    const { differs } = await configDrift(core.store.db, core.config);
    if (differs.length > 0)
      core.logger.warn(
        { drift: differs.map(describeDrift) },
        `${differs.length} config entries differ from the database and were not applied (the database is the truth; use the slash commands)`,
      );
  } catch (error) {
    core.logger.warn({ err: error }, 'could not compare config with the database');
  }
}

async function writeReplyFiles(files: readonly ReplyFile[], dir: string): Promise<string> {
  const { writeFile } = await import('node:fs/promises');
  const { join } = await import('node:path');
  const paths: string[] = [];
  for (const f of files) {
    const path = join(dir, f.filename);
    await writeFile(path, f.content);
    paths.push(path);
  }
  return paths.join('\n');
}

/** The composition root: config → store → services → front ends → scheduler → http. */
export async function startApp(options: StartOptions = {}): Promise<RunningApp> {
  const config = options.config ?? loadConfig({ env: options.env, cwd: options.cwd });
  const mode: Mode = modeOf(config);
  const opened = await openCore({ ...options, config, localUser: mode === 'local' });
  const metrics = createMetrics({ dbUp: () => opened.store.ping() });
  // Every front end (Slack, local mode) answers through the timed router.
  const core: Core = { ...opened, router: metrics.instrumentRouter(opened.router) };
  const { logger, store } = core;
  const clock = options.clock ?? (() => new Date());
  const out = options.output ?? process.stdout;
  let slack: SlackFrontEnd | null = null;
  try {
    if (mode !== 'local') {
      // Bolt and our listeners load only when Slack is configured: local mode and the CLI verbs
      // (which open the core through this module) never pay for them (~0.35 s and ~30 MB).
      const { createSlackFrontEnd } = await import('./slack/app.js');
      slack = await createSlackFrontEnd(core, mode, { clock: options.clock, socket: options.socket, metrics });
    }
  } catch (error) {
    await core.close();
    throw error;
  }
  const notifier: Notifier = slack ? slack.notifier : createLocalNotifier(out);
  // Local mode prints reminders: with no channel configured they still show (as #local).
  const tick = createReminderTick(core, notifier, { fallbackChannel: mode === 'local' ? LOCAL_CHANNEL : null });
  const announcer = slack ? slack.announcer : localAnnouncer(notifier);
  const runTick = async (now: Date): Promise<TickReport> => {
    const report = await tick(now);
    metrics.observeTick(report, now);
    return report;
  };
  const scheduler = startScheduler(async (now) => {
    try {
      await runTick(now);
    } finally {
      // Announcements left behind (a crash after commit, a Slack outage, a change made from the CLI).
      await core.services.outbox.deliverDue(announcer, now);
    }
  }, logger);
  // A database that comes back empty (dropped and created anew, restored from nothing) is set up
  // again as a start would: migrations, then what config seeds. One attempt at a time.
  let recovering: Promise<boolean> | null = null;
  const recover = () => {
    recovering ??= (async () => {
      try {
        if (!(await store.reinitialise())) return false;
        await core.services.seed(clock());
        logger.warn('database was empty: migrated and seeded from config again');
        return true;
      } catch (error) {
        logger.warn({ err: error }, 'database: could not seed it again');
        return false;
      } finally {
        recovering = null;
      }
    })();
    return recovering;
  };
  const routes: HttpRoutes = {
    health: async () => {
      let state = await store.probe();
      if (state === 'empty' && (await recover())) state = await store.probe();
      const db = state === 'ok';
      const sched = scheduler.status().running;
      const socket = slack?.connected?.();
      if (socket === undefined) return { ok: db && sched, db, scheduler: sched };
      return { ok: db && sched && socket, db, scheduler: sched, socket };
    },
    calendar: metrics.timeRoute('feed', createCalendarRoute(core)),
    page: metrics.timeRoute('page', createPageRoute(core)),
    slack: slack?.httpHandler,
    metrics: metrics.handler(config.env.metricsToken),
  };
  const http = createHttpServer(routes, logger, options.httpLimits);
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
  await logConfigDrift(core);

  let lines: Interface | null = null;
  let ended: Promise<void> = new Promise<void>(() => {});
  if (mode === 'local') {
    // readline only serves local mode's stdin. Loaded before the banner: nothing is awaited between the
    // banner and startApp's return, so whoever waits for the banner finds the app returned.
    const { createInterface } = await import('node:readline');
    out.write(
      [
        'Dialogue Tracker — LOCAL MODE (no SLACK_BOT_TOKEN set).',
        'Type slash commands here, e.g. /dialogue next, /dialogue cycle, /commitments list. Reminders print here too.',
        `Health: http://localhost:${port}/healthz`,
        'To connect Slack: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (HTTP mode, needs a public URL),',
        'or SLACK_BOT_TOKEN and SLACK_APP_TOKEN (Socket Mode). See README.md.',
        'Type quit (or end the input, Ctrl-D) to stop.',
        '',
      ].join('\n'),
    );
    const input = createInterface({ input: options.input ?? process.stdin, terminal: false });
    lines = input;
    const router = core.router;
    // Replies in flight when the input ends are still printed before local mode ends.
    const pending = new Set<Promise<void>>();
    input.on('line', (line) => {
      const text = line.trim();
      if (!text) return;
      if (QUIT.has(text.toLowerCase())) {
        input.close();
        return;
      }
      const parsed = router.parseLine(line);
      if (!parsed) {
        out.write('Commands start with /dialogue or /commitments (try /dialogue help), or quit.\n');
        return;
      }
      const work = router
        .handle({ ...parsed, userId: LOCAL_USER, channelId: null, now: clock() })
        .then(async (reply) => {
          out.write(`${renderText(reply)}\n\n`);
          // Files (an export) are written into the working folder: the terminal is where this user is.
          if (reply.files?.length) out.write(`${await writeReplyFiles(reply.files, options.cwd ?? process.cwd())}\n\n`);
        })
        .catch((error: unknown) => logger.error({ err: error }, 'local command failed'))
        .finally(() => pending.delete(work));
      pending.add(work);
    });
    ended = new Promise<void>((resolve) => {
      input.once('close', () => {
        void Promise.allSettled([...pending]).then(() => resolve());
      });
    });
  }

  let stopping: Promise<void> | null = null;
  return {
    core,
    mode,
    port,
    scheduler,
    ended,
    metrics,
    runTick,
    idle: async () => {
      await slack?.idle();
    },
    stop: () => {
      stopping ??= (async () => {
        lines?.close();
        // A stdin of our own that is still open (`quit` typed) would keep the process alive.
        if (lines && !options.input) process.stdin.destroy();
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
