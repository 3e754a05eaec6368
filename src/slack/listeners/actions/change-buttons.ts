import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { isCommandName } from '../../../commands/router.js';
import { requestKey, runCommand, type SlackDeps } from '../../deps.js';
import { deliverOutcome, dialogueFlag, parseTarget } from '../../outcome.js';
import { parseShareValue } from '../../views/reply-message.js';

type Args = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

export const CHANGE_ACTIONS = { confirm: 'change.confirm', undo: 'change.undo' } as const;

/**
 * "Confirm" under a change that asked first: runs the same command again
 * with `--yes` (so it is checked again on current data, by the same editor
 * rules). The answer replaces the question, so it cannot be confirmed twice.
 */
export function confirmChange(deps: SlackDeps) {
  return async ({ ack, body, action, respond, client }: Args): Promise<void> => {
    await ack();
    const value = parseShareValue(action.value);
    if (!value || !isCommandName(value.c)) return;
    const userId = body.user.id;
    const channel = body.channel?.id ?? null;
    try {
      const { reply, lang } = await runCommand(deps, client, {
        command: value.c,
        text: value.t,
        userId,
        channelId: channel,
        requestKey: requestKey('action', body),
        responseUrl: body.response_url ?? null,
      });
      await deliverOutcome(deps, client, {
        userId,
        lang,
        reply,
        channel,
        respond: body.response_url ? (b) => respond({ ...b, replace_original: true } as never) : undefined,
      });
    } catch (error) {
      deps.core.logger.error({ err: error }, 'confirm failed');
    }
  };
}

/**
 * "Undo" under a change's confirmation: `undo #N` through the router, which
 * lets only the change's author undo it, within 24 hours, and refuses (with
 * the reason) when a later change builds on it.
 */
export function undoChange(deps: SlackDeps) {
  return async ({ ack, body, action, respond, client }: Args): Promise<void> => {
    await ack();
    const target = parseTarget(action.value);
    if (!target || !/^\d+$/.test(target.id)) return;
    const userId = body.user.id;
    const channel = body.channel?.id ?? null;
    try {
      const { reply, lang } = await runCommand(deps, client, {
        command: '/dialogue',
        text: `undo #${target.id}${dialogueFlag(target.dialogue)}`,
        userId,
        channelId: channel,
        requestKey: requestKey('action', body),
        responseUrl: body.response_url ?? null,
      });
      await deliverOutcome(deps, client, {
        userId,
        lang,
        reply,
        channel,
        respond: body.response_url ? (b) => respond(b as never) : undefined,
      });
    } catch (error) {
      deps.core.logger.error({ err: error }, 'undo failed');
    }
  };
}
