import type { DialogueSettings } from '../config/load.js';
import { newCommitment } from '../domain/commitments.js';
import type { Round } from '../domain/cycle.js';
import { partyByCode } from '../domain/types.js';
import type { NewAuditEventRow } from '../store/audit.table.js';
import { insertCommitmentRow, listCommitmentRows } from '../store/commitments.repository.js';
import { findDialogueRow, insertDialogueRow } from '../store/dialogues.repository.js';
import { insertDelegateRows, insertRoundRow, listRoundRows } from '../store/rounds.repository.js';
import type { ServiceContext } from './context.js';
import { commitmentRow, dialogueDefinition, roundRow } from './mappers.js';

export interface SeedReport {
  readonly dialogueId: string;
  readonly createdDialogue: boolean;
  readonly addedRounds: number[];
  readonly addedCommitments: string[];
}

const SEED_ACTOR = 'config';

/**
 * Config is the seed; the store is the truth. On every start, what config has
 * that the store lacks (a dialogue, a round by edition, a commitment by ID) is
 * added; what the store already has is never overwritten, so edits made in
 * Slack survive restarts.
 */
export async function seedFromConfig(ctx: ServiceContext, now: Date): Promise<SeedReport[]> {
  const reports: SeedReport[] = [];
  for (const settings of ctx.config.dialogues) reports.push(await seedDialogue(ctx, settings, now));
  return reports;
}

async function seedDialogue(ctx: ServiceContext, settings: DialogueSettings, now: Date): Promise<SeedReport> {
  const { dialogue, seed } = settings;
  const at = now.toISOString();
  return ctx.change(dialogue.id, at, async (trx) => {
    const createdDialogue = !(await findDialogueRow(trx, dialogue.id));
    if (createdDialogue) {
      await insertDialogueRow(trx, {
        id: dialogue.id,
        name_en: dialogue.name.en,
        name_es: dialogue.name.es,
        definition: dialogueDefinition(dialogue),
        reminder_channel: null,
        revision: 0,
        created_at: at,
        updated_at: at,
      });
    }
    const audit: NewAuditEventRow[] = [];
    const haveRounds = new Set((await listRoundRows(trx, dialogue.id)).map((r) => Number(r.edition)));
    const addedRounds: number[] = [];
    for (const r of seed.rounds) {
      if (haveRounds.has(r.edition)) continue;
      const round: Round = {
        dialogueId: dialogue.id,
        edition: r.edition,
        year: r.date ? Number(r.date.slice(0, 4)) : r.year!,
        host: r.host,
        state: r.state,
        date: r.date ?? null,
        time: r.time ?? null,
        timezone: partyByCode(dialogue, r.host)!.timezone,
        city: r.city ?? null,
        reason: null,
        hostInferred: r.hostInferred ?? null,
        sequence: 0,
        updatedAt: at,
      };
      await insertRoundRow(trx, roundRow(round, SEED_ACTOR, r.source ?? null));
      await insertDelegateRows(
        trx,
        r.delegates.map((d, position) => ({
          dialogue_id: dialogue.id,
          edition: r.edition,
          party: d.party,
          name: d.name,
          title: d.title,
          lead: d.lead ? 1 : 0,
          position,
        })),
      );
      addedRounds.push(r.edition);
      audit.push(seedAudit(dialogue.id, 'round', String(r.edition), at));
    }
    const haveCommitments = new Set((await listCommitmentRows(trx, dialogue.id)).map((c) => c.id));
    const addedCommitments: string[] = [];
    // The configured source is the statement of the dialogue's earliest round with commitments.
    const sourced = Math.min(...seed.commitments.map((c) => c.edition ?? Infinity));
    for (const c of seed.commitments) {
      if (haveCommitments.has(c.id)) continue;
      await insertCommitmentRow(
        trx,
        commitmentRow(
          newCommitment(
            {
              dialogueId: dialogue.id,
              id: c.id,
              edition: c.edition ?? null,
              paragraph: c.paragraph ?? null,
              theme: c.theme,
              text: c.text,
              summary: c.summary ?? null,
              status: c.status,
              dueDate: c.due ?? null,
              source:
                dialogue.source && c.edition != null && c.edition === sourced
                  ? { title: dialogue.source.title, url: dialogue.source.url, text: null }
                  : null,
            },
            at,
          ),
        ),
      );
      addedCommitments.push(c.id);
      audit.push(seedAudit(dialogue.id, 'commitment', c.id, at));
    }
    if (createdDialogue) audit.push(seedAudit(dialogue.id, 'dialogue', dialogue.id, at));
    return { result: { dialogueId: dialogue.id, createdDialogue, addedRounds, addedCommitments }, audit, events: [] };
  });
}

function seedAudit(dialogueId: string, entity: string, entityId: string, at: string): NewAuditEventRow {
  return {
    dialogue_id: dialogueId,
    entity,
    entity_id: entityId,
    at,
    actor: SEED_ACTOR,
    action: 'seeded',
    field: null,
    from_value: null,
    to_value: null,
    note: null,
  };
}
