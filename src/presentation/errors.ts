import type { DomainError, DomainErrorCode } from '../domain/errors.js';
import type { Lang } from '../domain/types.js';
import type { DomainErrorTexts } from '../i18n/catalog/core.js';
import { messages } from '../i18n/index.js';
import { type Reply, type Rich, richText, textReply } from './reply.js';

/** A code's message applied to that code's parameters (the catalogue's type ties the two together). */
function render<C extends DomainErrorCode>(texts: DomainErrorTexts, error: DomainError<C>): Rich {
  return texts[error.code](error.params);
}

/**
 * A domain error in words: the one place an error becomes text, for every
 * front end (the command router, the CLI, Slack modals and buttons). A
 * person it names is a mention (Slack shows their name); `errorText` is its
 * plain text (`@U…`), for the CLI.
 */
function errorRich(error: DomainError, lang: Lang): Rich {
  return render(messages(lang).errors, error);
}

/** A domain error as plain text (the CLI, logs): a person it names as `@ID`. */
export function errorText(error: DomainError, lang: Lang): string {
  return richText(errorRich(error, lang));
}

/** A domain error as a reply: a refusal when the user may not do it, else an error in what they asked. */
export function errorReply(error: DomainError, lang: Lang): Reply {
  return textReply(error.code === 'auth.not_editor' ? 'refusal' : 'error', errorRich(error, lang));
}
