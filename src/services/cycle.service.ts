import {
  buildCycle,
  type CycleEntry,
  cancelRound,
  lastHeldRound,
  markHeld,
  nextRound,
  postponeRound,
  type Round,
  type ScheduleInput,
  scheduleRound,
  visiblyDiffers,
} from '../domain/cycle.js';
import type { Dialogue } from '../domain/types.js';
import {
  findRoundRow,
  insertRoundRow,
  listDelegateRows,
  listRoundRows,
  updateRoundRow,
} from '../store/rounds.repository.js';
import { type ChangeEvent, ConcurrentChange, type ServiceContext } from './context.js';
import type { DialogueService } from './dialogues.service.js';
import { type Delegate, roundRow, toDelegate, toRound } from './mappers.js';

export interface CycleView {
  readonly dialogue: Dialogue;
  readonly entries: CycleEntry[];
  readonly next: CycleEntry;
  readonly lastHeld: CycleEntry | undefined;
}

export interface RoundChange {
  readonly dialogue: Dialogue;
  readonly before: Round;
  readonly after: Round;
}

type Transition = (round: Round) => Round;

export class CycleService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly dialogues: DialogueService,
  ) {}

  async rounds(dialogueId: string): Promise<Round[]> {
    return (await listRoundRows(this.ctx.db, dialogueId)).map(toRound);
  }

  async view(dialogueId: string, now: Date, ahead = 2): Promise<CycleView> {
    const dialogue = await this.dialogues.get(dialogueId);
    const entries = buildCycle(dialogue, await this.rounds(dialogueId), now, { ahead });
    return { dialogue, entries, next: nextRound(entries), lastHeld: lastHeldRound(entries) };
  }

  async delegates(dialogueId: string, edition: number): Promise<Delegate[]> {
    return (await listDelegateRows(this.ctx.db, dialogueId, edition)).map(toDelegate);
  }

  schedule(dialogueId: string, actor: string, input: ScheduleInput, now: Date): Promise<RoundChange> {
    return this.transition(dialogueId, actor, now, 'schedule', null, (r) => scheduleRound(r, input, now));
  }

  held(dialogueId: string, actor: string, date: string, now: Date): Promise<RoundChange> {
    return this.transition(dialogueId, actor, now, 'held', null, (r) => markHeld(r, date, now));
  }

  postpone(dialogueId: string, actor: string, reason: string | null, now: Date): Promise<RoundChange> {
    return this.transition(dialogueId, actor, now, 'postpone', reason, (r) => postponeRound(r, reason));
  }

  cancel(dialogueId: string, actor: string, reason: string | null, now: Date): Promise<RoundChange> {
    return this.transition(dialogueId, actor, now, 'cancel', reason, (r) => cancelRound(r, reason));
  }

  /**
   * Applies a state transition to the next open round (recording a projected
   * round first when it is not in the store yet), audited, in one transaction.
   */
  private async transition(
    dialogueId: string,
    actor: string,
    now: Date,
    action: string,
    note: string | null,
    apply: Transition,
  ): Promise<RoundChange> {
    this.ctx.requireEditor(dialogueId, actor);
    const at = now.toISOString();
    // Read outside the transaction: SQLite has one connection, and a query on
    // it from inside the transaction's callback would wait for itself.
    const dialogue = await this.dialogues.get(dialogueId);
    return this.ctx.change(dialogueId, at, async (trx) => {
      const rounds = (await listRoundRows(trx, dialogueId)).map(toRound);
      const next = nextRound(buildCycle(dialogue, rounds, now, { ahead: 1 }));
      const stored = await findRoundRow(trx, dialogueId, next.edition);
      const before: Round = stored ? toRound(stored) : stripEntry(next);
      const changed = apply(before);
      const after: Round = {
        ...changed,
        sequence: visiblyDiffers(before, changed) ? before.sequence + 1 : before.sequence,
        updatedAt: at,
      };
      if (stored) {
        const { dialogue_id: _d, edition: _e, ...update } = roundRow(after, actor);
        const written = await updateRoundRow(
          trx,
          dialogueId,
          after.edition,
          { ...update, source: stored.source },
          { sequence: before.sequence, updatedAt: before.updatedAt },
        );
        if (!written) throw new ConcurrentChange();
      } else {
        await insertRoundRow(trx, roundRow(after, actor, 'projected'));
      }
      const entityId = String(after.edition);
      const audit = (['state', 'date', 'time', 'city', 'year'] as const)
        .filter((f) => before[f] !== after[f])
        .map((field) => ({
          dialogue_id: dialogueId,
          entity: 'round',
          entity_id: entityId,
          at,
          actor,
          action,
          field,
          from_value: before[field] === null ? null : String(before[field]),
          to_value: after[field] === null ? null : String(after[field]),
          note,
        }));
      const events: ChangeEvent[] = [{ dialogueId, entity: 'round', entityId, action, actor, at }];
      return { result: { dialogue, before, after }, audit, events };
    });
  }
}

function stripEntry(entry: CycleEntry): Round {
  const { projected: _p, overdue: _o, awaitingOutcome: _a, projectedDate: _d, ...round } = entry;
  return round;
}
