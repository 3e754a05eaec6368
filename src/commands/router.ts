import type { Logger } from 'pino';
import { hasControlChars, isDomainError, NeedsConfirmation, NoChange } from '../domain/errors.js';
import type { Lang } from '../domain/types.js';
import { messages } from '../i18n/index.js';
import { errorReply } from '../presentation/errors.js';
import { confirmReply, noChangeReply } from '../presentation/outcomes.js';
import { inLanguages, type Reply, textReply } from '../presentation/reply.js';
import type { Services } from '../services/index.js';
import { langFromLocale } from '../services/users.service.js';
import { AnswerCache } from './answer-cache.js';
import type { CommandContext, CommandName, CommandRequest, VerbTable } from './context.js';
import { briefVerbs } from './handlers/brief.js';
import { commitmentVerbs } from './handlers/commitments.js';
import { dialogueVerbs } from './handlers/dialogue.js';
import { exportVerbs } from './handlers/export.js';
import { importVerbs } from './handlers/import.js';
import { pageVerbs } from './handlers/page.js';
import { reminderVerbs } from './handlers/reminders.js';
import { subscriptionVerbs } from './handlers/subscriptions.js';
import { extractYesFlag, tokenize, UsageError } from './parse.js';
import { isCacheable, readVerb, verbFacts } from './verbs.js';

export type { CommandName, CommandRequest } from './context.js';

/** The handlers of each command's verbs; what each verb is (changes, private…) is in `verbs.ts`. */
export const HANDLERS: Record<CommandName, VerbTable> = {
  '/dialogue': {
    ...dialogueVerbs,
    ...briefVerbs,
    ...subscriptionVerbs,
    ...reminderVerbs,
    ...importVerbs,
    ...exportVerbs,
    ...pageVerbs,
  },
  '/commitments': commitmentVerbs,
};

/** A reply and the language it is written in. */
export interface Answer {
  readonly reply: Reply;
  readonly lang: Lang;
}

export interface Router {
  handle(request: CommandRequest): Promise<Reply>;
  /** As `handle`, also saying which language the reply is in (front ends word their own extras in it). */
  answer(request: CommandRequest): Promise<Answer>;
  /** The language a user is answered in: chosen, else Slack locale, else the default. */
  langFor(userId: string, locale?: string | null): Promise<Lang>;
  /** Splits `/dialogue next` typed as one line (local mode, CLI) into a request. */
  parseLine(line: string): { command: CommandName; text: string } | null;
}

/** Whether a request only reads (no request-log claim needed). */
function readOnly(request: CommandRequest): boolean {
  const facts = verbFacts(request.command, readVerb(request.command, request.text).verb);
  return facts !== undefined && !facts.changes;
}

export function isCommandName(word: string): word is CommandName {
  return word === '/dialogue' || word === '/commitments';
}

/**
 * The one command router: Slack, local mode and `dialogue-bot ask` all come
 * through here, so a command behaves the same everywhere. It never throws:
 * bad input becomes a usage hint, domain refusals a short message, and
 * anything unexpected a generic apology (logged, never shown).
 */
