import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { normaliseCommitmentId } from '../../../domain/commitments.js';
import { requestKey, type SlackDeps } from '../../deps.js';
import { dialogueFlag, parseTarget, runAndDeliver } from '../../outcome.js';

type Args = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/**
 * "Mark done" (messages and App Home). Changes to one commitment run one at
 * a time, so a double click applies once: the second click finds it done and
 * is told nothing changed.
 */
export function markDone(deps: SlackDeps) {
  return async ({ ack, body, action, respond, client }: Args): Promise<void> => {
    await ack();
    const target = parseTarget(action.value);
    if (!target) return;
    const userId = body.user.id;
    const fromMessage = body.container?.type === 'message';
    const channel = fromMessage ? (body.channel?.id ?? null) : null;
    const id = normaliseCommitmentId(target.id);
    await runAndDeliver(deps, client, {
      request: {
        command: '/commitments',
        text: `update ${id} done${dialogueFlag(target.dialogue)}`,
        userId,
        channelId: channel,
        requestKey: requestKey('action', body),
        responseUrl: fromMessage ? (body.response_url ?? null) : null,
      },
      lock: `commitment:${target.dialogue ?? ''}:${id}`,
      respond: fromMessage && body.response_url ? (b) => respond(b as never) : undefined,
      dialogueId: target.dialogue ?? (await deps.core.services.dialogues.resolve(null, channel).catch(() => null))?.id,
      what: 'mark done',
    });
  };
}
