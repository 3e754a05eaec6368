import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { parsePageValue } from '../../../presentation/paging.js';
import type { SlackDeps } from '../../deps.js';
import { runAndDeliver } from '../../outcome.js';
import { ephemeralMessage, shareValue } from '../../views/reply-message.js';

type Args = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/**
 * ◂ Previous / Next ▸ under a paged answer: runs the command for that page
 * (current data) and puts it in place of the page the user was reading.
 */
export function page(deps: SlackDeps) {
  return async ({ ack, body, action, respond, client }: Args): Promise<void> => {
    await ack();
    const value = parsePageValue(action.value);
    if (!value) return;
    await runAndDeliver(deps, client, {
      request: { command: value.c, text: value.t, userId: body.user.id, channelId: body.channel?.id ?? null },
      deliver: ({ reply, lang }) =>
        respond({
          response_type: 'ephemeral',
          replace_original: true,
          ...ephemeralMessage(reply, lang, shareValue(value.c, value.t)),
        }),
      what: 'page button',
    });
  };
}
