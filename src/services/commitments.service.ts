import type { Kysely } from 'kysely';
import {
  assignOwner,
  type Commitment,
  type CommitmentFilter,
  type CommitmentStatus,
  changeStatus,
  commitmentVisiblyDiffers,
  matchesFilter,
  newCommitment,
  normaliseCommitmentId,
  setDueDate,
  statusConfirmations,
} from '../domain/commitments.js';
import { localDate } from '../domain/dates.js';
import { type ConfirmReason, DomainError, NeedsConfirmation, requireCleanText } from '../domain/errors.js';
import { type Dialogue, partyByWord } from '../domain/types.js';
import { listAuditEvents } from '../store/audit.repository.js';
import type { NewAuditEventRow } from '../store/audit.table.js';
import { reversedChangeIds } from '../store/changes.repository.js';
import {
  commitmentIdsWithPrefix,
  findCommitmentRow,
  insertCommitmentRow,
  listCommitmentRows,
  updateCommitmentRow,
} from '../store/commitments.repository.js';
import type { Database } from '../store/database.js';
import { ConcurrentChange, type ServiceContext, type WorkOutcome } from './context.js';
import type { ChangeRequest } from './cycle.service.js';
import type { DialogueService } from './dialogues.service.js';
import { type AuditEvent, commitmentRow, toAuditEvent, toCommitment } from './mappers.js';

export interface CommitmentChange {
  readonly before: Commitment | null;
  readonly after: Commitment;
  /** The change's number in the change log (what Undo reverses). */
  readonly changeId: number | null;
}

/** Words a user may type for each side, e.g. `mx|uk` (the first alias, else the code). */
export function sideWords(dialogue: Dialogue): string[] {
  return dialogue.parties.map((p) => p.aliases[0] ?? p.code.toLowerCase());
}

export interface CommitmentDetail {
  readonly commitment: Commitment;
  /** Latest notes first. */
  readonly notes: AuditEvent[];
  /** Notes older than those shown (withdrawn ones aside): the history shows them. */
  readonly earlierNotes: number;
}

/** One collator for every comparison: `localeCompare` with options builds a new one per call. */
const idOrder = new Intl.Collator('en', { numeric: true });

/** Natural order: by round, then paragraph number, then ID. */
function byPosition(a: Commitment, b: Commitment): number {
  return (
    (a.edition ?? 1e9) - (b.edition ?? 1e9) ||
    Number.parseInt(a.paragraph ?? '1e9', 10) - Number.parseInt(b.paragraph ?? '1e9', 10) ||
    idOrder.compare(a.id, b.id)
  );
}

