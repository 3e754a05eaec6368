import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { isDomainError } from '../../../domain/errors.js';
import { errorReply } from '../../../presentation/errors.js';
import { tellUser } from '../../deliver.js';
import type { SlackDeps } from '../../deps.js';
import { parseTarget } from '../../outcome.js';
import { updateModal } from '../../views/update-commitment.js';

type Args = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/**
 * "Update…": opens the status + note modal. The trigger_id expires 3 s after
 * the click, so this uses only local reads (no users.info) before views.open.
 */
export function openUpdate(deps: SlackDeps) {
  return async ({ ack, body, action, client }: Args): Promise<void> => {
    await ack();
    const { services, logger } = deps.core;
    const target = parseTarget(action.value);
    if (!target) return;
    const userId = body.user.id;
    const lang = await deps.locales.quickLang(userId);
    const channel = body.container?.type === 'message' ? (body.channel?.id ?? null) : null;
    try {
      const dialogue = await services.dialogues.resolve(target.dialogue, channel);
      const c = await services.commitments.get(dialogue.id, target.id);
      const view = updateModal(
        c,
        { dialogue: dialogue.id, channel, responseUrl: body.response_url ?? null, id: c.id, status: c.status },
        lang,
      );
      await client.views.open({ trigger_id: body.trigger_id, view: view as never });
    } catch (error) {
      if (isDomainError(error)) {
        await tellUser(client, logger, userId, errorReply(error, lang));
        return;
      }
      logger.error({ err: error }, 'could not open the update modal');
    }
  };
}
