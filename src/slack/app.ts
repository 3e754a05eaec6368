import type { RouteHandler } from '../http.js';
import type { Core, Mode } from '../main.js';
import type { Notifier } from '../services/notifier.js';

export interface SlackFrontEnd {
  /** POST /slack/events handler (HTTP mode only). */
  readonly httpHandler?: RouteHandler;
  /** Sends reminders and announcements through Slack's Web API. */
  readonly notifier: Notifier;
  start(): Promise<void>;
  /** Stops taking requests (Socket Mode: disconnects). */
  stop(): Promise<void>;
}

/** The Bolt app (Slack issue). */
export async function createSlackFrontEnd(_core: Core, mode: Exclude<Mode, 'local'>): Promise<SlackFrontEnd> {
  throw new Error(`Slack ${mode} mode is not available in this build yet`);
}
