import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, HTTPReceiver, LogLevel, SocketModeReceiver } from '@slack/bolt';
import type { Core, Mode } from '../core.js';
import type { RouteHandler } from '../http.js';
import type { Metrics } from '../metrics.js';
import type { Notifier } from '../services/notifier.js';
import type { AnnouncementSender } from '../services/outbox.service.js';
import { createSlackAnnouncer } from './announcer.js';
import { countSlackCalls } from './api-metrics.js';
import { boltLogger } from './bolt-logger.js';
import { createDeps } from './deps.js';
import { publishHome } from './home.js';
import { HomeRefresher } from './home-refresh.js';
import { createSlackGate } from './http-gate.js';
import { register as registerActions } from './listeners/actions/index.js';
import { register as registerCommands } from './listeners/commands/index.js';
import { register as registerEvents } from './listeners/events/index.js';
import { register as registerViews } from './listeners/views/index.js';
import { createSlackNotifier, reminderWebClient } from './notifier.js';
import { OutboxPump } from './outbox-pump.js';
import { SocketSupervisor, type SocketTuning } from './socket.js';
import { InFlight } from './support.js';

export type { SocketTuning } from './socket.js';

export interface SlackFrontEnd {
  /** POST /slack/events handler (HTTP mode only). */
  readonly httpHandler?: RouteHandler;
  /** Sends reminders through Slack's Web API. */
  readonly notifier: Notifier;
  /** Socket Mode: whether a socket is up now (for /healthz); undefined in HTTP mode. */
  connected?(): boolean;
  /** Delivers the outbox's announcements through Slack's Web API. */
  readonly announcer: AnnouncementSender;
  start(): Promise<void>;
  /** Stops taking requests (Socket Mode: disconnects) and waits for work in flight. */
  stop(): Promise<void>;
  /** Resolves once every request in flight, and the work it started after its ack, has settled. */
  idle(): Promise<void>;
}

export interface SlackOptions {
  /** The clock commands run at (tests pin it). */
  readonly clock?: () => Date;
  /** Socket Mode reconnect timing (tests shorten it). */
  readonly socket?: Partial<SocketTuning>;
  /** Counts Slack Web API calls and errors by method. */
  readonly metrics?: Metrics;
}

/**
 * The Bolt app. HTTP mode: our own node:http server hands POST /slack/events
 * to the gate (http-gate.ts: body limits, signature, timestamps either way,
 * body shape), which hands what passes to Bolt's HTTPReceiver; /healthz and
 * the calendar stay off Bolt's request pipeline. Socket Mode: Bolt's
 * SocketModeReceiver holds the WebSocket, SocketSupervisor keeps it up.
 */
