import type { Reply } from '../../commands/reply.js';
import type { Lang } from '../../domain/types.js';
import { messages } from '../../i18n/index.js';
import { renderSlackMessage, type SlackBlock } from '../render.js';

/** A read-only modal showing a reply (answers to buttons on App Home, which has no thread to answer in). */
export function replyModal(reply: Reply, lang: Lang): SlackBlock {
  const m = messages(lang).slack.modal.reply;
  const { blocks } = renderSlackMessage({ ...reply, actions: [] });
  return {
    type: 'modal',
    title: { type: 'plain_text', text: m.title.slice(0, 24) },
    close: { type: 'plain_text', text: m.close },
    blocks: blocks.filter((b) => b.type !== 'actions'),
  };
}
