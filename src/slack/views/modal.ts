import type { SlackBlock } from '../render.js';

/** Slack's limits for a modal's title and button labels. */
const TITLE_MAX = 24;
const BUTTON_MAX = 24;

const plain = (text: string, max: number) => ({ type: 'plain_text', text: text.slice(0, max) });

/**
 * The frame every form of ours shares: callback ID, the origin kept in
 * `private_metadata` (JSON), the title and buttons clipped to Slack's limits.
 */
export function formModal(form: {
  callbackId: string;
  meta: unknown;
  title: string;
  submit: string;
  close: string;
  blocks: SlackBlock[];
}): SlackBlock {
  return {
    type: 'modal',
    callback_id: form.callbackId,
    private_metadata: JSON.stringify(form.meta),
    title: plain(form.title, TITLE_MAX),
    submit: plain(form.submit, BUTTON_MAX),
    close: plain(form.close, BUTTON_MAX),
    blocks: form.blocks,
  };
}
