import type { Commitment } from '../domain/commitments.js';
import { DomainError } from '../domain/errors.js';
import type { Dialogue } from '../domain/types.js';
import { listAuditEventsSince } from '../store/audit.repository.js';
import type { AuditEventRow } from '../store/audit.table.js';
import type { CommitmentService } from './commitments.service.js';
import type { ServiceContext } from './context.js';
import type { CycleService } from './cycle.service.js';
import type { DialogueService } from './dialogues.service.js';

/**
 * What `dialogue-bot export` and `/dialogue export` take out of the store:
 * plain records, one per commitment, round and audited change. How they are
 * written (CSV, JSON, Markdown) is src/export/formats.ts. The JSON document's
 * schema is docs/export.md.
 */

export const EXPORT_WHATS = ['commitments', 'rounds', 'history', 'all'] as const;
export type ExportWhat = (typeof EXPORT_WHATS)[number];
export type ExportTable = Exclude<ExportWhat, 'all'>;

export interface OwnerRecord {
  /** Party code (MX, GB…). */
  readonly side: string;
  /** The side's name in English and Spanish. */
  readonly sideName: { readonly en: string; readonly es: string };
  /** Slack user ID of the owner, or null. */
  readonly slackId: string | null;
}

export interface CommitmentRecord {
  readonly dialogue: string;
  readonly id: string;
  /** Edition of the round whose statement recorded it; null for one added between rounds. */
  readonly round: number | null;
  readonly paragraph: string | null;
  /** The statement's own words. */
  readonly text: string;
  /** Curated short title in English and Spanish, when there is one. */
  readonly titleEn: string | null;
  readonly titleEs: string | null;
  readonly theme: string;
  readonly status: string;
  readonly owners: readonly OwnerRecord[];
  readonly dueDate: string | null;
  readonly lastNote: { readonly at: string; readonly by: string; readonly text: string } | null;
  readonly lastChange: {
    readonly at: string;
    readonly by: string;
    readonly action: string;
    readonly field: string | null;
  } | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface RoundRecord {
  readonly dialogue: string;
  readonly edition: number;
  readonly state: string;
  readonly year: number;
  readonly date: string | null;
  readonly time: string | null;
  readonly timezone: string;
  /** Party code of the host. */
  readonly host: string;
  readonly hostName: { readonly en: string; readonly es: string };
  readonly city: string | null;
  readonly reason: string | null;
  readonly updatedAt: string;
}

export interface HistoryRecord {
  /** The audit event's ID: stable, increasing. */
  readonly id: number;
  readonly dialogue: string;
  readonly entity: string;
  readonly entityId: string;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly field: string | null;
  readonly from: string | null;
  readonly to: string | null;
  readonly note: string | null;
}

export interface ExportData {
  readonly dialogues: readonly { readonly id: string; readonly name: { readonly en: string; readonly es: string } }[];
  readonly commitments?: readonly CommitmentRecord[];
  readonly rounds?: readonly RoundRecord[];
  readonly history?: readonly HistoryRecord[];
}

export function isExportWhat(v: string): v is ExportWhat {
  return (EXPORT_WHATS as readonly string[]).includes(v);
}

export class ExportService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly dialogues: DialogueService,
    private readonly cycle: CycleService,
    private readonly commitments: CommitmentService,
  ) {}

  /** The records of one dialogue (or every dialogue when `dialogueId` is null). */
  async collect(dialogueId: string | null, what: ExportWhat): Promise<ExportData> {
    const all = await this.dialogues.list();
    const chosen = dialogueId === null ? all : all.filter((d) => d.id === dialogueId);
    if (dialogueId !== null && chosen.length === 0) throw new DomainError('dialogue.not_found', { id: dialogueId });
    const want = (t: ExportTable) => what === 'all' || what === t;
    const commitments: CommitmentRecord[] = [];
    const rounds: RoundRecord[] = [];
    const history: HistoryRecord[] = [];
    for (const dialogue of chosen) {
      const audit =
        want('commitments') || want('history') ? await listAuditEventsSince(this.ctx.db, dialogue.id, '') : [];
      if (want('commitments')) {
        for (const c of await this.commitments.list(dialogue.id))
          commitments.push(commitmentRecord(dialogue, c, audit));
      }
      if (want('rounds')) {
        for (const r of await this.cycle.rounds(dialogue.id)) {
          const host = dialogue.parties.find((p) => p.code === r.host);
          rounds.push({
            dialogue: dialogue.id,
            edition: r.edition,
            state: r.state,
            year: r.year,
            date: r.date,
            time: r.time,
            timezone: r.timezone,
            host: r.host,
            hostName: { en: host?.name.en ?? r.host, es: host?.name.es ?? r.host },
            city: r.city,
            reason: r.reason,
            updatedAt: r.updatedAt,
          });
        }
      }
      if (want('history')) for (const row of audit) history.push(historyRecord(row));
    }
    return {
      dialogues: chosen.map((d) => ({ id: d.id, name: { en: d.name.en, es: d.name.es } })),
      ...(want('commitments') ? { commitments } : {}),
      ...(want('rounds')
        ? { rounds: rounds.sort((a, b) => a.dialogue.localeCompare(b.dialogue) || a.edition - b.edition) }
        : {}),
      ...(want('history') ? { history } : {}),
    };
  }
}

function historyRecord(row: AuditEventRow): HistoryRecord {
  return {
    id: Number(row.id),
    dialogue: row.dialogue_id,
    entity: row.entity,
    entityId: row.entity_id,
    at: row.at,
    actor: row.actor,
    action: row.action,
    field: row.field,
    from: row.from_value,
    to: row.to_value,
    note: row.note,
  };
}

function commitmentRecord(dialogue: Dialogue, c: Commitment, audit: readonly AuditEventRow[]): CommitmentRecord {
  const own = audit.filter((e) => e.entity === 'commitment' && e.entity_id === c.id);
  const note = [...own].reverse().find((e) => e.note && e.action !== 'created' && e.action !== 'seeded');
  const change = own.at(-1);
  return {
    dialogue: dialogue.id,
    id: c.id,
    round: c.edition,
    paragraph: c.paragraph,
    text: c.text,
    titleEn: c.summary?.en ?? null,
    titleEs: c.summary?.es ?? null,
    theme: c.theme,
    status: c.status,
    owners: dialogue.parties.map((p) => ({
      side: p.code,
      sideName: { en: p.name.en, es: p.name.es },
      slackId: c.owners[p.code] ?? null,
    })),
    dueDate: c.dueDate,
    lastNote: note ? { at: note.at, by: note.actor, text: note.note! } : null,
    lastChange: change ? { at: change.at, by: change.actor, action: change.action, field: change.field } : null,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}
