import type { Kysely } from 'kysely';
import { newCommitment } from '../domain/commitments.js';
import { buildCycle, expectedRound, nextRound, type Round, visiblyDiffers } from '../domain/cycle.js';
import type { ImportState } from '../domain/statement/index.js';
import type {
  ImportNote,
  ImportPlan,
  ImportProblem,
  ParsedStatement,
  PlannedDelegate,
  StatementJson,
} from '../domain/statement/types.js';
import type { Dialogue } from '../domain/types.js';
import type { NewAuditEventRow } from '../store/audit.table.js';
import { insertCommitmentRow, listCommitmentRows } from '../store/commitments.repository.js';
import type { Database } from '../store/database.js';
import {
  findRoundRow,
  insertDelegateRows,
  insertRoundRow,
  listDelegateRows,
  listRoundRows,
  updateRoundRow,
} from '../store/rounds.repository.js';
import type { CommitmentService } from './commitments.service.js';
import type { ChangeEvent, ChangeOptions, ServiceContext } from './context.js';
import type { CycleService } from './cycle.service.js';
import type { DialogueService } from './dialogues.service.js';
import { commitmentRow, roundRow, toDelegate, toRound } from './mappers.js';

/** What a statement would record: read by any front end (CLI, local mode, the Slack modal). */
export interface ImportProposal {
  readonly statement: ParsedStatement;
  /** The same statement in the other language, when one was given (`--with`, the form's translation field). */
  readonly translation: ParsedStatement | null;
  /** The contract's `--json` shape of the statement. */
  readonly json: StatementJson;
  /** The dialogue it was matched against, or null (read and print only). */
  readonly dialogueId: string | null;
  readonly dialogue: Dialogue | null;
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

/** The statement parser (patterns and wording tables) is loaded on the first import, not at start. */
const statementParser = () => import('../domain/statement/index.js');

/** Statements longer than this are not joint statements (and not worth parsing). */
export const MAX_STATEMENT_CHARS = 100_000;

const IMPORT_ACTION = 'import';

/** Importing a joint statement (import issue): propose, then apply in one audited transaction. */
export class ImportService {
  constructor(
    readonly ctx: ServiceContext,
    readonly dialogues: DialogueService,
    readonly cycle: CycleService,
    readonly commitments: CommitmentService,
  ) {}

  /**
   * Reads a statement (and its version in the other language, when given); with a dialogue, also
   * plans what recording it would change, each commitment with its words in both languages. Changes nothing.
   */
  async propose(
    text: string,
    dialogueId: string | null,
    now: Date,
    translation: string | null = null,
  ): Promise<ImportProposal> {
    const dialogue = dialogueId ? await this.dialogues.get(dialogueId) : null;
    return this.proposeWith(text, translation, dialogue, now, this.ctx.db);
  }

  /**
   * Records a statement in one audited transaction (editors only): the round
   * held, its delegates, new commitments, the next round expected. Throws
   * `ImportRefused` when the proposal has problems; a repeat import changes nothing.
   */
  async apply(
    dialogueId: string,
    actor: string,
    text: string,
    now: Date,
    /** The channel announcement, written to the outbox in the import's own transaction; `translation`: the same statement in the other language. */
    options: ChangeOptions<ImportResult> & { readonly translation?: string | null } = {},
  ): Promise<ImportResult> {
    this.ctx.requireEditor(dialogueId, actor);
    const at = now.toISOString();
    // Read outside the transaction: SQLite has one connection (see cycle.service.ts).
    const dialogue = await this.dialogues.get(dialogueId);
    const { translation = null, ...change } = options;
    return this.ctx.change<ImportResult>(
      dialogueId,
      at,
      async (trx) => {
        const proposal = await this.proposeWith(text, translation, dialogue, now, trx);
        const plan = proposal.plan;
        if (!plan || proposal.problems.length > 0) throw new ImportRefused(proposal);
        if (plan.noop) return { result: { proposal, plan, changed: false }, audit: [], events: [] };
        const { audit, events } = await record(trx, dialogue, proposal.statement, plan, actor, now);
        return { result: { proposal, plan, changed: true }, audit, events };
      },
      change,
    );
  }

