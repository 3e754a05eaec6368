import type {
  ImportNote,
  ImportPlan,
  ImportProblem,
  ParsedStatement,
  StatementJson,
} from '../domain/statement/types.js';
import type { CommitmentService } from './commitments.service.js';
import type { ServiceContext } from './context.js';
import type { CycleService } from './cycle.service.js';
import type { DialogueService } from './dialogues.service.js';

/** What a statement would record: read by any front end (CLI, local mode, the Slack modal). */
export interface ImportProposal {
  readonly statement: ParsedStatement;
  /** The contract's `--json` shape of the statement. */
  readonly json: StatementJson;
  /** The dialogue it was matched against, or null (read and print only). */
  readonly dialogueId: string | null;
  /** What recording it would change; null without a dialogue or when a problem blocks it. */
  readonly plan: ImportPlan | null;
  /** Why it cannot be recorded (empty, no date, wrong parties, …). Empty when it can. */
  readonly problems: readonly ImportProblem[];
  /** Things worth saying that do not block it (a delegate whose side is unclear, …). */
  readonly notes: readonly ImportNote[];
}

export interface ImportResult {
  readonly proposal: ImportProposal;
  readonly plan: ImportPlan;
  /** False when the statement had been imported before: nothing was written. */
  readonly changed: boolean;
}

/** A statement that cannot be recorded; carries the proposal so a front end can show why. */
export class ImportRefused extends Error {
  override readonly name = 'ImportRefused';
  readonly code = 'import.refused';
  constructor(readonly proposal: ImportProposal) {
    super(`import refused: ${proposal.problems.map((p) => p.code).join(', ')}`);
  }
}

/** Importing a joint statement (import issue): propose, then apply in one audited transaction. */
export class ImportService {
  constructor(
    readonly ctx: ServiceContext,
    readonly dialogues: DialogueService,
    readonly cycle: CycleService,
    readonly commitments: CommitmentService,
  ) {}

  /** Reads a statement; with a dialogue, also plans what recording it would change. Changes nothing. */
  async propose(_text: string, _dialogueId: string | null, _now: Date): Promise<ImportProposal> {
    throw new Error('not implemented yet');
  }

  /**
   * Records a statement in one audited transaction (editors only): the round
   * held, its delegates, new commitments, the next round expected. Throws
   * `ImportRefused` when the proposal has problems; a repeat import changes nothing.
   */
  async apply(_dialogueId: string, _actor: string, _text: string, _now: Date): Promise<ImportResult> {
    throw new Error('not implemented yet');
  }
}
