import type { Kysely } from 'kysely';
import type { Commitment } from '../domain/commitments.js';
import { type Round, visiblyDiffers } from '../domain/cycle.js';
import { type ChangeTarget, DomainError } from '../domain/errors.js';
import type { Dialogue } from '../domain/types.js';
import type { NewAuditEventRow } from '../store/audit.table.js';
import { changesAfter, findChangeRow, latestChangesBy } from '../store/changes.repository.js';
import type { ChangeRow } from '../store/changes.table.js';
import { deleteCommitmentRow, findCommitmentRow, updateCommitmentRow } from '../store/commitments.repository.js';
import type { Database } from '../store/database.js';
import { deleteRoundRow, findRoundRow, lockDialogueRow, updateRoundRow } from '../store/rounds.repository.js';
import { ConcurrentChange, type ServiceContext, type WorkOutcome } from './context.js';
import type { ChangeRequest } from './cycle.service.js';
import type { DialogueService } from './dialogues.service.js';
import { roundRow, toCommitment, toRound } from './mappers.js';
import { reversePageChange } from './page.service.js';

/** A change may be undone by its author for this long. */
export const UNDO_WINDOW_MS = 24 * 60 * 60_000;

/** What an undo reversed, for the reply and the announcement. */
export interface UndoResult {
  readonly dialogue: Dialogue;
  /** The change that was undone. */
  readonly undone: {
    readonly id: number;
    readonly entity: 'round' | 'commitment' | 'page';
    readonly entityId: string;
    readonly action: string;
    readonly at: string;
  };
  /** Fields put back: from (what it was) → to (what it is again). */
  readonly restored: readonly { readonly field: string; readonly from: string | null; readonly to: string | null }[];
  /** restored fields, removed a record it created, or withdrew a note. */
  readonly kind: 'restored' | 'removed' | 'withdrawn';
  /** The round as it is again (rounds only), or null when it was removed. */
  readonly round: Round | null;
  /** The undo's own number in the change log. */
  readonly changeId: number | null;
}

export type UndoScope = 'round' | 'commitment';

const ROUND_FIELDS = ['state', 'date', 'time', 'city', 'year', 'reason'] as const;

function parse<T>(json: string | null): T | null {
  return json === null ? null : (JSON.parse(json) as T);
}

function fieldsOf(row: ChangeRow): string[] {
  return row.fields ? row.fields.split(',').filter(Boolean) : [];
}

/** What a change touched, for a message: a round by its number as people count it (its edition when it has none). */
async function changeTarget(db: Kysely<Database>, dialogueId: string, row: ChangeRow): Promise<ChangeTarget> {
  if (row.entity === 'round') {
    const stored = await findRoundRow(db, dialogueId, Number(row.entity_id));
    return { round: (stored ? toRound(stored).number : null) ?? Number(row.entity_id) };
  }
  return row.entity === 'page' ? { page: row.entity_id } : { commitment: row.entity_id };
}

function commitmentField(c: Commitment, field: string): string | null {
  if (field === 'status') return c.status;
  if (field === 'due_date') return c.dueDate;
  if (field.startsWith('owner:')) return c.owners[field.slice(6)] ?? null;
  return null;
}

/**
 * Undo: reverses a change made by a command or a button, recorded in the
 * change log and the audit history as a reversal of change N. Only its
 * author may undo it, within 24 hours, and only while no later change builds
 * on it (then the reply names that change).
 */
