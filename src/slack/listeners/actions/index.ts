import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { HOME_ACTIONS } from '../../views/home.js';
import { SHARE_ACTION } from '../../views/reply-message.js';
import { markDone } from './mark-done.js';
import { openSchedule } from './open-schedule.js';
import { openUpdate } from './open-update.js';
import { share } from './share.js';
import { subscribe } from './subscribe.js';

/** Buttons carry `<action>:<ID>` action IDs (unique within a message) and the ID as value. */
export function register(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(SHARE_ACTION, share(deps));
  app.action<BlockAction<ButtonAction>>(new RegExp(`^${HOME_ACTIONS.done}(:|$)`), markDone(deps));
  app.action<BlockAction<ButtonAction>>(new RegExp(`^${HOME_ACTIONS.update}(:|$)`), openUpdate(deps));
  app.action<BlockAction<ButtonAction>>(HOME_ACTIONS.schedule, openSchedule(deps));
  app.action<BlockAction<ButtonAction>>(HOME_ACTIONS.subscribe, subscribe(deps));
}
