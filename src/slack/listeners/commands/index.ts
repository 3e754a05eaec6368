import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { slashCommand } from './slash-command.js';

/** `/dialogue` and `/commitments` through one Bolt listener (see actions/index.ts for why one). */
export function register(app: App, deps: SlackDeps): void {
  app.command(/^\/(dialogue|commitments)$/, slashCommand(deps));
}
