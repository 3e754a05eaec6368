import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { briefPackDocx, buildBriefPack } from '../../../export/brief-pack.js';
import { messages } from '../../../i18n/index.js';
import type { SlackDeps } from '../../deps.js';
import { sendFilesToUser } from '../../files.js';

type Args = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/**
 * *Download* under `/dialogue brief`: the briefing pack as a Word document in
 * the clicker's language, sent to them as a direct-message file. A double
 * click sends it once.
 */
export function briefDownload(deps: SlackDeps) {
  return async ({ ack, body, action, client, respond }: Args): Promise<void> => {
    await ack();
    const { logger, services } = deps.core;
    const userId = body.user.id;
    const key = `brief-download:${userId}:${body.container?.message_ts ?? ''}:${action.value}`;
    if (!deps.once.claim(key, deps.clock().getTime())) return;
    const lang = await deps.locales.lang(client, userId);
    const t = messages(lang).export.slack;
    const say = (text: string) =>
      body.response_url
        ? respond({ response_type: 'ephemeral', replace_original: false, text })
        : client.chat.postMessage({ channel: userId, text });
    try {
      const now = deps.clock();
      const dialogue = await services.dialogues.resolve(action.value || null, body.channel?.id ?? null);
      const brief = await services.briefs.brief(dialogue.id, now);
      const cycle = await services.cycle.view(dialogue.id, now, 1);
      const pack = buildBriefPack(brief, cycle.entries, lang, now);
      const filename = `brief-${dialogue.id}-round-${pack.round}-${lang}.docx`;
      await sendFilesToUser(client, userId, [
        { filename, title: `${pack.title} · ${pack.dialogue}`, content: await briefPackDocx(pack, lang) },
      ]);
      await say(t.briefSent(filename)).catch((error) => logger.debug({ err: error }, 'could not confirm'));
    } catch (error) {
      logger.error({ err: error, user: userId }, 'brief download failed');
      await say(t.notSent).catch(() => {});
    }
  };
}
