import type { Kysely } from 'kysely';
import type { Config } from '../config/load.js';
import { listCommitmentRows } from '../store/commitments.repository.js';
import type { Database } from '../store/database.js';
import { findDialogueRow } from '../store/dialogues.repository.js';
import { listRoundRows } from '../store/rounds.repository.js';
import { dialogueDefinition } from './mappers.js';

/**
 * Config is the seed, the database is the truth: an edit to something config
 * already seeded is not applied. This says which config entries differ from
 * the database (and so were not applied), and which are new (added at the
 * next start), for `dialogue-bot check-config` and the start-up log.
 */
export interface DriftEntry {
  readonly dialogue: string;
  /** `dialogue`, `round 2`, `commitment R1-6`. */
  readonly entry: string;
  readonly field: string;
  readonly config: string | null;
  readonly database: string | null;
}

export interface DriftReport {
  readonly differs: readonly DriftEntry[];
  /** Config entries the database lacks: added (and logged) at the next start. */
  readonly toAdd: readonly { readonly dialogue: string; readonly entry: string }[];
}

const text = (v: unknown): string | null => (v === undefined || v === null ? null : String(v));

export async function configDrift(db: Kysely<Database>, config: Config): Promise<DriftReport> {
  const differs: DriftEntry[] = [];
  const toAdd: { dialogue: string; entry: string }[] = [];
  for (const { dialogue, seed } of config.dialogues) {
    const id = dialogue.id;
    const row = await findDialogueRow(db, id);
    if (!row) {
      toAdd.push({ dialogue: id, entry: 'dialogue' });
      continue;
    }
    const compare = (entry: string, fields: [string, unknown, unknown][]) => {
      for (const [field, fromConfig, fromDb] of fields) {
        const c = text(fromConfig);
        const d = text(fromDb);
        if (c !== d) differs.push({ dialogue: id, entry, field, config: c, database: d });
      }
    };
    compare('dialogue', [
      ['name.en', dialogue.name.en, row.name_en],
      ['name.es', dialogue.name.es, row.name_es],
    ]);
    // Parties, cadence, alternation, source: one comparison of the stored definition.
    if (dialogueDefinition(dialogue) !== row.definition)
      differs.push({
        dialogue: id,
        entry: 'dialogue',
        field: 'definition',
        config: '(edited)',
        database: '(as first seeded)',
      });
    const rounds = new Map((await listRoundRows(db, id)).map((r) => [Number(r.edition), r]));
    for (const r of seed.rounds) {
      const stored = rounds.get(r.edition);
      if (!stored) {
        toAdd.push({ dialogue: id, entry: `round ${r.edition}` });
        continue;
      }
      compare(`round ${r.edition}`, [
        ['host', r.host, stored.host],
        ['state', r.state, stored.state],
        ['date', r.date ?? null, stored.date],
        ...(r.date ? [] : ([['year', r.year, stored.year]] as [string, unknown, unknown][])),
        ['time', r.time ?? null, stored.time],
        ['city', r.city ?? null, stored.city],
      ]);
    }
    const commitments = new Map((await listCommitmentRows(db, id)).map((c) => [c.id, c]));
    for (const c of seed.commitments) {
      const stored = commitments.get(c.id);
      if (!stored) {
        toAdd.push({ dialogue: id, entry: `commitment ${c.id}` });
        continue;
      }
      compare(`commitment ${c.id}`, [
        ['text', c.text, stored.text],
        ['theme', c.theme, stored.theme],
        ['status', c.status, stored.status],
        ['due', c.due ?? null, stored.due_date],
        ['summary.en', c.summary?.en ?? null, stored.summary_en],
        ['summary.es', c.summary?.es ?? null, stored.summary_es],
      ]);
    }
  }
  return { differs, toAdd };
}

/** One line per difference, for people: `mexico-uk round 2: state: config "expected", database "scheduled"`. */
export function describeDrift(e: DriftEntry): string {
  const show = (v: string | null) => (v === null ? '—' : `“${v.length > 60 ? `${v.slice(0, 59)}…` : v}”`);
  return `${e.dialogue} ${e.entry}: ${e.field}: config ${show(e.config)}, database ${show(e.database)}`;
}
