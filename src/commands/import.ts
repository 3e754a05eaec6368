import { comingSoon } from './common.js';
import type { VerbTable } from './context.js';

/** `/dialogue import` (import issue; in Slack it opens a modal). */
export const importVerbs: VerbTable = {
  import: comingSoon('/dialogue', 'import'),
};
