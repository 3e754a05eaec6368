import { textReply } from '../../presentation/reply.js';
import type { VerbTable } from '../context.js';

/** `/dialogue import`: in Slack the Slack layer opens a modal first; elsewhere, how to import from the terminal. */
export const importVerbs: VerbTable = {
  async import(ctx) {
    return textReply('answer', ctx.t.import.command.local);
  },
};
