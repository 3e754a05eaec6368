import {
  buildCycle,
  type CycleEntry,
  cancelRound,
  heldConfirmations,
  lastHeldRound,
  markHeld,
  nextRound,
  postponeRound,
  type Round,
  requireRecorded,
  type ScheduleInput,
  scheduleConfirmations,
  scheduleRound,
  visiblyDiffers,
} from '../domain/cycle.js';
import { type ConfirmReason, NeedsConfirmation } from '../domain/errors.js';
import type { Dialogue } from '../domain/types.js';
import {
  findRoundRow,
  insertRoundRow,
  listDelegateRows,
  listRoundRows,
  lockDialogueRow,
  updateRoundRow,
} from '../store/rounds.repository.js';
import { type Announcement, type ChangeEvent, ConcurrentChange, type ServiceContext } from './context.js';
import type { DialogueService } from './dialogues.service.js';
import { type Delegate, roundRow, toDelegate, toRound } from './mappers.js';
import { isWorkingDay } from './working-days.js';

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
  /** The change's number in the change log (what Undo reverses). */
  readonly changeId: number | null;
}

/** How a command asks for a change: confirmed or not, and what to announce. */
export interface ChangeRequest<C> {
  /** The user confirmed (Slack's Confirm button, `--yes`): changes that ask first go ahead. */
  readonly confirmed?: boolean;
  /** The channel announcement, rendered from the change (written to the outbox in its transaction). */
  readonly announce?: ((change: C) => Announcement | null) | null;
}

