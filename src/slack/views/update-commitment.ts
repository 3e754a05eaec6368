import { COMMITMENT_STATUSES, type Commitment } from '../../domain/commitments.js';
import type { Lang } from '../../domain/types.js';
import { messages } from '../../i18n/index.js';
import { commitmentTitle } from '../../presentation/commitments.js';
import { richMrkdwn, type SlackBlock } from '../render.js';
import { formModal } from './modal.js';

export const UPDATE_CALLBACK = 'commitment.update';

/** Round-tripped through Slack in private_metadata (Slack signs it back to us). */
export interface ModalOrigin {
  readonly dialogue: string;
  /** Where the button was clicked (announce there), when it was a channel message. */
  readonly channel: string | null;
  /** The message's response_url, to answer the clicker privately. */
  readonly responseUrl: string | null;
}

export interface UpdateMeta extends ModalOrigin {
  readonly id: string;
  /** The status the user saw when opening the modal. */
  readonly status: string;
}

export function updateModal(c: Commitment, meta: UpdateMeta, lang: Lang): SlackBlock {
  const t = messages(lang);
  const m = t.slack.modal;
  const option = (s: (typeof COMMITMENT_STATUSES)[number]) => ({
    text: { type: 'plain_text', text: t.status[s], emoji: true },
    value: s,
  });
  return formModal({
    callbackId: UPDATE_CALLBACK,
    meta,
    title: m.update.title,
    submit: m.save,
    close: m.cancel,
    blocks: [
      {
        type: 'section',
        text: { type: 'mrkdwn', text: richMrkdwn([{ bold: c.id }, ` · ${commitmentTitle(c, lang)}`]).slice(0, 3000) },
      },
      {
        type: 'input',
        block_id: 'status',
        label: { type: 'plain_text', text: m.update.status },
        element: {
          type: 'static_select',
          action_id: 'value',
          options: COMMITMENT_STATUSES.map(option),
          initial_option: option(c.status),
        },
      },
      {
        type: 'input',
        block_id: 'note',
        optional: true,
        label: { type: 'plain_text', text: m.update.note },
        element: {
          type: 'plain_text_input',
          action_id: 'value',
          multiline: true,
          max_length: 3000,
          placeholder: { type: 'plain_text', text: m.update.notePlaceholder },
        },
      },
    ],
  });
}
