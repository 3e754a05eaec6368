import type { CommandContext } from './context.js';
import type { Reply, ReplyKind } from './reply.js';

export function plainReply(kind: ReplyKind, text: string): Reply {
  return { kind, summary: text, blocks: [{ type: 'text', text }] };
}

/** Placeholder for a verb whose issue has not landed yet. */
export const comingSoon =
  (command: string, verb: string) =>
  async (ctx: CommandContext): Promise<Reply> =>
    plainReply('answer', ctx.t.comingSoon(`${command} ${verb}`));
