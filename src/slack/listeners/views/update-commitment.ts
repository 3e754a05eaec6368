import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { isCommitmentStatus } from '../../../domain/commitments.js';
import { messages } from '../../../i18n/index.js';
import { requestKey, runCommand, type SlackDeps } from '../../deps.js';
import { deliverFromModal, dialogueFlag } from '../../outcome.js';
import type { UpdateMeta } from '../../views/update-commitment.js';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

export function parseMeta<T>(raw: string | undefined): T | null {
  try {
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

/**
 * The "Update…" modal submitted: a new status (with the note) through
 * `/commitments update`, or only a note through `/commitments note`, so the
 * same editor check, validation and audit apply as for typed commands. The
 * same view is applied once even if Slack delivers the submission twice.
 */
export function updateSubmitted(deps: SlackDeps) {
  return async ({ ack, body, view, client }: Args): Promise<void> => {
    const meta = parseMeta<UpdateMeta>(view.private_metadata);
    const userId = body.user.id;
    const status = view.state.values.status?.value?.selected_option?.value ?? '';
    const note = (view.state.values.note?.value?.value ?? '').trim();
    if (!meta || !isCommitmentStatus(status)) {
      await ack();
      return;
    }
    if (status === meta.status && !note) {
      const lang = await deps.locales.quickLang(userId);
      await ack({ response_action: 'errors', errors: { note: messages(lang).slack.modal.update.nothing } });
      return;
    }
    await ack();
    if (!deps.once.claim(`view:${view.id}:${view.hash ?? ''}`, deps.clock().getTime())) return;
    const text =
      status !== meta.status ? `update ${meta.id} ${status}${note ? ` ${note}` : ''}` : `note ${meta.id} ${note}`;
    try {
      const { reply, lang } = await deps.locks.run(`commitment:${meta.dialogue}:${meta.id}`, () =>
        runCommand(deps, client, {
          command: '/commitments',
          // The flag goes first: the note is free text and may contain anything.
          text: `${dialogueFlag(meta.dialogue).trim()} ${text}`,
          userId,
          channelId: meta.channel,
          // Submitted twice (to two replicas): applied once.
          requestKey: requestKey('view', [view.id, view.hash ?? '', text]),
          responseUrl: meta.responseUrl,
        }),
      );
      await deliverFromModal(deps, client, meta, { userId, lang, reply });
    } catch (error) {
      deps.core.logger.error({ err: error }, 'update modal failed');
    }
  };
}
