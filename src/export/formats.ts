import { stringify } from 'csv-stringify/sync';
import type { Lang } from '../domain/types.js';
import { messages } from '../i18n/index.js';
import type {
  CommitmentRecord,
  ExportData,
  ExportTable,
  HistoryRecord,
  RoundRecord,
} from '../services/export.service.js';

/**
 * How exported records are written. CSV: RFC 4180 (csv-stringify; CRLF line
 * ends, fields quoted when they hold a comma, quote or line break), one table
 * per file, stable English column names; with `bom`, a UTF-8 byte-order mark
 * first so Excel reads accents right. JSON: one document, schema in
 * docs/export.md. Markdown: one table per section, for pasting.
 */

export const EXPORT_FORMATS = ['csv', 'json', 'md'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_DOCUMENT_FORMAT = 'dialogue-tracker-export';
export const EXPORT_DOCUMENT_VERSION = 1;

export function isExportFormat(v: string): v is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(v);
}

type Cell = string | number | null;

const COMMITMENT_COLUMNS = [
  'dialogue',
  'id',
  'round',
  'paragraph',
  'theme',
  'status',
  'text',
  'title_en',
  'title_es',
  'owner_1_side',
  'owner_1_side_name',
  'owner_1_slack_id',
  'owner_2_side',
  'owner_2_side_name',
  'owner_2_slack_id',
  'due_date',
  'last_note',
  'last_note_at',
  'last_note_by',
  'last_change',
  'last_change_at',
  'last_change_by',
  'created_at',
  'updated_at',
] as const;

const ROUND_COLUMNS = [
  'dialogue',
  'edition',
  'state',
  'year',
  'date',
  'time',
  'timezone',
  'host',
  'host_name',
  'city',
  'reason',
  'updated_at',
] as const;

const HISTORY_COLUMNS = [
  'id',
  'dialogue',
  'entity',
  'entity_id',
  'at',
  'actor',
  'action',
  'field',
  'from',
  'to',
  'note',
] as const;

export const CSV_COLUMNS: Record<ExportTable, readonly string[]> = {
  commitments: COMMITMENT_COLUMNS,
  rounds: ROUND_COLUMNS,
  history: HISTORY_COLUMNS,
};

function changeLabel(c: CommitmentRecord['lastChange']): string | null {
  return c ? (c.field ? `${c.action}:${c.field}` : c.action) : null;
}

function commitmentRow(c: CommitmentRecord): Cell[] {
  const o = (i: number) => c.owners[i];
  return [
    c.dialogue,
    c.id,
    c.round,
    c.paragraph,
    c.theme,
    c.status,
    c.text,
    c.titleEn,
    c.titleEs,
    o(0)?.side ?? null,
    o(0)?.sideName.en ?? null,
    o(0)?.slackId ?? null,
    o(1)?.side ?? null,
    o(1)?.sideName.en ?? null,
    o(1)?.slackId ?? null,
    c.dueDate,
    c.lastNote?.text ?? null,
    c.lastNote?.at ?? null,
    c.lastNote?.by ?? null,
    changeLabel(c.lastChange),
    c.lastChange?.at ?? null,
    c.lastChange?.by ?? null,
    c.createdAt,
    c.updatedAt,
  ];
}

function roundRow(r: RoundRecord): Cell[] {
  return [
    r.dialogue,
    r.edition,
    r.state,
    r.year,
    r.date,
    r.time,
    r.timezone,
    r.host,
    r.hostName.en,
    r.city,
    r.reason,
    r.updatedAt,
  ];
}

function historyRow(h: HistoryRecord): Cell[] {
  return [h.id, h.dialogue, h.entity, h.entityId, h.at, h.actor, h.action, h.field, h.from, h.to, h.note];
}

function tableRows(data: ExportData, table: ExportTable): Cell[][] {
  switch (table) {
    case 'commitments':
      return (data.commitments ?? []).map(commitmentRow);
    case 'rounds':
      return (data.rounds ?? []).map(roundRow);
    case 'history':
      return (data.history ?? []).map(historyRow);
  }
}

/** One table as RFC 4180 CSV (header row first). Empty cells for nulls. */
export function toCsv(data: ExportData, table: ExportTable, options: { bom?: boolean } = {}): string {
  const text = stringify(tableRows(data, table), {
    header: true,
    columns: [...CSV_COLUMNS[table]],
    record_delimiter: 'windows',
    cast: { number: (n) => String(n) },
  });
  return options.bom ? `\uFEFF${text}` : text;
}

/** The JSON document (see docs/export.md). */
export function toJson(data: ExportData): string {
  return `${JSON.stringify({ format: EXPORT_DOCUMENT_FORMAT, version: EXPORT_DOCUMENT_VERSION, ...data }, null, 2)}\n`;
}

/** Markdown cell: pipes escaped, line breaks as <br>. */
function mdCell(v: Cell): string {
  if (v === null || v === '') return '';
  return String(v).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

function mdTable(columns: readonly string[], rows: readonly Cell[][]): string {
  const line = (cells: readonly Cell[]) => `| ${cells.map(mdCell).join(' | ')} |`;
  return [line(columns), `|${columns.map(() => ' --- ').join('|')}|`, ...rows.map(line)].join('\n');
}

/** Markdown tables, one section per table, headings in the reader's language. */
export function toMarkdown(data: ExportData, lang: Lang): string {
  const t = messages(lang).export.md;
  const status = messages(lang).status as Record<string, string>;
  const state = messages(lang).state as Record<string, string>;
  const names = data.dialogues.map((d) => d.name[lang]).join(', ');
  const out = [`# ${t.title(names)}`];
  const section = (title: string, columns: readonly string[], rows: Cell[][]) => {
    out.push('', `## ${title}`, '', rows.length > 0 ? mdTable(columns, rows) : t.none);
  };
  const many = data.dialogues.length > 1;
  const prefix = (dialogue: string, v: string) => (many ? `${dialogue}/${v}` : v);
  if (data.commitments) {
    section(
      t.commitments,
      t.commitmentColumns,
      data.commitments.map((c) => [
        prefix(c.dialogue, c.id),
        c.round,
        c.paragraph,
        c.theme,
        status[c.status] ?? c.status,
        (lang === 'es' ? c.titleEs : c.titleEn) ?? c.text,
        c.owners.map((o) => `${o.sideName[lang]}: ${o.slackId ? `@${o.slackId}` : '—'}`).join('; '),
        c.dueDate,
        c.lastNote ? `${c.lastNote.at.slice(0, 10)} @${c.lastNote.by}: “${c.lastNote.text}”` : null,
        c.lastChange ? `${c.lastChange.at.slice(0, 10)} @${c.lastChange.by} ${changeLabel(c.lastChange)}` : null,
      ]),
    );
  }
  if (data.rounds) {
    section(
      t.rounds,
      t.roundColumns,
      data.rounds.map((r) => [
        prefix(r.dialogue, String(r.edition)),
        state[r.state] ?? r.state,
        [r.date ?? String(r.year), r.time].filter(Boolean).join(' '),
        r.hostName[lang],
        r.city,
        r.reason,
      ]),
    );
  }
  if (data.history) {
    section(
      t.history,
      t.historyColumns,
      data.history.map((h) => [
        h.id,
        h.at,
        `@${h.actor}`,
        h.action,
        prefix(h.dialogue, `${h.entity} ${h.entityId}`),
        h.field ? `${h.field}: ${h.from ?? '—'} → ${h.to ?? '—'}` : null,
        h.note,
      ]),
    );
  }
  return `${out.join('\n')}\n`;
}
