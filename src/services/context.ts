import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from '../config/load.js';
import { editionNumbers } from '../domain/cycle.js';
import { DomainError, type FieldValue } from '../domain/errors.js';
import type { Reply } from '../presentation/reply.js';
import { insertAuditEvents } from '../store/audit.repository.js';
import type { NewAuditEventRow } from '../store/audit.table.js';
import { insertChangeRow, latestChangeOf, markReversed } from '../store/changes.repository.js';
import type { Store } from '../store/connection.js';
import type { Database } from '../store/database.js';
import { bumpRevision } from '../store/dialogues.repository.js';
import { insertOutboxRow } from '../store/outbox.repository.js';
import { listRoundRows, setRoundNumbers } from '../store/rounds.repository.js';
import { bumpStoreRevision, readStoreRevision } from '../store/store-revision.repository.js';

export interface ChangeEvent {
  readonly dialogueId: string;
  readonly entity: 'round' | 'commitment' | 'dialogue' | 'subscription' | 'user' | 'page';
  readonly entityId: string;
  readonly action: string;
  readonly actor: string;
  readonly at: string;
}

export type ChangeListener = (event: ChangeEvent) => void;

/**
 * Thrown inside a change when the row it read was changed by someone else
 * before it wrote (another replica, a double click landing on two processes).
 * `change()` runs the work again on fresh data, where it usually becomes a
 * no-op or a domain refusal ("already done").
 */
export class ConcurrentChange extends Error {
  override readonly name = 'ConcurrentChange';
  constructor(
    /** The record that was changed under us, to say who changed it when retries run out. */
    readonly target?: { readonly entity: 'round' | 'commitment'; readonly entityId: string },
  ) {
    super('the record changed while this change was being made');
  }
}

/** What a change did, kept so it can be undone (see undo.service.ts). */
export interface ChangeRecord {
  /**
   * `page`: a page link made, revoked or reset (see page.service.ts). `feed`:
   * a user's calendar feeds stopped (see feeds.service.ts); kept under the
   * dialogue id `*` (FEED_CHANGES), since a feed may cover every dialogue.
   */
  readonly entity: 'round' | 'commitment' | 'page' | 'feed';
  readonly entityId: string;
  readonly action: string;
  /** Fields it changed ([] for a note). */
  readonly fields: readonly string[];
  /** The record before (null: it did not exist) and after (null: it was removed). */
  readonly before: unknown;
  readonly after: unknown;
  /** For an undo: the change it reverses. */
  readonly reverses?: number | null;
}

/** A channel announcement of a change: written to the outbox in the change's transaction. */
export interface Announcement {
  readonly channel: string | null;
  /** Where to announce instead when the bot cannot post in the channel (Slack's response URL). */
  readonly responseUrl: string | null;
  readonly message: Reply;
}

export interface ChangeOptions<T> {
  /** Renders the announcement from the result (null: nothing to announce). */
  readonly announce?: ((result: T) => Announcement | null) | null;
}

export interface WorkOutcome<T> {
  result: T;
  audit: NewAuditEventRow[];
  events: ChangeEvent[];
  record?: ChangeRecord;
}

/** Unique-key violation: two writers inserted the same row (Postgres 23505, SQLite constraint). */
function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** Attempts of a change that keeps meeting concurrent writers; between them a jittered, growing pause. */
const CHANGE_ATTEMPTS = 8;
const BACKOFF_BASE_MS = 10;
const BACKOFF_CAP_MS = 250;