export class UndoService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly dialogues: DialogueService,
  ) {}

  async undo(
    dialogueId: string,
    actor: string,
    scope: UndoScope | null,
    target: number | null,
    now: Date,
    request: ChangeRequest<UndoResult> = {},
  ): Promise<UndoResult> {
    // A change to one's own page link (any user may reset theirs) is undone by its author, editor or not.
    const editor = this.ctx.isEditor(dialogueId, actor);
    if (target === null && !editor) throw new DomainError('auth.not_editor');
    const dialogue = await this.dialogues.get(dialogueId);
    const at = now.toISOString();
    const { result, changeId } = await this.ctx.record(
      dialogueId,
      at,
      async (trx) => {
        if (this.ctx.lockRows) await lockDialogueRow(trx, dialogueId);
        const change = await this.pick(trx, dialogueId, actor, scope, target, now);
        if (change.entity === 'page') return this.undoPage(trx, dialogue, change, actor, at);
        if (!editor) throw new DomainError('auth.not_editor');
        const entity = change.entity as UndoScope;
        const later = (
          await changesAfter(trx, dialogueId, entity, entity === 'commitment' ? change.entity_id : null, change.id)
        ).filter((c) => c.reversed_by === null && c.reverses === null);
        const fields = fieldsOf(change);
        const blocking = later.find((c) => {
          if (entity === 'round') return true;
          if (change.action === 'created') return true;
          if (change.action === 'note') return false;
          return fieldsOf(c).some((f) => fields.includes(f));
        });
        if (blocking)
          throw new DomainError('undo.depends', {
            id: change.id,
            later: blocking.id,
            actor: blocking.actor,
            target: await changeTarget(trx, dialogueId, blocking),
            action: blocking.action,
            fields: fieldsOf(blocking),
          });
        const audit: NewAuditEventRow[] = [];
        const row = (field: string | null, from: string | null, to: string | null): NewAuditEventRow => ({
          dialogue_id: dialogueId,
          entity,
          entity_id: change.entity_id,
          at,
          actor,
          action: 'undo',
          field,
          from_value: from,
          to_value: to,
          note: null,
          change_id: null,
          reverses: change.id,
        });
        const restored: { field: string; from: string | null; to: string | null }[] = [];
        let kind: UndoResult['kind'] = 'restored';
        let roundNow: Round | null = null;
        let recordBefore: unknown = null;
        let recordAfter: unknown = null;

        if (entity === 'commitment') {
          const current = await findCommitmentRow(trx, dialogueId, change.entity_id, this.ctx.lockRows);
          if (change.action === 'note') {
            kind = 'withdrawn';
            audit.push(row(null, null, null));
          } else if (change.action === 'created') {
            if (!current)
              throw new DomainError('undo.changed_since', {
                id: change.id,
                target: { commitment: change.entity_id },
                field: null,
              });
            kind = 'removed';
            await deleteCommitmentRow(trx, dialogueId, change.entity_id);
            recordBefore = toCommitment(current);
            audit.push(row(null, current.text, null));
          } else {
            if (!current)
              throw new DomainError('undo.changed_since', {
                id: change.id,
                target: { commitment: change.entity_id },
                field: null,
              });
            const now_ = toCommitment(current);
            const before = parse<Commitment>(change.before)!;
            const after = parse<Commitment>(change.after)!;
            const stale = fields.find((f) => commitmentField(now_, f) !== commitmentField(after, f));
            if (stale)
              throw new DomainError('undo.changed_since', {
                id: change.id,
                target: { commitment: change.entity_id },
                field: stale,
              });
            const owners = { ...now_.owners };
            for (const f of fields) if (f.startsWith('owner:')) owners[f.slice(6)] = before.owners[f.slice(6)] ?? null;
            const back: Commitment = {
              ...now_,
              status: fields.includes('status') ? before.status : now_.status,
              dueDate: fields.includes('due_date') ? before.dueDate : now_.dueDate,
              owners,
              sequence: now_.sequence + 1,
              updatedAt: at,
            };
            const written = await updateCommitmentRow(
              trx,
              dialogueId,
              change.entity_id,
              {
                status: back.status,
                owners: JSON.stringify(back.owners),
                due_date: back.dueDate,
                sequence: back.sequence,
                updated_at: at,
              },
              { sequence: now_.sequence, updatedAt: now_.updatedAt },
            );
            if (!written) throw new ConcurrentChange({ entity: 'commitment', entityId: change.entity_id });
            for (const f of fields) {
              const from = commitmentField(now_, f);
              const to = commitmentField(back, f);
              restored.push({ field: f, from, to });
              audit.push(row(f, from, to));
            }
            recordBefore = now_;
            recordAfter = back;
          }
        } else {
          const edition = Number(change.entity_id);
          const current = await findRoundRow(trx, dialogueId, edition);
          const after = parse<Round>(change.after)!;
          // The round by its number as people count it: as it is now, else as the change left it.
          const round = { round: (current ? toRound(current).number : null) ?? after.number ?? edition };
          if (!current) throw new DomainError('undo.changed_since', { id: change.id, target: round, field: null });
          const now_ = toRound(current);
          const stale = ROUND_FIELDS.find((f) => now_[f] !== after[f]);
          if (stale) throw new DomainError('undo.changed_since', { id: change.id, target: round, field: stale });
          const before = parse<Round>(change.before);
          recordBefore = now_;
          if (!before) {
            // The change recorded a round that was only projected: undoing it removes the record again.
            kind = 'removed';
            await deleteRoundRow(trx, dialogueId, edition);
            for (const f of ROUND_FIELDS)
              if (now_[f] !== null && f !== 'year') {
                restored.push({ field: f, from: String(now_[f]), to: null });
                audit.push(row(f, String(now_[f]), null));
              }
          } else {
            const back: Round = {
              ...now_,
              state: before.state,
              date: before.date,
              time: before.time,
              endTime: before.endTime ?? null,
              city: before.city,
              year: before.year,
              reason: before.reason,
              host: before.host,
              timezone: before.timezone,
              sequence: visiblyDiffers(now_, before) ? now_.sequence + 1 : now_.sequence,
              updatedAt: at,
            };
            const { dialogue_id: _d, edition: _e, number: _n, ...update } = roundRow(back, actor);
            const written = await updateRoundRow(
              trx,
              dialogueId,
              edition,
              { ...update, source: current.source },
              { sequence: now_.sequence, updatedAt: now_.updatedAt },
            );
            if (!written) throw new ConcurrentChange({ entity: 'round', entityId: String(edition) });
            for (const f of ROUND_FIELDS) {
              if (now_[f] === back[f]) continue;
              const from = now_[f] === null ? null : String(now_[f]);
              const to = back[f] === null ? null : String(back[f]);
              restored.push({ field: f, from, to });
              if (f !== 'reason') audit.push(row(f, from, to));
            }
            roundNow = back;
            recordAfter = back;
          }
        }
        if (audit.length === 0) audit.push(row(null, null, null));
        const result: UndoResult = {
          dialogue,
          undone: {
            id: change.id,
            entity,
            entityId: change.entity_id,
            action: change.action,
            at: change.at,
          },
          restored,
          kind,
          round: roundNow,
          changeId: null,
        };
        return {
          result,
          audit,
          events: [{ dialogueId, entity, entityId: change.entity_id, action: 'undo', actor, at }],
          record: {
            entity,
            entityId: change.entity_id,
            action: 'undo',
            fields: restored.map((r) => r.field).filter((f) => f !== 'reason' || entity === 'round'),
            before: recordBefore,
            after: recordAfter,
            reverses: change.id,
          },
        };
      },
      { announce: request.announce ?? null },
    );
    return { ...result, changeId };
  }

  /** Undoes a change to page links: each link made live or revoked by it is put back (see page.service.ts). */
  private async undoPage(
    trx: Parameters<Parameters<ServiceContext['record']>[2]>[0],
    dialogue: Dialogue,
    change: ChangeRow & { id: number },
    actor: string,
    at: string,
  ): Promise<WorkOutcome<UndoResult>> {
    const later = (await changesAfter(trx, dialogue.id, 'page', change.entity_id, change.id)).find(
      (c) => c.reversed_by === null && c.reverses === null,
    );
    if (later)
      throw new DomainError('undo.depends', {
        id: change.id,
        later: later.id,
        actor: later.actor,
        target: { page: change.entity_id },
        action: later.action,
        fields: [],
      });
    await reversePageChange(trx, change, at);
    return {
      result: {
        dialogue,
        undone: { id: change.id, entity: 'page', entityId: change.entity_id, action: change.action, at: change.at },
        restored: [],
        kind: 'restored',
        round: null,
        changeId: null,
      },
      audit: [
        {
          dialogue_id: dialogue.id,
          entity: 'page',
          entity_id: change.entity_id,
          at,
          actor,
          action: 'undo',
          field: null,
          from_value: null,
          to_value: null,
          note: null,
          change_id: null,
          reverses: change.id,
        },
      ],
      events: [{ dialogueId: dialogue.id, entity: 'page', entityId: change.entity_id, action: 'undo', actor, at }],
      record: {
        entity: 'page',
        entityId: change.entity_id,
        action: 'undo',
        fields: [],
        before: change.after === null ? null : JSON.parse(change.after),
        after: change.before === null ? null : JSON.parse(change.before),
        reverses: change.id,
      },
    };
  }

  /** The change to undo: the one named, or the actor's last one that is still in force. */
  private async pick(
    trx: Parameters<Parameters<ServiceContext['record']>[2]>[0],
    dialogueId: string,
    actor: string,
    scope: UndoScope | null,
    target: number | null,
    now: Date,
  ): Promise<ChangeRow & { id: number }> {
    let change: ChangeRow | undefined;
    if (target !== null) {
      change = await findChangeRow(trx, target);
      if (!change || change.dialogue_id !== dialogueId || change.reverses !== null)
        throw new DomainError('undo.not_found', { id: target });
      if (change.actor !== actor) throw new DomainError('undo.not_author', { id: target, actor: change.actor });
      if (change.reversed_by !== null) throw new DomainError('undo.already', { id: target });
    } else {
      const recent = await latestChangesBy(trx, dialogueId, actor, scope, 50);
      change = recent.find((c) => c.reverses === null && c.reversed_by === null);
      if (!change) throw new DomainError('undo.nothing');
    }
    if (now.getTime() - Date.parse(change.at) > UNDO_WINDOW_MS) {
      if (target === null) throw new DomainError('undo.nothing');
      throw new DomainError('undo.too_old', { id: change.id });
    }
    return { ...change, id: Number(change.id) };
  }
}
