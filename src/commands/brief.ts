import { comingSoon } from './common.js';
import type { VerbTable } from './context.js';

/** `/dialogue brief`: the pre-dialogue brief (Slack issue). */
export const briefVerbs: VerbTable = {
  brief: comingSoon('/dialogue', 'brief'),
};
