import type { WebClient } from '@slack/web-api';
import { extractDialogueFlag } from '../../../commands/parse.js';
import { readVerb } from '../../../commands/verbs.js';
import { isDomainError } from '../../../domain/errors.js';
import { errorReply } from '../../../presentation/errors.js';
import type { Reply } from '../../../presentation/reply.js';
import type { SlackDeps } from '../../deps.js';
import { importModal } from '../../views/import-statement.js';

/** `/dialogue import [--dialogue id]` in Slack opens a form to paste the statement into. */
export function isImportCommand(command: string, text: string): boolean {
  if (command !== '/dialogue') return false;
  const read = readVerb(command, text);
  return read.verb === 'import' && read.argText === '' && !read.flagMissing;
}

/**
 * Opens the import modal right after the ack (the trigger_id is valid for 3 s,
 * so only local reads happen first). Returns a reply only when it could not.
 */
export async function openImportModal(
  deps: SlackDeps,
  client: WebClient,
  o: { text: string; userId: string; channelId: string | null; triggerId: string; responseUrl: string },
): Promise<Reply | null> {
  const lang = await deps.locales.quickLang(o.userId);
  try {
    const flag = extractDialogueFlag(o.text);
    const dialogue = await deps.core.services.dialogues.resolve(flag.dialogue, o.channelId);
    const view = importModal({ dialogue: dialogue.id, channel: o.channelId, responseUrl: o.responseUrl }, lang);
    await client.views.open({ trigger_id: o.triggerId, view: view as never });
    return null;
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return errorReply(error, lang);
  }
}