export async function createSlackFrontEnd(
  core: Core,
  mode: Exclude<Mode, 'local'>,
  options: SlackOptions = {},
): Promise<SlackFrontEnd> {
  const { config, logger } = core;
  const { slackBotToken, slackSigningSecret, slackAppToken, slackApiUrl } = config.env;
  if (!slackBotToken) throw new Error('SLACK_BOT_TOKEN is not set');
  const clock = options.clock ?? (() => new Date());
  const log = boltLogger(logger);
  const boltLevel = logger.isLevelEnabled('debug') ? LogLevel.DEBUG : LogLevel.INFO;
  // Bolt gives every client it makes this logger: that is how their calls are counted for this app.
  if (options.metrics) countSlackCalls(log, options.metrics);
  const clientOptions = {
    ...(slackApiUrl ? { slackApiUrl } : {}),
    // A few quick retries: Slack's 5xx are rare and short; work after ack must not hang a shutdown.
    retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 2_000 },
  };
  const receiver =
    mode === 'http'
      ? new HTTPReceiver({
          signingSecret: slackSigningSecret ?? '',
          endpoints: '/slack/events',
          // Ack first, work after: the HTTP answer leaves as soon as ack() is called.
          processBeforeResponse: false,
          // The gate in front (http-gate.ts) has checked signature and timestamp, both ways.
          signatureVerification: false,
          logger: log,
        })
      : undefined;
  const socketReceiver =
    mode === 'socket'
      ? new SocketModeReceiver({
          appToken: slackAppToken ?? '',
          logger: log,
          logLevel: boltLevel,
          // SocketSupervisor reconnects: the client's own loop gives up (and throws where nothing catches)
          // when the Web API fails while it reconnects.
          autoReconnectEnabled: false,
          installerOptions: {
            // The socket's own Web API client (apps.connections.open): no retries of its own (the
            // supervisor backs off), and a deadline, so a Slack that never answers cannot hang it.
            clientOptions: { ...(slackApiUrl ? { slackApiUrl } : {}), retryConfig: { retries: 0 }, timeout: 10_000 },
          },
        })
      : undefined;
  const app = new App({
    token: slackBotToken,
    receiver: receiver ?? socketReceiver,
    // We keep no conversation state; Bolt's default store costs 10–30 % per request (docs/performance.md).
    convoStore: false,
    logger: log,
    // Bolt (and its Web API and socket clients) check the level before writing their debug lines.
    logLevel: boltLevel,
    clientOptions,
    // auth.test runs in init() below, so a bad token fails the start and no first request waits for it.
    deferInitialization: true,
  });
  try {
    await app.init();
  } catch (error) {
    const reason = (error as { data?: { error?: string } }).data?.error ?? (error as Error).message;
    throw new Error(`checking SLACK_BOT_TOKEN with Slack (auth.test) failed: ${reason}`);
  }

  const inflight = new InFlight();
  let deps: ReturnType<typeof createDeps>;
  const home = new HomeRefresher((userId) => publishHome(deps, app.client, userId), inflight, logger, clock);
  deps = createDeps(core, clock, inflight, home);

  // Each listener tracks its own work in deps.inflight, so stop() can wait for work after ack
  // (a global app.use() for it would add a middleware step to every request).
  registerCommands(app, deps);
  registerActions(app, deps);
  registerViews(app, deps);
  registerEvents(app, deps);
  app.error(async (error) => {
    logger.error({ err: error }, 'Slack listener failed');
  });
  const unsubscribe = core.services.ctx.onChange(() => home.changed());
  // Reminders and announcements use their own client: no client-side retries, so the store-backed retries own them.
  const outboundClient = reminderWebClient({ token: slackBotToken, apiUrl: slackApiUrl });
  if (options.metrics) countSlackCalls(outboundClient, options.metrics);
  const announcer = createSlackAnnouncer(outboundClient, slackApiUrl ?? null);
  const pump = new OutboxPump(core.services.outbox, announcer, inflight, logger, clock);
  const unsubscribeOutbox = core.services.ctx.onOutbox(() => pump.kick());

  let stopping = false;
  const gate = receiver
    ? createSlackGate({ signingSecret: slackSigningSecret ?? '', logger, next: receiver.requestListener })
    : undefined;
  const httpHandler: RouteHandler | undefined = gate
    ? (req: IncomingMessage, res: ServerResponse) => {
        if (stopping) {
          res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
          res.end('shutting down\n');
          return;
        }
        const done = new Promise<void>((resolve) => res.once('close', resolve));
        void inflight.track(done);
        gate(req, res);
      }
    : undefined;
  const socket = socketReceiver ? new SocketSupervisor(socketReceiver.client, logger, options.socket) : undefined;

  return {
    httpHandler,
    notifier: createSlackNotifier(outboundClient),
    announcer,
    connected: socket ? () => socket.connected : undefined,
    async start() {
      await socket?.start();
    },
    async stop() {
      if (stopping) return;
      stopping = true;
      unsubscribe();
      unsubscribeOutbox();
      home.stop();
      await socket?.stop();
      await inflight.drain();
    },
    idle: () => inflight.drain(),
  };
}
