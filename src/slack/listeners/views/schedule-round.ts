import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { runCommand, type SlackDeps } from '../../deps.js';
import { deliverFromModal, dialogueFlag } from '../../outcome.js';
import type { ScheduleMeta } from '../../views/schedule-round.js';
import { parseMeta } from './update-commitment.js';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** The "Schedule round…" modal submitted: runs `/dialogue schedule <date> [time] [city]`. */
export function scheduleSubmitted(deps: SlackDeps) {
  return async ({ ack, body, view, client }: Args): Promise<void> => {
    await ack();
    const meta = parseMeta<ScheduleMeta>(view.private_metadata);
    if (!meta) return;
    if (!deps.once.claim(`view:${view.id}:${view.hash ?? ''}`, deps.clock().getTime())) return;
    const userId = body.user.id;
    const values = view.state.values;
    const date = values.date?.value?.selected_date ?? '';
    const start = values.time?.value?.selected_time ?? '';
    const end = values.end?.value?.selected_time ?? '';
    // An end only goes with a start (`10:00-17:30`); the router checks it comes after.
    const time = start && end ? `${start}-${end}` : start;
    const city = (values.city?.value?.value ?? '').replace(/\s+/g, ' ').trim();
    const text = `${dialogueFlag(meta.dialogue).trim()} schedule ${[date, time, city].filter(Boolean).join(' ')}`;
    try {
      const { reply, lang } = await runCommand(deps, client, {
        command: '/dialogue',
        text,
        userId,
        channelId: meta.channel,
      });
      await deliverFromModal(deps, client, meta, { userId, lang, reply });
    } catch (error) {
      deps.core.logger.error({ err: error }, 'schedule modal failed');
    }
  };
}
