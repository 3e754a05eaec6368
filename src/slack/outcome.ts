import type { WebClient } from '@slack/web-api';
import type { Answer } from '../commands/router.js';
import type { Lang } from '../domain/types.js';
import { messages } from '../i18n/index.js';
import type { Reply } from '../presentation/reply.js';
import { isResponseUrl, postResponseUrl, tellUser } from './deliver.js';
import { type RunRequest, runCommand, type SlackDeps } from './deps.js';
import { sendFilesToUser } from './files.js';
import { ephemeralMessage } from './views/reply-message.js';
import type { ModalOrigin } from './views/update-commitment.js';

/** Posts to the response_url of the interaction (Bolt's `respond`, or a kept URL). */
export type Respond = (body: Record<string, unknown>) => Promise<unknown>;

export interface Outcome {
  readonly userId: string;
  readonly lang: Lang;
  readonly reply: Reply;
  /** The channel the interaction came from, when it was a channel message. */
  readonly channel: string | null;
  /** Answers the user privately where they clicked; absent for App Home and modals opened from it. */
  readonly respond?: Respond;
  /** The dialogue concerned, to find its reminder channel when there is no channel of origin. */
  readonly dialogueId?: string | null;
  /** The command to re-run if the user shares the answer (slash commands only). */
  readonly share?: string | null;
  /** The private answer already went out (in the ack of a slash command): only the announcement is left. */
  readonly answered?: boolean;
}

/**
 * Delivers what a command produced: the answer privately to the user
 * (ephemeral where they are, else a DM for anything but a change, which the
 * refreshed App Home shows). The channel hears of a change through the outbox.
 */
export async function deliverOutcome(deps: SlackDeps, client: WebClient, o: Outcome): Promise<void> {
  const { logger } = deps.core;
  const { reply } = o;
  if (o.answered) {
    // The private answer went out in the ack: only the announcement is left.
  } else if (o.respond) {
    // A response URL can expire (30 minutes): the change, if any, must still be announced.
    await o
      .respond({
        response_type: 'ephemeral',
        replace_original: false,
        ...ephemeralMessage(reply, o.lang, o.share ?? null),
      })
      .catch((error) => logger.warn({ err: error }, 'could not answer through the response URL'));
  } else if (reply.kind !== 'change') await tellUser(client, logger, o.userId, reply);
  if (reply.files?.length) await deliverFiles(deps, client, o, reply.files);
  // A change's announcement was written to the outbox in the change's own transaction;
  // the outbox pump delivers it after commit (see outbox-pump.ts), so a crash delays it but never drops it.
}

/** A command a button runs, and how its outcome reaches the user. */
export interface ButtonRun {
  /** The command, run as the user who clicked, in the channel the button is in. */
  readonly request: RunRequest;
  /** Answers where the user clicked; absent for App Home (the user is told by DM, or sees the refreshed Home). */
  readonly respond?: Respond;
  /** The dialogue concerned, when there is no channel of origin (see `Outcome`). */
  readonly dialogueId?: string | null;
  /** Runs under this lock: changes to one commitment one at a time, so a double click applies once. */
  readonly lock?: string;
  /** Delivers the answer its own way (Share posts it to the channel); by default `deliverOutcome`. */
  readonly deliver?: (answer: Answer) => Promise<unknown>;
  /** What the log line says failed (`confirm`, `undo`…). */
  readonly what: string;
}

/**
 * What every button that runs a command does: run it through the router as
 * the user who clicked, then deliver the outcome. Bolt has acked already, so a
 * failure is logged, never thrown.
 */
export async function runAndDeliver(deps: SlackDeps, client: WebClient, o: ButtonRun): Promise<void> {
  try {
    const run = () => runCommand(deps, client, o.request);
    const answer = o.lock ? await deps.locks.run(o.lock, run) : await run();
    if (o.deliver) await o.deliver(answer);
    else
      await deliverOutcome(deps, client, {
        userId: o.request.userId,
        lang: answer.lang,
        reply: answer.reply,
        channel: o.request.channelId,
        respond: o.respond,
        dialogueId: o.dialogueId,
      });
  } catch (error) {
    deps.core.logger.error({ err: error }, `${o.what} failed`);
  }
}

/** Files of a reply (an export) go to the asker as a direct-message file; a failure is told, privately. */
async function deliverFiles(
  deps: SlackDeps,
  client: WebClient,
  o: Outcome,
  files: NonNullable<Reply['files']>,
): Promise<void> {
  try {
    await sendFilesToUser(client, o.userId, files);
  } catch (error) {
    deps.core.logger.error({ err: error, user: o.userId }, 'could not send files to the user');
    const text = messages(o.lang).export.slack.notSent;
    if (o.respond) await o.respond({ response_type: 'ephemeral', replace_original: false, text }).catch(() => {});
    else await client.chat.postMessage({ channel: o.userId, text }).catch(() => {});
  }
}

/**
 * Delivers what a modal's submission produced: privately through the
 * response URL kept from where the modal was opened (when it is Slack's), and
 * a change announced where the button was clicked.
 */
export function deliverFromModal(
  deps: SlackDeps,
  client: WebClient,
  origin: ModalOrigin,
  o: { userId: string; lang: Lang; reply: Reply },
): Promise<void> {
  const url = origin.responseUrl;
  return deliverOutcome(deps, client, {
    ...o,
    channel: origin.channel,
    respond: isResponseUrl(url, deps.core.config.env.slackApiUrl) ? (b) => postResponseUrl(url, b) : undefined,
    dialogueId: origin.dialogue,
  });
}

/** Splits a button value: `R1-7a`, or `mexico-uk|R1-7a` when the dialogue is named. */
export function parseTarget(value: string | undefined): { dialogue: string | null; id: string } | null {
  if (!value) return null;
  const [a, b] = value.split('|', 2);
  if (b !== undefined) return a && b ? { dialogue: a, id: b } : null;
  return a ? { dialogue: null, id: a } : null;
}

/** ` --dialogue <id>` when a dialogue is named, so the router picks it. */
export function dialogueFlag(dialogue: string | null | undefined): string {
  return dialogue ? ` --dialogue ${dialogue}` : '';
}
