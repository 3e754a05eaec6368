import type { Dialogue, Lang } from '../domain/types.js';
import type { Messages } from '../i18n/index.js';
import type { Reply } from '../presentation/reply.js';
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
}

export type Handler = (ctx: CommandContext) => Promise<Reply>;

/** Verbs of one slash command; each area of the app contributes its own table. */
export type VerbTable = Readonly<Record<string, Handler>>;