/** Full jitter: a random pause up to an exponentially growing cap, so colliding writers spread out. */
function backoff(attempt: number): Promise<void> {
  const ms = Math.random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The record a change left (its `after`), parsed; null when there is none or it does not parse. */
function parseAfter(afterJson: string | null): Record<string, unknown> | null {
  if (!afterJson) return null;
  try {
    return JSON.parse(afterJson) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/** The fields a change set and their values as it left them, as codes (the catalogue words them). */
function fieldValues(after: Record<string, unknown> | null, fields: string): FieldValue[] {
  const keyOf: Record<string, string> = { due_date: 'dueDate' };
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return fields
    .split(',')
    .filter(Boolean)
    .map((field) => ({
      field,
      value: !after
        ? null
        : field.startsWith('owner:')
          ? text((after.owners as Record<string, unknown> | undefined)?.[field.slice(6)])
          : text(after[keyOf[field] ?? field]),
    }));
}

/** What every service needs; built once in the composition root. */
export class ServiceContext {
  private readonly listeners = new Set<ChangeListener>();
  private readonly outboxListeners = new Set<() => void>();

  constructor(
    readonly store: Store,
    readonly config: Config,
    readonly logger: Logger,
    /** Users who may edit besides config/EDITORS (the operator at the terminal in local mode). */
    private readonly extraEditors: readonly string[] = [],
  ) {}

  get db(): Kysely<Database> {
    return this.store.db;
  }

  /** Config is frozen: index it once (a scan per call made each tick quadratic in the dialogues). */
  private settingsById: Map<string, Config['dialogues'][number]> | null = null;

  settingsFor(dialogueId: string) {
    if (!this.settingsById) {
      this.settingsById = new Map();
      for (const d of this.config.dialogues)
        if (!this.settingsById.has(d.dialogue.id)) this.settingsById.set(d.dialogue.id, d);
    }
    return this.settingsById.get(dialogueId);
  }

  isEditor(dialogueId: string, userId: string): boolean {
    if (this.extraEditors.includes(userId)) return true;
    const settings = this.settingsFor(dialogueId);
    const editors = settings?.editors ?? [...this.config.app.editors, ...this.config.env.editors];
    return editors.includes(userId);
  }

  requireEditor(dialogueId: string, userId: string): void {
    if (!this.isEditor(dialogueId, userId)) throw new DomainError('auth.not_editor');
  }

  /**
   * The store's change count (one primary-key read): anything cached from the
   * store is still current while this has not moved, whichever process wrote.
   */
  storeRevision(): Promise<number> {
    const now = this.store.readRevisionNow?.() ?? null;
    return now === null ? readStoreRevision(this.db) : Promise.resolve(now);
  }

  /** Counts a change that is not audited (feed tokens); call inside its transaction. */
  countChange(trx: Kysely<Database>): Promise<void> {
    return bumpStoreRevision(trx);
  }

  /** Postgres locks the rows a change reads (SELECT … FOR UPDATE), so concurrent changes queue instead of colliding. */
  get lockRows(): boolean {
    return this.store.dialect === 'postgres';
  }

  /** Hears (after commit) that announcements were written to the outbox. */
  onOutbox(listener: () => void): () => void {
    this.outboxListeners.add(listener);
    return () => this.outboxListeners.delete(listener);
  }

  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Runs `work` in one transaction, then records its audit rows and bumps the
   * dialogue's revision and the store's change count in the same transaction; listeners hear of the change
   * only after it committed. `work` may run more than once: when it hits a
   * concurrent writer (ConcurrentChange, or a unique-key clash) it is run
   * again on fresh data.
   */
  async change<T>(
    dialogueId: string,
    at: string,
    work: (trx: Kysely<Database>) => Promise<WorkOutcome<T>>,
    options: ChangeOptions<T> = {},
  ): Promise<T> {
    return (await this.record(dialogueId, at, work, options)).result;
  }

  /**
   * As `change`, also keeping what it did in the change log (when `work`
   * returns a `record`: the change can then be undone) and writing its
   * announcement to the outbox in the same transaction. Returns the change's
   * number in the log.
   */
  async record<T>(
    dialogueId: string,
    at: string,
    work: (trx: Kysely<Database>) => Promise<WorkOutcome<T>>,
    options: ChangeOptions<T> = {},
  ): Promise<{ result: T; changeId: number | null }> {
    let queued = false;
    const attempt = () =>
      this.db.transaction().execute(async (trx) => {
        const out = await work(trx);
        let changeId: number | null = null;
        if (out.record) {
          const r = out.record;
          changeId = await insertChangeRow(trx, {
            dialogue_id: dialogueId,
            entity: r.entity,
            entity_id: r.entityId,
            action: r.action,
            actor: out.audit[0]?.actor ?? out.events[0]?.actor ?? '',
            at,
            fields: r.fields.join(','),
            before: r.before === null || r.before === undefined ? null : JSON.stringify(r.before),
            after: r.after === null || r.after === undefined ? null : JSON.stringify(r.after),
            reverses: r.reverses ?? null,
            reversed_by: null,
          });
          // Two undos of the same change at once: the second finds it taken and runs again (then refused).
          if (r.reverses && !(await markReversed(trx, r.reverses, changeId))) throw new ConcurrentChange();
        }
        if (out.audit.length > 0 || out.record) {
          const rows = out.audit.map((a) => ({ ...a, change_id: changeId, reverses: out.record?.reverses ?? null }));
          await insertAuditEvents(trx, rows);
          await bumpRevision(trx, dialogueId, at);
          await bumpStoreRevision(trx);
          if (out.events.some((e) => e.entity === 'round')) await this.renumber(trx, dialogueId);
          const announcement = options.announce?.(out.result) ?? null;
          if (announcement && (announcement.channel || announcement.responseUrl)) {
            await insertOutboxRow(trx, {
              dialogue_id: dialogueId,
              change_id: changeId,
              channel: announcement.channel,
              response_url: announcement.responseUrl,
              message: JSON.stringify(announcement.message),
              status: 'pending',
              attempts: 0,
              next_attempt_at: at,
              claimed_by: null,
              lease_until: null,
              last_error: null,
              sent_at: null,
              created_at: at,
            });
            queued = true;
          }
        }
        return { ...out, changeId };
      });
    let outcome: Awaited<ReturnType<typeof attempt>> | undefined;
    for (let n = 1; !outcome; n++) {
      try {
        queued = false;
        outcome = await attempt();
      } catch (error) {
        if (!(error instanceof ConcurrentChange || isUniqueViolation(error))) throw error;
        if (n >= CHANGE_ATTEMPTS) {
          if (error instanceof ConcurrentChange && error.target) throw await this.collided(dialogueId, error.target);
          throw error;
        }
        this.logger.debug({ dialogueId, attempt: n }, 'concurrent change: trying again on fresh data');
        await backoff(n);
      }
    }
    const { result, events, changeId } = outcome;
    for (const event of events) {
      for (const listener of this.listeners) {
        try {
          listener(event);
        } catch (error) {
          this.logger.error({ err: error, event: event.action }, 'change listener failed');
        }
      }
    }
    if (queued) {
      for (const listener of this.outboxListeners) {
        try {
          listener();
        } catch (error) {
          this.logger.error({ err: error }, 'outbox listener failed');
        }
      }
    }
    return { result, changeId };
  }

  /** The edition numbers follow the rounds' states: recomputed in every change to the cycle. */
  private async renumber(trx: Kysely<Database>, dialogueId: string): Promise<void> {
    const rows = await listRoundRows(trx, dialogueId);
    const numbers = editionNumbers(rows.map((r) => ({ edition: Number(r.edition), state: r.state as 'held' })));
    const changed = new Map<number, number | null>();
    for (const r of rows) {
      const n = numbers.get(Number(r.edition)) ?? null;
      if ((r.number === null ? null : Number(r.number)) !== n) changed.set(Number(r.edition), n);
    }
    if (changed.size > 0) await setRoundNumbers(trx, dialogueId, changed);
  }

  /** A change that kept colliding: who changed the record just now, and what it is now. */
  private async collided(
    dialogueId: string,
    target: { entity: 'round' | 'commitment'; entityId: string },
  ): Promise<DomainError> {
    const last = await latestChangeOf(this.db, dialogueId, target.entity, target.entityId).catch(() => undefined);
    const after = parseAfter(last?.after ?? null);
    // A round by its number as people count it (kept in the record), its stable edition else.
    const number = typeof after?.number === 'number' ? after.number : Number(target.entityId);
    return new DomainError('change.collided', {
      target: target.entity === 'round' ? { round: number } : { commitment: target.entityId },
      actor: last?.actor ?? '?',
      action: last?.action ?? '?',
      fields: last ? fieldValues(after, last.fields) : [],
    });
  }
}
