import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { type CommandName, isCommandName } from '../../../commands/router.js';
import { type RunRequest, requestKey, type SlackDeps } from '../../deps.js';
import { dialogueFlag, parseTarget, runAndDeliver } from '../../outcome.js';
import { parseShareValue } from '../../views/reply-message.js';

type Args = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

export const CHANGE_ACTIONS = { confirm: 'change.confirm', undo: 'change.undo' } as const;

/** A command run by a button under a change's answer: as the user who clicked, where the answer is. */
function fromButton(body: Args['body'], command: CommandName, text: string): RunRequest {
  return {
    command,
    text,
    userId: body.user.id,
    channelId: body.channel?.id ?? null,
    requestKey: requestKey('action', body),
    responseUrl: body.response_url ?? null,
  };
}

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
    await runAndDeliver(deps, client, {
      request: fromButton(body, value.c, value.t),
      respond: body.response_url ? (b) => respond({ ...b, replace_original: true } as never) : undefined,
      what: 'confirm',
    });
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
    await runAndDeliver(deps, client, {
      request: fromButton(body, '/dialogue', `undo #${target.id}${dialogueFlag(target.dialogue)}`),
      respond: body.response_url ? (b) => respond(b as never) : undefined,
      what: 'undo',
    });
  };
}
