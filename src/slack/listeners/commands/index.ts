import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { slashCommand } from './slash-command.js';

/** `/dialogue` and `/commitments` through one Bolt listener (see actions/index.ts for why one). */
export function register(app: App, deps: SlackDeps): void {
  const handle = slashCommand(deps);
  // Tracked, so a stop waits for an answer or announcement still on its way after the ack.
  app.command(/^\/(dialogue|commitments)$/, (args) => deps.inflight.track(handle(args)));
}
