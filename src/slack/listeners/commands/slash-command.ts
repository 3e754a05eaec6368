import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { type CommandName, isCommandName } from '../../../commands/router.js';
import { messages } from '../../../i18n/index.js';
import { requestKey, runCommand, type SlackDeps } from '../../deps.js';
import { refreshOwnerNames } from '../../names.js';
import { deliverOutcome } from '../../outcome.js';
import { ephemeralMessage, shareValue } from '../../views/reply-message.js';
import { isImportCommand, openImportModal } from './import-modal.js';

type Args = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/**
 * How long a command may take to be answered in its ack. Slack waits 3 s for
 * the ack and shows the answer at once; past this budget the ack goes out
 * empty and the answer follows through the response URL.
 */
export const ANSWER_IN_ACK_MS = 1_000;

/**
 * `/dialogue …` and `/commitments …`, through the one router. When the answer
 * needs nothing from Slack's Web API (the user's locale is known) and is ready
 * within ANSWER_IN_ACK_MS, it is the ack itself: one HTTP answer, no second
 * request. Otherwise (a first command, users.info to ask; a slow store) the
 * ack goes out empty in time and the answer follows through the response URL.
 * A change is then announced in the channel either way.
 */
export function slashCommand(deps: SlackDeps) {
  return async ({ command, ack, respond, client }: Args): Promise<void> => {
    const { logger } = deps.core;
    if (!isCommandName(command.command)) {
      await ack();
      return;
    }
    const commandName: CommandName = command.command;
    const text = command.text ?? '';
    const userId = command.user_id;
    const channel = command.channel_id || null;

    let acked = false;
    const ackEmpty = async (): Promise<void> => {
      if (acked) return;
      acked = true;
      await ack();
    };
    const opensModal = isImportCommand(commandName, text) && Boolean(command.trigger_id);
    if (opensModal || deps.locales.knownLocale(userId) === undefined) await ackEmpty();
    const budget = acked
      ? null
      : setTimeout(() => {
          ackEmpty().catch((error) => logger.warn({ err: error }, 'could not ack a slash command'));
        }, ANSWER_IN_ACK_MS);

    try {
      if (opensModal) {
        const problem = await openImportModal(deps, client, {
          text,
          userId,
          channelId: channel,
          triggerId: command.trigger_id,
          responseUrl: command.response_url,
        });
        if (problem) await respond({ response_type: 'ephemeral', text: problem.summary });
        return;
      }
      const { reply, lang } = await runCommand(deps, client, {
        command: commandName,
        text,
        userId,
        channelId: channel,
        // The same signed body again (a replay, a Slack retry) is answered, never applied twice.
        requestKey: requestKey('command', command),
        responseUrl: command.response_url ?? null,
      });
      const share = shareValue(commandName, text);
      const answer = { response_type: 'ephemeral' as const, ...ephemeralMessage(reply, lang, share) };
      if (budget) clearTimeout(budget);
      const inAck = !acked;
      if (inAck) {
        acked = true;
        await ack(answer);
      }
      await deliverOutcome(deps, client, {
        userId,
        lang,
        reply,
        channel,
        respond: (body) => respond(body as never),
        share,
        answered: inAck,
      });
      // A change may have named a new owner: keep their display name (calendar feeds show it).
      if (reply.kind === 'change')
        void deps.inflight.track(
          refreshOwnerNames(deps, client).catch((error) => logger.warn({ err: error }, 'name refresh failed')),
        );
    } catch (error) {
      if (budget) clearTimeout(budget);
      logger.error({ err: error, command: commandName }, 'slash command failed');
      const lang = await deps.locales.quickLang(userId).catch(() => deps.core.services.users.defaultLang);
      const sorry = { response_type: 'ephemeral' as const, text: messages(lang).errors.internal };
      if (!acked) {
        acked = true;
        await ack(sorry).catch(() => {});
      } else await respond(sorry).catch(() => {});
    }
  };
}
