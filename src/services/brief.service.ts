import { type Commitment, isOpenCommitment } from '../domain/commitments.js';
import type { CycleEntry } from '../domain/cycle.js';
import { wallClockToInstant } from '../domain/dates.js';
import type { Dialogue } from '../domain/types.js';
import { listAuditEventsSince } from '../store/audit.repository.js';
import { findUserNames } from '../store/users.repository.js';
import type { CommitmentService } from './commitments.service.js';
import type { ServiceContext } from './context.js';
import type { CycleService } from './cycle.service.js';
import type { DialogueService } from './dialogues.service.js';
import { type AuditEvent, toAuditEvent } from './mappers.js';

export interface BriefItem {
  readonly commitment: Commitment;
  /** The latest note ever written on it (not only since the round). */
  readonly lastNote: AuditEvent | null;
  /** What changed since the last held round, oldest first (notes included). */
  readonly changes: readonly AuditEvent[];
}

export interface Brief {
  readonly dialogue: Dialogue;
  readonly next: CycleEntry;
  /** The round the brief starts from; undefined when none has been held yet. */
  readonly lastHeld: CycleEntry | undefined;
  /** The instant changes are counted from (start of the held round's day, in its zone); null = from the start. */
  readonly since: string | null;
  readonly items: readonly BriefItem[];
  /**
   * Changes to rounds since then (scheduling of the next one, postponements…):
   * `edition` the round's stable key, `number` as the governments count it
   * (null for a cancelled one), as `roundLabel` takes them.
   */
  readonly roundChanges: readonly (AuditEvent & { readonly edition: number; readonly number: number | null })[];
  /**
   * Slack display names of the people in the brief (owners, authors of
   * changes and notes), as last seen, for what cannot show a mention (the
   * briefing pack). Someone whose name is not known yet is not in it.
   */
  readonly names: ReadonlyMap<string, string>;
}

/** The pre-dialogue brief: every commitment since the last held round. */
export class BriefService {
  constructor(
    readonly ctx: ServiceContext,
    readonly dialogues: DialogueService,
    readonly cycle: CycleService,
    readonly commitments: CommitmentService,
  ) {}

  /**
   * Commitments in the brief: those agreed at the last held round or later,
   * those added by hand, and older ones that are still open or changed since
   * (a brief is about what is on the table now).
   */
  async brief(dialogueId: string, now: Date): Promise<Brief> {
    const view = await this.cycle.view(dialogueId, now, 1);
    const { lastHeld } = view;
    const since =
      lastHeld?.date != null
        ? (wallClockToInstant(lastHeld.date, null, lastHeld.timezone).toUTC().toISO() as string)
        : null;
    // One read of the whole log: notes may predate the round, changes must not.
    const all = await listAuditEventsSince(this.ctx.db, dialogueId, '');
    const byCommitment = new Map<string, AuditEvent[]>();
    const numbers = new Map(view.entries.map((e) => [e.edition, e.number]));
    const roundChanges: (AuditEvent & { edition: number; number: number | null })[] = [];
    for (const row of all) {
      const event = toAuditEvent(row);
      if (row.entity === 'round') {
        if ((since === null || row.at >= since) && row.action !== 'seeded')
          roundChanges.push({
            ...event,
            edition: Number(row.entity_id),
            number: numbers.get(Number(row.entity_id)) ?? null,
          });
        continue;
      }
      if (row.entity !== 'commitment') continue;
      const list = byCommitment.get(row.entity_id) ?? [];
      list.push(event);
      byCommitment.set(row.entity_id, list);
    }
    const items: BriefItem[] = [];
    for (const commitment of await this.commitments.list(dialogueId)) {
      const events = byCommitment.get(commitment.id) ?? [];
      const changes = events.filter((e) => e.action !== 'seeded' && (since === null || e.at >= since));
      const fromThisCycle =
        lastHeld === undefined ||
        commitment.edition === null ||
        commitment.edition >= lastHeld.edition ||
        (since !== null && commitment.createdAt >= since);
      if (!fromThisCycle && !isOpenCommitment(commitment) && changes.length === 0) continue;
      const lastNote = [...events].reverse().find((e) => e.note && e.action !== 'created') ?? null;
      items.push({ commitment, lastNote, changes });
    }
    const people = new Set<string>();
    for (const { commitment, lastNote, changes } of items) {
      for (const owner of Object.values(commitment.owners)) if (owner) people.add(owner);
      if (lastNote) people.add(lastNote.actor);
      for (const e of changes) people.add(e.actor);
    }
    for (const e of roundChanges) people.add(e.actor);
    const names = new Map((await findUserNames(this.ctx.db, [...people])).map((r) => [r.user_id, r.name]));
    return { dialogue: view.dialogue, next: view.next, lastHeld, since, items, roundChanges, names };
  }
}
