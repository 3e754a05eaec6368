import type { NeedsConfirmation, NoChange } from '../domain/errors.js';
import type { Lang } from '../domain/types.js';
import { noChangeText, reasonText } from '../i18n/catalog/changes.js';
import { messages } from '../i18n/index.js';
import { type Block, type Reply, textReply } from './reply.js';

/** A change that changes nothing (already so): said, not refused. */
export function noChangeReply(error: NoChange, lang: Lang): Reply {
  return textReply('answer', noChangeText(messages(lang).changes.noChange, error.reason));
}

/**
 * A change that asks first: why, and how to go ahead — in Slack a Confirm
 * button that runs the same command with `--yes` (when it fits a button's
 * value), elsewhere the `--yes` to type.
 */
export function confirmReply(
  asked: { readonly command: string; readonly text: string; readonly slack: boolean },
  error: NeedsConfirmation,
  lang: Lang,
): Reply {
  const c = messages(lang).changes.confirm;
  const reasons = error.reasons.map((r) => reasonText(c.reason, r));
  const value = JSON.stringify({ c: asked.command, t: `${asked.text} --yes` });
  const canButton = asked.slack && value.length <= 1900;
  const blocks: Block[] = [
    { type: 'header', text: c.header },
    ...reasons.map((text): Block => ({ type: 'text', text })),
    { type: 'context', text: canButton ? c.ask : c.askCli },
  ];
  return {
    kind: 'confirm',
    summary: `${c.header}: ${reasons[0] ?? ''}`,
    blocks,
    actions: canButton ? [{ id: 'change.confirm', label: c.button, value, style: 'primary' }] : [],
  };
}
