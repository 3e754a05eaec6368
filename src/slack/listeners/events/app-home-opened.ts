import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { publishHome } from '../../home.js';

type Args = SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs;

/** Publishes the Home tab each time it is opened, and remembers to refresh it after changes. */
export function appHomeOpened(deps: SlackDeps) {
  return async ({ event, client }: Args): Promise<void> => {
    if (event.tab !== 'home') return;
    deps.home.opened(event.user);
    try {
      await publishHome(deps, client, event.user);
    } catch (error) {
      deps.core.logger.error({ err: error }, 'could not publish App Home');
    }
  };
}
