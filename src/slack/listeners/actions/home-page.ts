import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { publishHome, setHomePage } from '../../home.js';

type Args = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/** ◂ Previous / Next ▸ under a dialogue's commitments on App Home: publishes the Home at that page. */
export function homePage(deps: SlackDeps) {
  return async ({ ack, body, action, client }: Args): Promise<void> => {
    await ack();
    const m = /^(.+)\|(\d{1,5})$/.exec(action.value ?? '');
    if (!m) return;
    setHomePage(deps, body.user.id, m[1]!, Number(m[2]));
    try {
      await publishHome(deps, client, body.user.id);
    } catch (error) {
      deps.core.logger.error({ err: error }, 'could not publish App Home');
    }
  };
}
