import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { tellUser } from '../../deliver.js';
import { runCommand, type SlackDeps } from '../../deps.js';
import { dialogueFlag } from '../../outcome.js';

type Args = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/**
 * "Reset calendar link" (App Home, or under a subscribe answer), after
 * Slack's confirmation dialog: a new address, the old one stops working.
 * The value is the dialogue the feed covers, or `*` for the all-dialogues feed.
 * The new link goes to the user's DM, never a channel.
 */
export function resetFeed(deps: SlackDeps) {
  return async ({ ack, body, action, client }: Args): Promise<void> => {
    await ack();
    const userId = body.user.id;
    const scope = action.value && action.value !== '*' ? dialogueFlag(action.value) : '';
    try {
      const { reply } = await runCommand(deps, client, {
        command: '/dialogue',
        text: `subscribe reset confirm${scope}`,
        userId,
        channelId: null,
      });
      await tellUser(client, deps.core.logger, userId, reply);
    } catch (error) {
      deps.core.logger.error({ err: error }, 'reset feed button failed');
    }
  };
}
