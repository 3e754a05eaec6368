/** Joint-statement parser and import planner (pure). */

export { pairTranslation, translationProblems, withTexts } from './pair.js';
export { parseStatement, statementJson } from './parse.js';
export { partyFromStatement } from './parties.js';
export { commitmentIds, heldFromStatement, type ImportState, type PlanOutcome, planImport } from './plan.js';
export type * from './types.js';