interface TransitionSpec {
  readonly action: 'schedule' | 'held' | 'postpone' | 'cancel';
  readonly note: string | null;
  /** Postpone and cancel act only on a recorded round, never a projected one. */
  readonly recordedOnly?: boolean;
  readonly apply: (round: Round, lastHeld: Round | undefined) => Round;
  readonly confirmations?: (before: Round, after: Round, lastHeld: Round | undefined) => ConfirmReason[];
}

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

  schedule(
    dialogueId: string,
    actor: string,
    input: ScheduleInput,
    now: Date,
    request: ChangeRequest<RoundChange> = {},
  ): Promise<RoundChange> {
    return this.transition(dialogueId, actor, now, request, {
      action: 'schedule',
      note: null,
      apply: (r) => scheduleRound(r, input, now),
      confirmations: (before, after) =>
        before.date === after.date && before.state === 'scheduled'
          ? []
          : scheduleConfirmations(this.dialogueOf(dialogueId), input.date, isWorkingDay),
    });
  }

  held(
    dialogueId: string,
    actor: string,
    date: string,
    now: Date,
    request: ChangeRequest<RoundChange> = {},
  ): Promise<RoundChange> {
    return this.transition(dialogueId, actor, now, request, {
      action: 'held',
      note: null,
      apply: (r, lastHeld) => markHeld(r, date, now, lastHeld),
      confirmations: (before, _after, lastHeld) =>
        heldConfirmations(before, date, lastHeld, this.dialogueOf(dialogueId).cadenceYears),
    });
  }

  postpone(
    dialogueId: string,
    actor: string,
    reason: string | null,
    now: Date,
    request: ChangeRequest<RoundChange> = {},
  ): Promise<RoundChange> {
    return this.transition(dialogueId, actor, now, request, {
      action: 'postpone',
      note: reason,
      recordedOnly: true,
      apply: (r) => postponeRound(r, reason),
    });
  }

  cancel(
    dialogueId: string,
    actor: string,
    reason: string | null,
    now: Date,
    request: ChangeRequest<RoundChange> = {},
  ): Promise<RoundChange> {
    return this.transition(dialogueId, actor, now, request, {
      action: 'cancel',
      note: reason,
      recordedOnly: true,
      apply: (r) => cancelRound(r, reason),
      confirmations: (before) => [{ code: 'cancel_round', number: before.number ?? null, year: before.year }],
    });
  }

  /** The dialogue read before the transaction (kept for the checks that run inside it). */
  private readonly read = new Map<string, Dialogue>();
  private dialogueOf(dialogueId: string): Dialogue {
    const d = this.read.get(dialogueId);
    if (!d) throw new Error(`dialogue ${dialogueId} was not read before its change`);
    return d;
  }

  /**
   * Applies a state transition to the next open round (recording a projected
   * round first when it is not in the store yet), checked, audited and kept
   * in the change log, in one transaction.
   */
  private async transition(
    dialogueId: string,
    actor: string,
    now: Date,
    request: ChangeRequest<RoundChange>,
    spec: TransitionSpec,
  ): Promise<RoundChange> {
    this.ctx.requireEditor(dialogueId, actor);
    const at = now.toISOString();
    // Read outside the transaction: SQLite has one connection, and a query on
    // it from inside the transaction's callback would wait for itself.
    const dialogue = await this.dialogues.get(dialogueId);
    this.read.set(dialogueId, dialogue);
    const { result, changeId } = await this.ctx.record(
      dialogueId,
      at,
      async (trx) => {
        // Changes to one cycle run one at a time (Postgres): the next round is worked out from what is committed.
        if (this.ctx.lockRows) await lockDialogueRow(trx, dialogueId);
        const rounds = (await listRoundRows(trx, dialogueId)).map(toRound);
        const cycle = buildCycle(dialogue, rounds, now, { ahead: 1 });
        const next = nextRound(cycle);
        if (spec.recordedOnly) requireRecorded(next);
        const lastHeld = lastHeldRound(cycle);
        const stored = await findRoundRow(trx, dialogueId, next.edition);
        const before: Round = stored ? { ...toRound(stored), number: next.number } : stripEntry(next);
        const changed = spec.apply(before, lastHeld);
        if (!request.confirmed) {
          const reasons = spec.confirmations?.(before, changed, lastHeld) ?? [];
          if (reasons.length > 0) throw new NeedsConfirmation(reasons);
        }
        const after: Round = {
          ...changed,
          sequence: visiblyDiffers(before, changed) ? before.sequence + 1 : before.sequence,
          updatedAt: at,
        };
        if (stored) {
          const { dialogue_id: _d, edition: _e, number: _n, ...update } = roundRow(after, actor);
          const written = await updateRoundRow(
            trx,
            dialogueId,
            after.edition,
            { ...update, source: stored.source },
            { sequence: before.sequence, updatedAt: before.updatedAt },
          );
          if (!written) throw new ConcurrentChange({ entity: 'round', entityId: String(after.edition) });
        } else {
          await insertRoundRow(trx, roundRow(after, actor, 'projected'));
        }
        const entityId = String(after.edition);
        const fields = (['state', 'date', 'time', 'endTime', 'city', 'year', 'reason'] as const).filter(
          (f) => (before[f] ?? null) !== (after[f] ?? null),
        );
        const audit = fields
          .filter((f) => f !== 'reason')
          .map((field) => ({
            dialogue_id: dialogueId,
            entity: 'round',
            entity_id: entityId,
            at,
            actor,
            action: spec.action,
            field,
            from_value: before[field] == null ? null : String(before[field]),
            to_value: after[field] == null ? null : String(after[field]),
            note: spec.note,
            change_id: null,
            reverses: null,
          }));
        const events: ChangeEvent[] = [{ dialogueId, entity: 'round', entityId, action: spec.action, actor, at }];
        return {
          result: { dialogue, before, after, changeId: null } as RoundChange,
          audit,
          events,
          record: {
            entity: 'round',
            entityId,
            action: spec.action,
            fields,
            before: stored ? before : null,
            after,
          },
        };
      },
      { announce: request.announce ?? null },
    );
    return { ...result, changeId };
  }
}

function stripEntry(entry: CycleEntry): Round {
  const { projected: _p, overdue: _o, awaitingOutcome: _a, projectedDate: _d, ...round } = entry;
  return round;
}
