import { comingSoon } from './common.js';
import type { VerbTable } from './context.js';

/** `/dialogue subscribe` and `/dialogue unsubscribe` (calendar issue). */
export const subscriptionVerbs: VerbTable = {
  subscribe: comingSoon('/dialogue', 'subscribe'),
  unsubscribe: comingSoon('/dialogue', 'unsubscribe'),
};
