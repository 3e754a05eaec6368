import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { isCommandName } from '../../../commands/router.js';
import { isShareable } from '../../../commands/verbs.js';
import { messages } from '../../../i18n/index.js';
import type { SlackDeps } from '../../deps.js';
import { runAndDeliver } from '../../outcome.js';
import { parseShareValue, sharedMessage } from '../../views/reply-message.js';

type Args = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/**
 * "Share in channel" under an ephemeral answer: runs the same command again
 * (so the channel sees current data) and posts it for everyone through the
 * response URL, which works even where the bot is not a member; then removes
 * the private copy. A double click shares once.
 */
export function share(deps: SlackDeps) {
  return async ({ ack, body, action, respond, client }: Args): Promise<void> => {
    await ack();
    const { logger } = deps.core;
    const value = parseShareValue(action.value);
    const userId = body.user.id;
    // The registry is asked again here: a private answer (a feed URL) is never posted to the channel.
    if (!value || !isCommandName(value.c) || !isShareable(value.c, value.t)) return;
    const key = `share:${userId}:${body.container?.message_ts ?? ''}:${action.value}`;
    if (!deps.once.claim(key, deps.clock().getTime())) return;
    await runAndDeliver(deps, client, {
      request: { command: value.c, text: value.t, userId, channelId: body.channel?.id ?? null },
      deliver: async ({ reply, lang }) => {
        if (reply.kind !== 'answer') {
          await respond({
            response_type: 'ephemeral',
            replace_original: false,
            text: messages(lang).slack.share.failed,
          });
          return;
        }
        await respond({ response_type: 'in_channel', replace_original: false, ...sharedMessage(reply, lang, userId) });
        await respond({ delete_original: true }).catch((error) => logger.debug({ err: error }, 'could not delete'));
      },
      what: 'share',
    });
  };
}
