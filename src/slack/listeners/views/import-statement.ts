import { randomUUID } from 'node:crypto';
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { isDomainError } from '../../../domain/errors.js';
import { messages } from '../../../i18n/index.js';
import { errorReply } from '../../../presentation/errors.js';
import { importResultReply, proposalReply } from '../../../presentation/import.js';
import { inLanguages, type Reply } from '../../../presentation/reply.js';
import { ImportRefused } from '../../../services/import.service.js';
import { isSharedChannel } from '../../connect.js';
import type { SlackDeps } from '../../deps.js';
import { deliverFromModal } from '../../outcome.js';
import { TtlCache } from '../../support.js';
import { type ImportApplyMeta, importPreviewView, importReadingView } from '../../views/import-statement.js';
import type { ModalOrigin } from '../../views/update-commitment.js';
import { parseMeta } from './update-commitment.js';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** Pasted statements between preview and "Record it" (the user has this long to confirm). */
const pending = new TtlCache<{ text: string; translation: string | null }>(30 * 60_000, 200);

/**
 * "Preview" submitted: the modal turns into "Reading…" at once (the ack),
 * then into the proposal (views.update) — what the statement says and what
 * recording it would change. Nothing is written.
 */
export function importPreviewSubmitted(deps: SlackDeps) {
  return async ({ ack, body, view, client }: Args): Promise<void> => {
    const userId = body.user.id;
    const lang = await deps.locales.quickLang(userId);
    await ack({ response_action: 'update', view: importReadingView(lang) as never });
    const meta = parseMeta<ModalOrigin>(view.private_metadata);
    if (!meta) return;
    const text = [view.state.values.text?.value?.value ?? '', view.state.values.more?.value?.value ?? '']
      .filter(Boolean)
      .join('\n');
    // The same statement in the other language, when pasted: paired paragraph by paragraph.
    const translation = view.state.values.translation?.value?.value?.trim() || null;
    const { services, logger } = deps.core;
    try {
      const proposal = await services.imports.propose(text, meta.dialogue, deps.clock(), translation);
      const reply = proposalReply(proposal, lang);
      const recordable = reply.kind === 'answer' && proposal.plan !== null && !proposal.plan.noop;
      const editor = services.isEditor(meta.dialogue, userId);
      let apply: ImportApplyMeta | null = null;
      if (recordable && editor) {
        const key = randomUUID();
        pending.set(key, { text, translation }, deps.clock().getTime());
        apply = { ...meta, key };
      }
      const note = recordable && !editor ? messages(lang).slack.import.editorsOnly : null;
      await client.views.update({ view_id: view.id, view: importPreviewView(reply, lang, apply, note) as never });
    } catch (error) {
      logger.error({ err: error }, 'import preview failed');
      const failure: Reply = {
        kind: 'failure',
        summary: messages(lang).errors.internal,
        blocks: [{ type: 'text', text: messages(lang).errors.internal }],
      };
      await client.views
        .update({ view_id: view.id, view: importPreviewView(failure, lang, null, null) as never })
        .catch(() => {});
    }
  };
}

/** "Record it" submitted: applies the statement in one audited transaction, once. */
export function importApplySubmitted(deps: SlackDeps) {
  return async ({ ack, body, view, client }: Args): Promise<void> => {
    await ack();
    const meta = parseMeta<ImportApplyMeta>(view.private_metadata);
    if (!meta) return;
    if (!deps.once.claim(`view:${view.id}:${meta.key}`, deps.clock().getTime())) return;
    const userId = body.user.id;
    const { services, logger } = deps.core;
    const lang = await deps.locales.lang(client, userId);
    const now = deps.clock();
    const stored = pending.get(meta.key, now.getTime());
    let reply: Reply;
    if (stored === undefined) {
      const expired = messages(lang).slack.import.expired;
      reply = { kind: 'error', summary: expired, blocks: [{ type: 'text', text: expired }] };
    } else {
      try {
        const dialogue = await services.dialogues.get(meta.dialogue);
        const channel = meta.channel ?? dialogue.reminderChannel;
        const responseUrl = meta.responseUrl ?? null;
        // Announced in both languages where both delegations share the channel (asked once, remembered).
        if (channel) await services.channels.learn(channel, now, (id) => isSharedChannel(client, id));
        const result = await deps.locks.run(`import:${meta.dialogue}`, () =>
          services.imports.apply(meta.dialogue, userId, stored.text, now, {
            translation: stored.translation,
            // Announced through the outbox, written in the import's own transaction.
            announce:
              channel || responseUrl
                ? (r) => ({
                    channel,
                    responseUrl,
                    message: inLanguages(
                      services.channels.langs(meta.dialogue, channel, now).map((l) => importResultReply(r, l, userId)),
                    ),
                  })
                : null,
          }),
        );
        reply = importResultReply(result, lang, userId);
        if (reply.kind === 'change')
          reply = { ...reply, announcement: importResultReply(result, services.users.defaultLang, userId) };
      } catch (error) {
        if (error instanceof ImportRefused) reply = proposalReply(error.proposal, lang);
        else if (isDomainError(error)) reply = errorReply(error, lang);
        else {
          logger.error({ err: error }, 'import failed');
          const t = messages(lang).errors.internal;
          reply = { kind: 'failure', summary: t, blocks: [{ type: 'text', text: t }] };
        }
      }
    }
    await deliverFromModal(deps, client, meta, { userId, lang, reply });
  };
}
