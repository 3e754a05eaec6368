import type { AllMiddlewareArgs, App, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { BRIEF_DOWNLOAD_ACTION } from '../../../presentation/brief.js';
import { PAGE_ACTION } from '../../../presentation/paging.js';
import { REMINDER_ACTIONS } from '../../../presentation/reminder-messages.js';
import type { SlackDeps } from '../../deps.js';
import { HOME_ACTIONS } from '../../views/home.js';
import { SHARE_ACTION } from '../../views/reply-message.js';
import { briefDownload } from './brief-download.js';
import { CHANGE_ACTIONS, confirmChange, undoChange } from './change-buttons.js';
import { homePage } from './home-page.js';
import { markDone } from './mark-done.js';
import { openSchedule } from './open-schedule.js';
import { openUpdate } from './open-update.js';
import { page } from './page.js';
import { resetFeed } from './reset-feed.js';
import { share } from './share.js';
import { snooze } from './snooze.js';
import { subscribe } from './subscribe.js';

type Args = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;
type Handler = (args: Args) => Promise<void>;

/**
 * Buttons carry `<action>:<ID>` action IDs (unique within a message) and the
 * ID as value. One Bolt listener dispatches them all: Bolt runs every
 * registered listener's middleware on every request (slash commands too),
 * so each listener costs each request; here the dispatch is one map lookup.
 */
export function register(app: App, deps: SlackDeps): void {
  const handlers = new Map<string, Handler>([
    [SHARE_ACTION, share(deps)],
    [PAGE_ACTION, page(deps)],
    [HOME_ACTIONS.done, markDone(deps)],
    [HOME_ACTIONS.update, openUpdate(deps)],
    [HOME_ACTIONS.schedule, openSchedule(deps)],
    [HOME_ACTIONS.subscribe, subscribe(deps)],
    [CHANGE_ACTIONS.confirm, confirmChange(deps)],
    [CHANGE_ACTIONS.undo, undoChange(deps)],
    [HOME_ACTIONS.reset, resetFeed(deps)],
    [HOME_ACTIONS.page, homePage(deps)],
    [BRIEF_DOWNLOAD_ACTION, briefDownload(deps)],
    [REMINDER_ACTIONS.snooze, snooze(deps)],
  ]);
  app.action<BlockAction<ButtonAction>>(/./, async (args) => {
    const handler = handlers.get(args.action.action_id.split(':', 1)[0]!);
    // Anything else (a control we did not make interactive) is acknowledged and ignored.
    // Tracked, so a stop waits for work the button started after its ack.
    if (handler) await deps.inflight.track(handler(args));
    else await args.ack();
  });
}
