import type { Dialogue, Lang } from '../domain/types.js';
import type { Messages } from '../i18n/index.js';
import type { Reply } from '../presentation/reply.js';
import type { Announcement } from '../services/context.js';
import type { Services } from '../services/index.js';
import type { Tokens } from './parse.js';

export type CommandName = '/dialogue' | '/commitments';

/** One slash command as any front end received it. */
export interface CommandRequest {
  readonly command: CommandName;
  readonly text: string;
  readonly userId: string;
  readonly channelId: string | null;
  readonly now: Date;
  /** The user's Slack locale, when the front end knows it (e.g. `es-LA`). */
  readonly locale?: string | null;
  /**
   * Slack only: a key for this delivery (a hash of the signed body). A change
   * carried by a request already seen is not applied again; the first answer is returned.
   */
  readonly requestKey?: string | null;
  /** Slack only: changes are announced in the channel (through the outbox). */
  readonly announce?: boolean;
  /** Slack only: the interaction's response URL, to announce through when the bot is not in the channel. */
  readonly responseUrl?: string | null;
}

export interface CommandContext {
  readonly services: Services;
  readonly request: CommandRequest;
  readonly lang: Lang;
  readonly t: Messages;
  /** Words after the verb. */
  readonly args: Tokens;
  /** The dialogue the command is about (resolved on first use). */
  dialogue(): Promise<Dialogue>;
  /** The user confirmed (`--yes`, or Slack's Confirm button): changes that ask first go ahead. */
  readonly confirmed: boolean;
  /**
   * How a change is announced (Slack only; null elsewhere): `render` words it
   * in a language; it goes to the command's channel, else the dialogue's reminder channel.
   */
  announcer<C>(
    dialogue: Dialogue,
    render: (change: C, lang: Lang) => Reply,
  ): ((change: C) => Announcement | null) | null;
}

export type Handler = (ctx: CommandContext) => Promise<Reply>;

/** Verbs of one slash command; each area of the app contributes its own table. */
export type VerbTable = Readonly<Record<string, Handler>>;