  private async proposeWith(
    text: string,
    translationText: string | null,
    dialogue: Dialogue | null,
    now: Date,
    db: Kysely<Database>,
  ): Promise<ImportProposal> {
    const { parseStatement, planImport, statementJson, translationProblems, withTexts } = await statementParser();
    const read = (t: string) => parseStatement(t.length > MAX_STATEMENT_CHARS ? '' : t);
    const statement = read(text);
    const translation = translationText === null ? null : read(translationText);
    const base = {
      statement,
      translation,
      json: statementJson(statement),
      dialogueId: dialogue?.id ?? null,
      dialogue,
    };
    const early: ImportProblem[] = [];
    const empty = (s: ParsedStatement, t: string) => !t.trim() || s.paragraphs.length === 0;
    if (empty(statement, text) || (translation && translationText !== null && empty(translation, translationText)))
      early.push({ code: 'statement.empty', params: { max: MAX_STATEMENT_CHARS } });
    else if (!statement.meeting.date) early.push({ code: 'statement.no_date', params: {} });
    else if (translation) early.push(...translationProblems(statement, translation));
    if (early.length > 0 || !dialogue) return { ...base, plan: null, problems: early, notes: [] };
    const state = await loadState(db, dialogue);
    const outcome = planImport(statement, state, now);
    const plan = outcome.plan ? withTexts(outcome.plan, statement, translation) : null;
    return { ...base, plan, problems: outcome.problems, notes: outcome.notes };
  }
}

async function loadState(db: Kysely<Database>, dialogue: Dialogue): Promise<ImportState> {
  const rounds = (await listRoundRows(db, dialogue.id)).map(toRound);
  const commitments = (await listCommitmentRows(db, dialogue.id)).map((c) => ({ id: c.id, text: c.text }));
  const delegates = new Map<number, PlannedDelegate[]>();
  for (const r of rounds) {
    const rows = await listDelegateRows(db, dialogue.id, r.edition);
    if (rows.length > 0) delegates.set(r.edition, rows.map(toDelegate));
  }
  return { dialogue, rounds, commitments, delegates };
}

function stripEntry(entry: ReturnType<typeof nextRound>): Round {
  const { projected: _p, overdue: _o, awaitingOutcome: _a, projectedDate: _d, ...round } = entry;
  return round;
}

/** Writes a plan: round held, delegates, new commitments, next round expected; returns audit rows and events. */
async function record(
  trx: Kysely<Database>,
  dialogue: Dialogue,
  statement: ParsedStatement,
  plan: ImportPlan,
  actor: string,
  now: Date,
): Promise<{ audit: NewAuditEventRow[]; events: ChangeEvent[] }> {
  const at = now.toISOString();
  const dialogueId = dialogue.id;
  const note = statement.title ? `joint statement: ${statement.title}` : 'joint statement';
  const audit: NewAuditEventRow[] = [];
  const events: ChangeEvent[] = [];
  const row = (entity: string, entityId: string, field: string | null, from: unknown, to: unknown) =>
    audit.push({
      dialogue_id: dialogueId,
      entity,
      entity_id: entityId,
      at,
      actor,
      action: entity === 'commitment' ? 'created' : IMPORT_ACTION,
      field,
      from_value: from === null || from === undefined ? null : String(from),
      to_value: to === null || to === undefined ? null : String(to),
      note,
    });
  const event = (entity: ChangeEvent['entity'], entityId: string, action: string) =>
    events.push({ dialogueId, entity, entityId, action, actor, at });

  const writeRound = async (before: Round, after: Round, stored: boolean, source: string | null) => {
    const next: Round = {
      ...after,
      sequence: visiblyDiffers(before, after) ? before.sequence + 1 : before.sequence,
      updatedAt: at,
    };
    if (stored) {
      const { dialogue_id: _d, edition: _e, ...update } = roundRow(next, actor, source);
      await updateRoundRow(trx, dialogueId, next.edition, update);
    } else await insertRoundRow(trx, roundRow(next, actor, source));
    for (const f of ['state', 'date', 'time', 'city', 'year', 'host'] as const)
      if (before[f] !== next[f] || !stored) row('round', String(next.edition), f, stored ? before[f] : null, next[f]);
  };

  const rounds = (await listRoundRows(trx, dialogueId)).map(toRound);
  if (plan.roundAction === 'hold') {
    const storedRow = await findRoundRow(trx, dialogueId, plan.edition);
    // Not recorded yet: the projected round (its edition as planned, for a dialogue with no rounds yet).
    const projected = {
      ...stripEntry(nextRound(buildCycle(dialogue, rounds, now, { ahead: 1 }))),
      edition: plan.edition,
    };
    const before = storedRow ? toRound(storedRow) : projected;
    const input = { date: plan.date, host: plan.host, city: plan.city, hostStated: plan.hostStated };
    const after = (await statementParser()).heldFromStatement(dialogue, before, input, now);
    // The statement is now the record of this round.
    await writeRound(before, after, Boolean(storedRow), note);
    event('round', String(plan.edition), 'held');
  }

  if (plan.delegatesAction === 'record') {
    await insertDelegateRows(
      trx,
      plan.delegates.map((d, position) => ({
        dialogue_id: dialogueId,
        edition: plan.edition,
        party: d.party,
        name: d.name,
        title: d.title,
        lead: d.lead ? 1 : 0,
        position,
      })),
    );
    row('round', String(plan.edition), 'delegates', null, plan.delegates.length);
  }

  for (const c of plan.commitments.filter((x) => x.isNew)) {
    const commitment = newCommitment(
      {
        dialogueId,
        id: c.id,
        edition: c.edition,
        paragraph: c.paragraph,
        theme: c.theme,
        text: c.text,
        source: { title: plan.source.title, url: plan.source.url, text: c.sourceText },
        ...(c.texts ? { texts: c.texts } : {}),
      },
      at,
    );
    await insertCommitmentRow(trx, commitmentRow(commitment));
    row('commitment', c.id, null, null, c.text);
    event('commitment', c.id, 'created');
  }

  const next = plan.nextRound;
  if (next && next.action !== 'unchanged') {
    const storedRow = await findRoundRow(trx, dialogueId, next.edition);
    const expected = expectedRound(dialogue, next.edition, next.year, next.host, at);
    const template: Round = storedRow ? toRound(storedRow) : expected;
    const after: Round = {
      ...template,
      host: next.host,
      year: next.year,
      timezone: expected.timezone,
      hostInferred: null,
    };
    await writeRound(template, after, Boolean(storedRow), `joint statement: “${next.source}”`);
    event('round', String(next.edition), storedRow ? 'expected-updated' : 'expected');
  }
  return { audit, events };
}
