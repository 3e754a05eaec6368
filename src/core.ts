import type { DestinationStream, Logger } from 'pino';
import { createRouter, type Router } from './commands/router.js';
import { type Config, ConfigError, loadConfig } from './config/load.js';
import { createLogger } from './logger.js';
import { createServices, type Services } from './services/index.js';
import { openStore, type Store } from './store/connection.js';

/** The user at the terminal in local mode, and the default `--user` of the CLI: an editor there, and only there. */
export const LOCAL_USER = 'ULOCAL';

/** Where channel reminders show in local mode when no channel is configured. */
export const LOCAL_CHANNEL = 'local';

export type Mode = 'local' | 'http' | 'socket';

/** Which front end the environment asks for; a token of the wrong kind is a config error (exit 2). */
export function modeOf(config: Config): Mode {
  const { slackBotToken, slackSigningSecret, slackAppToken } = config.env;
  if (!slackBotToken) return 'local';
  if (slackAppToken) {
    // Only the token's kind is named, never the token: this message reaches logs and terminals.
    if (!slackAppToken.startsWith('xapp-'))
      throw new ConfigError(
        'environment',
        'SLACK_APP_TOKEN',
        `not an app-level token (it starts "${slackAppToken.slice(0, 5)}", expected "xapp-…"): ` +
          'generate one under Basic Information → App-Level Tokens with the connections:write scope',
      );
    return 'socket';
  }
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
  /**
   * Whether the person at the terminal (LOCAL_USER) is an editor: in local
   * mode and the CLI (default), never when Slack is connected, where anyone
   * could send `user_id=ULOCAL`.
   */
  readonly localUser?: boolean;
}

/** config → store (migrated, seeded) → services → router. */
export async function openCore(options: CoreOptions = {}): Promise<Core> {
  const config = options.config ?? loadConfig({ env: options.env, cwd: options.cwd });
  const { slackBotToken, slackAppToken, slackSigningSecret } = config.env;
  const logger = createLogger(config.env.logLevel, options.logDestination, {
    secrets: [slackBotToken, slackAppToken, slackSigningSecret],
  });
  const store = await openStore(config.env.databaseUrl, { schema: options.schema, log: logger }, options.cwd);
  try {
    const extraEditors = (options.localUser ?? true) ? [LOCAL_USER] : [];
    const services = createServices(store, config, logger, { extraEditors });
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