export class CommitmentService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly dialogues: DialogueService,
  ) {}

  async list(dialogueId: string, filter: CommitmentFilter = { kind: 'all' }): Promise<Commitment[]> {
    const rows = await listCommitmentRows(this.ctx.db, dialogueId);
    return rows
      .map(toCommitment)
      .filter((c) => matchesFilter(c, filter))
      .sort(byPosition);
  }

  async themes(dialogueId: string): Promise<string[]> {
    return [...new Set((await this.list(dialogueId)).map((c) => c.theme))].sort();
  }

  async get(dialogueId: string, rawId: string): Promise<Commitment> {
    const id = normaliseCommitmentId(rawId);
    const row = await findCommitmentRow(this.ctx.db, dialogueId, id);
    if (!row) throw new DomainError('commitment.not_found', { id: rawId.trim() });
    return toCommitment(row);
  }

  async detail(dialogueId: string, rawId: string, notes = 3): Promise<CommitmentDetail> {
    const commitment = await this.get(dialogueId, rawId);
    const history = await this.history(dialogueId, commitment.id);
    const all = history.filter((e) => e.note && !e.undone && e.action !== 'undo').reverse();
    return { commitment, notes: all.slice(0, notes), earlierNotes: Math.max(0, all.length - notes) };
  }

  /** Every audited change, oldest first; a note whose change was undone is marked withdrawn. */
  async history(dialogueId: string, rawId: string): Promise<AuditEvent[]> {
    const c = await this.get(dialogueId, rawId);
    const [rows, reversed] = await Promise.all([
      listAuditEvents(this.ctx.db, dialogueId, 'commitment', c.id),
      reversedChangeIds(this.ctx.db, dialogueId, 'commitment', c.id),
    ]);
    return rows.map((r) => ({ ...toAuditEvent(r), undone: r.change_id !== null && reversed.has(Number(r.change_id)) }));
  }

  updateStatus(
    dialogueId: string,
    actor: string,
    rawId: string,
    status: CommitmentStatus,
    note: string | null,
    now: Date,
    request: ChangeRequest<CommitmentChange> = {},
  ): Promise<CommitmentChange> {
    if (note) requireCleanText(note);
    return this.modify(
      dialogueId,
      actor,
      rawId,
      now,
      'status',
      note,
      (c) => changeStatus(c, status),
      request,
      (c) => statusConfirmations(c, status),
    );
  }

  /** Sets the owner on one side; the side may be left out when only one side has no owner yet. */
  async assign(
    dialogueId: string,
    actor: string,
    rawId: string,
    userId: string,
    sideWord: string | null,
    now: Date,
    request: ChangeRequest<CommitmentChange> = {},
  ): Promise<CommitmentChange> {
    const dialogue = await this.dialogues.get(dialogueId);
    const words = sideWords(dialogue);
    let chosen = sideWord ? partyByWord(dialogue, sideWord) : undefined;
    if (sideWord && !chosen)
      throw new DomainError('commitment.unknown_party', { side: sideWord, sides: words.join('|') });
    return this.modify(
      dialogueId,
      actor,
      rawId,
      now,
      'assign',
      null,
      (c) => {
        if (!chosen) {
          const free = dialogue.parties.filter((p) => !c.owners[p.code]);
          if (free.length !== 1)
            throw new DomainError('commitment.side_required', { id: c.id, example: words[0] ?? '' });
          chosen = free[0]!;
        }
        return assignOwner(c, chosen, userId);
      },
      request,
    );
  }

  async setDue(
    dialogueId: string,
    actor: string,
    rawId: string,
    date: string,
    now: Date,
    request: ChangeRequest<CommitmentChange> = {},
  ): Promise<CommitmentChange> {
    const dialogue = await this.dialogues.get(dialogueId);
    if (date < localDate(now, dialogue.timezone)) throw new DomainError('date.in_past', { date });
    return this.modify(dialogueId, actor, rawId, now, 'due', null, (c) => setDueDate(c, date), request);
  }

  /**
   * A note is appended, never merged: it writes an audit row and touches no
   * field of the commitment, so notes added at the same moment never collide.
   */
  async note(
    dialogueId: string,
    actor: string,
    rawId: string,
    text: string,
    now: Date,
    request: ChangeRequest<CommitmentChange> = {},
  ): Promise<CommitmentChange> {
    this.ctx.requireEditor(dialogueId, actor);
    const clean = commitmentText(text);
    const id = normaliseCommitmentId(rawId);
    return this.recordChange(dialogueId, now, request, async (trx, at) => {
      const row = await findCommitmentRow(trx, dialogueId, id);
      if (!row) throw new DomainError('commitment.not_found', { id: rawId.trim() });
      const c = toCommitment(row);
      return {
        result: { before: c, after: c, changeId: null },
        audit: [audit(dialogueId, id, at, actor, 'note', null, null, null, clean)],
        events: [{ dialogueId, entity: 'commitment', entityId: id, action: 'note', actor, at }],
        record: { entity: 'commitment', entityId: id, action: 'note', fields: [], before: null, after: null },
      };
    });
  }

  /** A commitment agreed between rounds, typed by an editor: IDs A1, A2, … */
  async add(
    dialogueId: string,
    actor: string,
    text: string,
    now: Date,
    request: ChangeRequest<CommitmentChange> = {},
  ): Promise<CommitmentChange> {
    this.ctx.requireEditor(dialogueId, actor);
    const clean = commitmentText(text);
    return this.recordChange(dialogueId, now, request, async (trx, at) => {
      const used = await commitmentIdsWithPrefix(trx, dialogueId, 'A');
      const n = Math.max(0, ...used.map((id) => Number(/^A(\d+)$/.exec(id)?.[1] ?? 0))) + 1;
      const after = newCommitment(
        { dialogueId, id: `A${n}`, edition: null, paragraph: null, theme: 'general', text: clean, createdBy: actor },
        at,
      );
      await insertCommitmentRow(trx, commitmentRow(after));
      return {
        result: { before: null, after, changeId: null },
        audit: [audit(dialogueId, after.id, at, actor, 'created', null, null, clean, null)],
        events: [{ dialogueId, entity: 'commitment', entityId: after.id, action: 'created', actor, at }],
        record: { entity: 'commitment', entityId: after.id, action: 'created', fields: [], before: null, after },
      };
    });
  }

  private async modify(
    dialogueId: string,
    actor: string,
    rawId: string,
    now: Date,
    action: 'status' | 'assign' | 'due',
    note: string | null,
    apply: (c: Commitment) => Commitment,
    request: ChangeRequest<CommitmentChange>,
    confirmations?: (c: Commitment) => ConfirmReason[],
  ): Promise<CommitmentChange> {
    this.ctx.requireEditor(dialogueId, actor);
    const id = normaliseCommitmentId(rawId);
    return this.recordChange(dialogueId, now, request, async (trx, at) => {
      // Postgres: the row stays locked until commit, so concurrent changes to it queue instead of colliding.
      const row = await findCommitmentRow(trx, dialogueId, id, this.ctx.lockRows);
      if (!row) throw new DomainError('commitment.not_found', { id: rawId.trim() });
      const before = toCommitment(row);
      const changed = apply(before);
      if (!request.confirmed) {
        const reasons = confirmations?.(before) ?? [];
        if (reasons.length > 0) throw new NeedsConfirmation(reasons);
      }
      const after: Commitment = {
        ...changed,
        sequence: commitmentVisiblyDiffers(before, changed) ? before.sequence + 1 : before.sequence,
        updatedAt: at,
      };
      const written = await updateCommitmentRow(
        trx,
        dialogueId,
        id,
        {
          status: after.status,
          owners: JSON.stringify(after.owners),
          due_date: after.dueDate,
          sequence: after.sequence,
          updated_at: at,
        },
        { sequence: before.sequence, updatedAt: before.updatedAt },
      );
      if (!written) throw new ConcurrentChange({ entity: 'commitment', entityId: id });
      const rows: NewAuditEventRow[] = [];
      if (before.status !== after.status)
        rows.push(audit(dialogueId, id, at, actor, action, 'status', before.status, after.status, note));
      if (before.dueDate !== after.dueDate)
        rows.push(audit(dialogueId, id, at, actor, action, 'due_date', before.dueDate, after.dueDate, note));
      for (const side of new Set([...Object.keys(before.owners), ...Object.keys(after.owners)])) {
        const from = before.owners[side] ?? null;
        const to = after.owners[side] ?? null;
        if (from !== to) rows.push(audit(dialogueId, id, at, actor, action, `owner:${side}`, from, to, note));
      }
      if (rows.length === 0 && note) rows.push(audit(dialogueId, id, at, actor, action, null, null, null, note));
      return {
        result: { before, after, changeId: null },
        audit: rows,
        events: [{ dialogueId, entity: 'commitment', entityId: id, action, actor, at }],
        record: {
          entity: 'commitment',
          entityId: id,
          action,
          fields: rows.map((r) => r.field).filter((f): f is string => Boolean(f)),
          before,
          after,
        },
      };
    });
  }

  /**
   * What every change of a commitment does around its own work: one moment
   * for the whole change, the change log (so it can be undone) and its
   * announcement; the change comes back with its number in the log.
   */
  private async recordChange(
    dialogueId: string,
    now: Date,
    request: ChangeRequest<CommitmentChange>,
    work: (trx: Kysely<Database>, at: string) => Promise<WorkOutcome<CommitmentChange>>,
  ): Promise<CommitmentChange> {
    const at = now.toISOString();
    const { result, changeId } = await this.ctx.record(dialogueId, at, (trx) => work(trx, at), {
      announce: request.announce ?? null,
    });
    return { ...result, changeId };
  }
}

/** A commitment's or a note's text: trimmed, never empty, no control characters. */
function commitmentText(text: string): string {
  const clean = requireCleanText(text.trim());
  if (!clean) throw new DomainError('commitment.empty_text');
  return clean;
}

function audit(
  dialogueId: string,
  id: string,
  at: string,
  actor: string,
  action: string,
  field: string | null,
  from: string | null,
  to: string | null,
  note: string | null,
): NewAuditEventRow {
  return {
    change_id: null,
    reverses: null,
    dialogue_id: dialogueId,
    entity: 'commitment',
    entity_id: id,
    at,
    actor,
    action,
    field,
    from_value: from,
    to_value: to,
    note,
  };
}
