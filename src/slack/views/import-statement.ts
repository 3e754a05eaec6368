import type { Lang } from '../../domain/types.js';
import { messages } from '../../i18n/index.js';
import type { Reply } from '../../presentation/reply.js';
import { escapeMrkdwn, renderSlackMessage, type SlackBlock } from '../render.js';
import { formModal } from './modal.js';
import type { ModalOrigin } from './update-commitment.js';

export const IMPORT_CALLBACK = 'statement.import';
export const IMPORT_APPLY_CALLBACK = 'statement.import.apply';

/** Slack's plain_text_input holds at most 3000 characters; two fields cover a joint statement. */
const FIELD_MAX = 3000;

export interface ImportApplyMeta extends ModalOrigin {
  /** Where the pasted text waits (kept in memory, not in the view: private_metadata holds 3000 characters). */
  readonly key: string;
}

const title = (text: string) => ({ type: 'plain_text', text: text.slice(0, 24) });

export function importModal(meta: ModalOrigin, lang: Lang): SlackBlock {
  const t = messages(lang).slack.import;
  const input = (blockId: string, label: string, optional: boolean, hint?: string): SlackBlock => ({
    type: 'input',
    block_id: blockId,
    optional,
    label: { type: 'plain_text', text: label },
    ...(hint ? { hint: { type: 'plain_text', text: hint } } : {}),
    element: {
      type: 'plain_text_input',
      action_id: 'value',
      multiline: true,
      max_length: FIELD_MAX,
      ...(optional ? {} : { placeholder: { type: 'plain_text', text: t.placeholder } }),
    },
  });
  return formModal({
    callbackId: IMPORT_CALLBACK,
    meta,
    title: t.title,
    submit: t.propose,
    close: messages(lang).slack.modal.cancel,
    blocks: [
      input('text', t.label, false),
      input('more', t.more, true, t.moreHint),
      input('translation', t.translation, true, t.translationHint),
    ],
  });
}

/** Shown at once while the statement is read (the submission must be answered within 3 s). */
export function importReadingView(lang: Lang): SlackBlock {
  const t = messages(lang).slack.import;
  return {
    type: 'modal',
    title: title(t.title),
    close: { type: 'plain_text', text: t.close },
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(t.reading) } }],
  };
}

/**
 * The proposal, in the modal. With `apply` set (it can be recorded and the
 * user is an editor), submitting records it; otherwise the modal only closes.
 */
export function importPreviewView(
  proposal: Reply,
  lang: Lang,
  apply: ImportApplyMeta | null,
  note: string | null,
): SlackBlock {
  const t = messages(lang).slack.import;
  const extra: SlackBlock[] = note
    ? [{ type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(note) }] }]
    : [];
  // Modals take 100 blocks; a reply is already limited to 50 by the renderer.
  const { blocks } = renderSlackMessage({ ...proposal, actions: [] }, extra);
  return {
    type: 'modal',
    title: title(t.title),
    close: { type: 'plain_text', text: apply ? messages(lang).slack.modal.cancel : t.close },
    ...(apply
      ? {
          callback_id: IMPORT_APPLY_CALLBACK,
          private_metadata: JSON.stringify(apply),
          submit: { type: 'plain_text', text: t.apply },
        }
      : {}),
    blocks,
  };
}
