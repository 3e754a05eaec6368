import type { Commitment, CommitmentStatus } from '../domain/commitments.js';
import type { Round, RoundState } from '../domain/cycle.js';
import type { Dialogue, Party } from '../domain/types.js';
import type { AuditEventRow } from '../store/audit.table.js';
import type { CommitmentRow, NewCommitmentRow } from '../store/commitments.table.js';
import type { DelegateRow } from '../store/delegates.table.js';
import type { DialogueRow } from '../store/dialogues.table.js';
import type { NewRoundRow, RoundRow } from '../store/rounds.table.js';

/** What `dialogues.definition` holds (JSON). */
interface DialogueDefinition {
  cadenceYears: number;
  alternateHost: boolean;
  parties: [Party, Party];
  source: Dialogue['source'];
}

export function dialogueDefinition(d: Dialogue): string {
  const def: DialogueDefinition = {
    cadenceYears: d.cadenceYears,
    alternateHost: d.alternateHost,
    parties: [d.parties[0], d.parties[1]],
    source: d.source,
  };
  return JSON.stringify(def);
}

/**
 * A stored dialogue. The zone follows config. Reminder channel, first that is
 * set: the dialogue's own (`/dialogue remind-here`, then its config file's
 * `reminderChannel`), then the default for dialogues that have none
 * (`REMINDER_CHANNEL`, then `reminderChannel` in default.yml).
 */
export function toDialogue(
  row: DialogueRow,
  settings: { timezone: string; ownChannel: string | null; defaultChannel: string | null },
): Dialogue {
  const def = JSON.parse(row.definition) as DialogueDefinition;
  return {
    id: row.id,
    name: { en: row.name_en, es: row.name_es },
    cadenceYears: def.cadenceYears,
    alternateHost: def.alternateHost,
    parties: def.parties,
    source: def.source,
    timezone: settings.timezone,
    reminderChannel: row.reminder_channel ?? settings.ownChannel ?? settings.defaultChannel,
  };
}

export function toRound(row: RoundRow): Round {
  return {
    dialogueId: row.dialogue_id,
    edition: Number(row.edition),
    number: row.number === null || row.number === undefined ? null : Number(row.number),
    year: Number(row.year),
    host: row.host,
    state: row.state as RoundState,
    date: row.date,
    time: row.time,
    endTime: row.end_time ?? null,
    timezone: row.timezone,
    city: row.city,
    reason: row.reason,
    hostInferred: row.host_inferred,
    sequence: Number(row.sequence),
    updatedAt: row.updated_at,
  };
}

export function roundRow(round: Round, updatedBy: string, source: string | null = null): NewRoundRow {
  return {
    dialogue_id: round.dialogueId,
    edition: round.edition,
    number: round.number ?? null,
    year: round.year,
    host: round.host,
    state: round.state,
    date: round.date,
    time: round.time,
    end_time: round.endTime ?? null,
    timezone: round.timezone,
    city: round.city,
    reason: round.reason,
    host_inferred: round.hostInferred,
    source,
    sequence: round.sequence,
    updated_at: round.updatedAt,
    updated_by: updatedBy,
  };
}

export function toCommitment(row: CommitmentRow): Commitment {
  return {
    dialogueId: row.dialogue_id,
    id: row.id,
    edition: row.edition === null ? null : Number(row.edition),
    paragraph: row.paragraph,
    theme: row.theme,
    text: row.text,
    texts: {
      ...(row.text_en ? { en: row.text_en } : {}),
      ...(row.text_es ? { es: row.text_es } : {}),
    },
    summary: row.summary_en && row.summary_es ? { en: row.summary_en, es: row.summary_es } : null,
    status: row.status as CommitmentStatus,
    owners: JSON.parse(row.owners) as Record<string, string | null>,
    dueDate: row.due_date,
    source: row.source_title
      ? { title: row.source_title, url: row.source_url ?? null, text: row.source_text ?? null }
      : null,
    createdBy: row.created_by ?? null,
    sequence: Number(row.sequence),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function commitmentRow(c: Commitment): NewCommitmentRow {
  return {
    dialogue_id: c.dialogueId,
    id: c.id,
    edition: c.edition,
    paragraph: c.paragraph,
    theme: c.theme,
    text: c.text,
    text_en: c.texts?.en ?? null,
    text_es: c.texts?.es ?? null,
    summary_en: c.summary?.en ?? null,
    summary_es: c.summary?.es ?? null,
    status: c.status,
    owners: JSON.stringify(c.owners),
    due_date: c.dueDate,
    source_title: c.source?.title ?? null,
    source_url: c.source?.url ?? null,
    source_text: c.source?.text ?? null,
    created_by: c.createdBy ?? null,
    sequence: c.sequence,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
  };
}

export interface Delegate {
  readonly party: string;
  readonly name: string;
  readonly title: string;
  readonly lead: boolean;
}

export function toDelegate(row: DelegateRow): Delegate {
  return { party: row.party, name: row.name, title: row.title, lead: Boolean(row.lead) };
}

export interface AuditEvent {
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly field: string | null;
  readonly from: string | null;
  readonly to: string | null;
  readonly note: string | null;
  /** The change (in the change log) this row belongs to, when there is one. */
  readonly changeId?: number | null;
  /** For an undo: the change it reversed. */
  readonly reverses?: number | null;
  /** The change was undone later (a withdrawn note, a reverted field). */
  readonly undone?: boolean;
}

export function toAuditEvent(row: AuditEventRow): AuditEvent {
  return {
    changeId: row.change_id === null || row.change_id === undefined ? null : Number(row.change_id),
    reverses: row.reverses === null || row.reverses === undefined ? null : Number(row.reverses),
    at: row.at,
    actor: row.actor,
    action: row.action,
    field: row.field,
    from: row.from_value,
    to: row.to_value,
    note: row.note,
  };
}
