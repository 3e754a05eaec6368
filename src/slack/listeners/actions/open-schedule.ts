import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { scheduleModal } from '../../views/schedule-round.js';

type Args = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/** "Schedule round…": opens the date/time/city modal for the next open round. */
export function openSchedule(deps: SlackDeps) {
  return async ({ ack, body, action, client }: Args): Promise<void> => {
    await ack();
    const { services, logger } = deps.core;
    const userId = body.user.id;
    const channel = body.container?.type === 'message' ? (body.channel?.id ?? null) : null;
    try {
      const lang = await deps.locales.quickLang(userId);
      const dialogue = await services.dialogues.resolve(action.value || null, channel);
      const { next } = await services.cycle.view(dialogue.id, deps.clock(), 1);
      const view = scheduleModal(
        dialogue,
        next,
        { dialogue: dialogue.id, channel, responseUrl: body.response_url ?? null, edition: next.edition },
        lang,
      );
      await client.views.open({ trigger_id: body.trigger_id, view: view as never });
    } catch (error) {
      logger.error({ err: error }, 'could not open the schedule modal');
    }
  };
}
