import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { slashCommand } from './slash-command.js';

export function register(app: App, deps: SlackDeps): void {
  app.command('/dialogue', slashCommand(deps, '/dialogue'));
  app.command('/commitments', slashCommand(deps, '/commitments'));
}
