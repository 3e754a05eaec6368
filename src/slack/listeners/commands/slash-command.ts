import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { type CommandName, isCommandName } from '../../../commands/router.js';
import { messages } from '../../../i18n/index.js';
import { runCommand, type SlackDeps } from '../../deps.js';
import { deliverOutcome } from '../../outcome.js';
import { shareValue } from '../../views/reply-message.js';
import { isImportCommand, openImportModal } from './import-modal.js';

type Args = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/**
 * `/dialogue …` and `/commitments …`: ack at once (Slack allows 3 s, and
 * users.info or a slow database must not eat into it), then run the command
 * through the one router and answer through the response URL.
 */
export function slashCommand(deps: SlackDeps, name: CommandName) {
  return async ({ command, ack, respond, client }: Args): Promise<void> => {
    await ack();
    const { logger } = deps.core;
    const commandName = isCommandName(command.command) ? command.command : name;
    try {
      if (isImportCommand(commandName, command.text ?? '') && command.trigger_id) {
        const problem = await openImportModal(deps, client, {
          text: command.text ?? '',
          userId: command.user_id,
          channelId: command.channel_id || null,
          triggerId: command.trigger_id,
          responseUrl: command.response_url,
        });
        if (!problem) return;
        await respond({ response_type: 'ephemeral', text: problem.summary });
        return;
      }
      const reply = await runCommand(deps, client, {
        command: commandName,
        text: command.text ?? '',
        userId: command.user_id,
        channelId: command.channel_id || null,
      });
      const lang = await deps.locales.quickLang(command.user_id);
      await deliverOutcome(deps, client, {
        userId: command.user_id,
        lang,
        reply,
        channel: command.channel_id || null,
        respond: (body) => respond(body as never),
        share: shareValue(commandName, command.text ?? ''),
      });
    } catch (error) {
      logger.error({ err: error, command: commandName }, 'slash command failed after ack');
      const lang = await deps.locales.quickLang(command.user_id).catch(() => deps.core.services.users.defaultLang);
      await respond({ response_type: 'ephemeral', text: messages(lang).errors.internal }).catch(() => {});
    }
  };
}
