import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { DateTime } from 'luxon';
import { formatDate, messages } from '../../../i18n/index.js';
import type { SlackDeps } from '../../deps.js';

type Args = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/**
 * "Snooze 7 days" on a commitment reminder DM: that reminder (only) comes back
 * once, 7 days later. Recorded and audited by the service; a second click
 * the same moment changes nothing.
 */
export function snooze(deps: SlackDeps) {
  return async ({ ack, body, action, respond }: Args): Promise<void> => {
    await ack();
    const userId = body.user.id;
    try {
      const lang = await deps.locales.quickLang(userId);
      const t = messages(lang).reminders.commitment;
      const done = await deps.core.services.reminders.snooze(action.value ?? '', userId, deps.clock());
      const zone = (await deps.core.services.users.timezone(userId)) ?? deps.core.config.app.timezone;
      const text = done
        ? t.snoozedNow(formatDate(DateTime.fromISO(done.until).setZone(zone).toISODate() as string, lang))
        : t.snoozeGone;
      if (body.response_url) await respond({ response_type: 'ephemeral', replace_original: false, text });
    } catch (error) {
      deps.core.logger.error({ err: error }, 'snooze failed');
    }
  };
}
