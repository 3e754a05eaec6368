import type { Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { createCalendarRoute } from './calendar/route.js';
import { type Core, type CoreOptions, LOCAL_CHANNEL, LOCAL_USER, type Mode, modeOf, openCore } from './core.js';
import { createHttpServer, type HttpRoutes } from './http.js';
import { renderText } from './presentation/reply.js';
import { createLocalNotifier } from './scheduler/local-notifier.js';
import { type Scheduler, startScheduler } from './scheduler/scheduler.js';
import { createReminderTick } from './scheduler/tick.js';
import type { Notifier } from './services/notifier.js';
import type { SlackFrontEnd } from './slack/app.js';

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
