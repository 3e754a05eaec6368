import {
  type Commitment,
  type CommitmentFilter,
  type CommitmentStatus,
  changeStatus,
  commitmentVisiblyDiffers,
  matchesFilter,
  newCommitment,
  normaliseCommitmentId,
} from '../domain/commitments.js';
import { localDate } from '../domain/dates.js';
import { DomainError } from '../domain/errors.js';
import { partyByWord } from '../domain/types.js';
import { listAuditEvents } from '../store/audit.repository.js';
import type { NewAuditEventRow } from '../store/audit.table.js';
import {
  commitmentIdsWithPrefix,
  findCommitmentRow,
  insertCommitmentRow,
  listCommitmentRows,
  updateCommitmentRow,
} from '../store/commitments.repository.js';
import { ConcurrentChange, type ServiceContext } from './context.js';
import type { DialogueService } from './dialogues.service.js';
import { type AuditEvent, commitmentRow, toAuditEvent, toCommitment } from './mappers.js';

export interface CommitmentChange {
  readonly before: Commitment | null;
  readonly after: Commitment;
}

export interface CommitmentDetail {
  readonly commitment: Commitment;
  /** Latest notes first. */
  readonly notes: AuditEvent[];
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
    return {
      commitment,
      notes: history
        .filter((e) => e.note)
        .reverse()
        .slice(0, notes),
    };
  }

  async history(dialogueId: string, rawId: string): Promise<AuditEvent[]> {
    const c = await this.get(dialogueId, rawId);
    return (await listAuditEvents(this.ctx.db, dialogueId, 'commitment', c.id)).map(toAuditEvent);
  }

  updateStatus(
    dialogueId: string,
    actor: string,
    rawId: string,
    status: CommitmentStatus,
    note: string | null,
    now: Date,
  ): Promise<CommitmentChange> {
    return this.modify(dialogueId, actor, rawId, now, 'status', note, (c) => changeStatus(c, status));
  }

  /** Sets the owner on one side; the side may be left out when only one side has no owner yet. */
  async assign(
    dialogueId: string,
    actor: string,
    rawId: string,
    userId: string,
    sideWord: string | null,
    now: Date,
  ): Promise<CommitmentChange> {
    const dialogue = await this.dialogues.get(dialogueId);
    return this.modify(dialogueId, actor, rawId, now, 'assign', null, (c) => {
      let code: string;
      if (sideWord) {
        const party = partyByWord(dialogue, sideWord);
        if (!party) throw new DomainError('commitment.unknown_party', { side: sideWord });
        code = party.code;
      } else {
        const free = dialogue.parties.filter((p) => !c.owners[p.code]);
        if (free.length !== 1) throw new DomainError('commitment.side_required', { id: c.id });
        code = free[0]!.code;
      }
      return { ...c, owners: { ...c.owners, [code]: userId } };
    });
  }

  async setDue(dialogueId: string, actor: string, rawId: string, date: string, now: Date): Promise<CommitmentChange> {
    const dialogue = await this.dialogues.get(dialogueId);
    if (date < localDate(now, dialogue.timezone)) throw new DomainError('date.in_past', { date });
    return this.modify(dialogueId, actor, rawId, now, 'due', null, (c) => ({ ...c, dueDate: date }));
  }

  note(dialogueId: string, actor: string, rawId: string, text: string, now: Date): Promise<CommitmentChange> {
    if (!text.trim()) throw new DomainError('commitment.empty_text');
    return this.modify(dialogueId, actor, rawId, now, 'note', text.trim(), (c) => c);
  }

  /** A commitment agreed between rounds, typed by an editor: IDs A1, A2, … */
  async add(dialogueId: string, actor: string, text: string, now: Date): Promise<CommitmentChange> {
    this.ctx.requireEditor(dialogueId, actor);
    const clean = text.trim();
    if (!clean) throw new DomainError('commitment.empty_text');
    const at = now.toISOString();
    return this.ctx.change(dialogueId, at, async (trx) => {
      const used = await commitmentIdsWithPrefix(trx, dialogueId, 'A');
      const n = Math.max(0, ...used.map((id) => Number(/^A(\d+)$/.exec(id)?.[1] ?? 0))) + 1;
      const after = newCommitment(
        { dialogueId, id: `A${n}`, edition: null, paragraph: null, theme: 'general', text: clean },
        at,
      );
      await insertCommitmentRow(trx, commitmentRow(after));
      return {
        result: { before: null, after },
        audit: [audit(dialogueId, after.id, at, actor, 'created', null, null, clean, null)],
        events: [{ dialogueId, entity: 'commitment', entityId: after.id, action: 'created', actor, at }],
      };
    });
  }

  private async modify(
    dialogueId: string,
    actor: string,
    rawId: string,
    now: Date,
    action: 'status' | 'assign' | 'due' | 'note',
    note: string | null,
    apply: (c: Commitment) => Commitment,
  ): Promise<CommitmentChange> {
    this.ctx.requireEditor(dialogueId, actor);
    const at = now.toISOString();
    const id = normaliseCommitmentId(rawId);
    return this.ctx.change(dialogueId, at, async (trx) => {
      const row = await findCommitmentRow(trx, dialogueId, id);
      if (!row) throw new DomainError('commitment.not_found', { id: rawId.trim() });
      const before = toCommitment(row);
      const changed = apply(before);
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
      if (!written) throw new ConcurrentChange();
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
        result: { before, after },
        audit: rows,
        events: [{ dialogueId, entity: 'commitment', entityId: id, action, actor, at }],
      };
    });
  }
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
