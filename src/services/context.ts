import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from '../config/load.js';
import { DomainError } from '../domain/errors.js';
import { insertAuditEvents } from '../store/audit.repository.js';
import type { NewAuditEventRow } from '../store/audit.table.js';
import type { Store } from '../store/connection.js';
import type { Database } from '../store/database.js';
import { bumpRevision } from '../store/dialogues.repository.js';
import { bumpStoreRevision, readStoreRevision } from '../store/store-revision.repository.js';

export interface ChangeEvent {
  readonly dialogueId: string;
  readonly entity: 'round' | 'commitment' | 'dialogue' | 'subscription' | 'user';
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
}

/** Unique-key violation: two writers inserted the same row (Postgres 23505, SQLite constraint). */
function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

const CHANGE_ATTEMPTS = 3;

/** What every service needs; built once in the composition root. */
export class ServiceContext {
  private readonly listeners = new Set<ChangeListener>();

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
    work: (trx: Kysely<Database>) => Promise<{ result: T; audit: NewAuditEventRow[]; events: ChangeEvent[] }>,
  ): Promise<T> {
    const attempt = () =>
      this.db.transaction().execute(async (trx) => {
        const out = await work(trx);
        if (out.audit.length > 0) {
          await insertAuditEvents(trx, out.audit);
          await bumpRevision(trx, dialogueId, at);
          await bumpStoreRevision(trx);
        }
        return out;
      });
    let outcome: Awaited<ReturnType<typeof attempt>> | undefined;
    for (let n = 1; !outcome; n++) {
      try {
        outcome = await attempt();
      } catch (error) {
        if (n >= CHANGE_ATTEMPTS || !(error instanceof ConcurrentChange || isUniqueViolation(error))) throw error;
        this.logger.debug({ dialogueId, attempt: n }, 'concurrent change: trying again on fresh data');
      }
    }
    const { result, events } = outcome;
    for (const event of events) {
      for (const listener of this.listeners) {
        try {
          listener(event);
        } catch (error) {
          this.logger.error({ err: error, event: event.action }, 'change listener failed');
        }
      }
    }
    return result;
  }
}