export function createRouter(services: Services, logger: Logger): Router {
  const cache = new AnswerCache();
  /** The store's revision, read first: what the cache holds is good for it. Null when the store cannot say. */
  const revision = async (): Promise<number | null> => {
    try {
      const rev = await services.ctx.storeRevision();
      cache.at(rev);
      return rev;
    } catch (error) {
      logger.error({ err: error }, 'could not read the store revision');
      return null;
    }
  };
  /**
   * The user's language at this revision: chosen, else Slack locale, else the
   * default. A choice already read at this revision is not read again.
   */
  const langAt = async (userId: string, locale: string | null | undefined, rev: number | null): Promise<Lang> => {
    let chosen = rev === null ? undefined : cache.chosenLang(userId);
    if (chosen === undefined) {
      chosen = await services.users.chosenLang(userId);
      if (rev !== null) cache.rememberLang(userId, chosen);
    }
    return chosen ?? langFromLocale(locale) ?? services.users.defaultLang;
  };
  const langFor = async (userId: string, locale?: string | null): Promise<Lang> =>
    langAt(userId, locale, await revision());

  const replyTo = async (request: CommandRequest, lang: Lang, rev: number | null): Promise<Reply> => {
    // Read-only answers are kept per store revision: asked again, they cost no parsing, reading or rendering.
    const { command, text, userId, channelId, now } = request;
    const key = rev === null ? null : AnswerCache.key(command, text, userId, channelId, lang, now);
    const kept = key === null ? undefined : cache.answer(key);
    if (kept) return kept;
    const t = messages(lang);
    try {
      const handlers = HANDLERS[request.command];
      // NUL and friends: refused the same way whatever the store (Postgres cannot hold NUL; SQLite would).
      if (hasControlChars(request.text)) throw new UsageError(t.changes.usage.controlChars);
      const yes = extractYesFlag(request.text);
      const { verb, typed, argText, dialogue: flagged, flagMissing } = readVerb(request.command, yes.text);
      if (flagMissing) throw new UsageError(t.usage.dialogueFlag);
      const handler = Object.hasOwn(handlers, verb) ? handlers[verb] : undefined;
      if (!handler) {
        throw new UsageError(
          `${t.usage.unknownVerb(request.command, typed ?? verb)} ${t.usage.seeHelp(request.command)}`,
        );
      }
      let resolved: ReturnType<CommandContext['dialogue']> | undefined;
      const ctx: CommandContext = {
        services,
        request,
        lang,
        t,
        args: tokenize(argText),
        dialogue: () => {
          resolved ??= services.dialogues.resolve(flagged, request.channelId);
          return resolved;
        },
        confirmed: yes.yes,
        announcer: (dialogue, render) => {
          if (!request.announce) return null;
          const channel = request.channelId ?? dialogue.reminderChannel;
          const responseUrl = request.responseUrl ?? null;
          if (!channel && !responseUrl) return null;
          // In the channel's language; in English and Spanish where both delegations share the channel.
          const langs = services.channels.langs(dialogue.id, channel, request.now);
          return (change) => ({ channel, responseUrl, message: inLanguages(langs.map((l) => render(change, l))) });
        },
      };
      const reply = await handler(ctx);
      if (key !== null && isCacheable(command, verb)) cache.remember(key, reply);
      return reply;
    } catch (error) {
      if (error instanceof UsageError) return textReply('usage', error.hint);
      if (error instanceof NoChange) return noChangeReply(error, lang);
      // Slack asks with a Confirm button; elsewhere the answer says to add --yes.
      if (error instanceof NeedsConfirmation)
        return confirmReply({ command, text, slack: Boolean(request.announce) }, error, lang);
      if (isDomainError(error)) return errorReply(error, lang);
      logger.error({ err: error, command: request.command, user: request.userId }, 'command failed');
      return textReply('failure', t.errors.internal);
    }
  };

  const answerOnce = async (request: CommandRequest): Promise<Answer> => {
    const rev = await revision();
    let lang: Lang = services.users.defaultLang;
    try {
      lang = await langAt(request.userId, request.locale, rev);
    } catch (error) {
      logger.error({ err: error }, 'could not read user language');
    }
    return { reply: await replyTo(request, lang, rev), lang };
  };

  /**
   * At most once per request: a delivery of a request already seen (same
   * signed body; a Slack retry) gets the first delivery's answer and changes
   * nothing, whichever replica handled the first. Read-only verbs skip this.
   */
  const answer = async (request: CommandRequest): Promise<Answer> => {
    const key = request.requestKey;
    if (!key || readOnly(request)) return answerOnce(request);
    let claim: Awaited<ReturnType<typeof services.requests.claim<Answer>>>;
    try {
      claim = await services.requests.claim<Answer>(key, request.now);
    } catch (error) {
      logger.error({ err: error }, 'could not claim the request; answering without the request log');
      return answerOnce(request);
    }
    if (!claim.first) {
      if (claim.answer) return claim.answer;
      const lang = await langFor(request.userId, request.locale).catch(() => services.users.defaultLang);
      return { reply: textReply('answer', messages(lang).slack.duplicate), lang };
    }
    const out = await answerOnce(request);
    await services.requests
      .complete(key, out)
      .catch((error: unknown) => logger.error({ err: error }, 'could not keep the answer to a request'));
    return out;
  };

  return {
    langFor,
    parseLine(line) {
      const m = /^\s*(\/\S+)\s*([\s\S]*)$/.exec(line);
      if (!m || !isCommandName(m[1]!)) return null;
      return { command: m[1], text: m[2]!.trim() };
    },
    answer,
    handle: async (request) => (await answer(request)).reply,
  };
}
