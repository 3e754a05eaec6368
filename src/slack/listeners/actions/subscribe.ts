import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { tellUser } from '../../deliver.js';
import { runCommand, type SlackDeps } from '../../deps.js';
import { dialogueFlag } from '../../outcome.js';

type Args = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/** "Subscribe to calendar" on App Home: the private feed link goes to the user's DM, never a channel. */
export function subscribe(deps: SlackDeps) {
  return async ({ ack, body, action, client }: Args): Promise<void> => {
    await ack();
    const userId = body.user.id;
    try {
      const { reply } = await runCommand(deps, client, {
        command: '/dialogue',
        text: `subscribe${dialogueFlag(action.value)}`,
        userId,
        channelId: null,
      });
      await tellUser(client, deps.core.logger, userId, reply);
    } catch (error) {
      deps.core.logger.error({ err: error }, 'subscribe button failed');
    }
  };
}
