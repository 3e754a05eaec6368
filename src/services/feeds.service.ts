import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { DomainError } from '../domain/errors.js';
import type { Lang } from '../domain/types.js';
import { BoundedMap } from '../lib/bounded-map.js';
import type { FeedDialogue } from '../presentation/feed.js';
import type { NewAuditEventRow } from '../store/audit.table.js';
import { findChangeRow } from '../store/changes.repository.js';
import type { Database } from '../store/database.js';
import {
  type ActiveFeedRow,
  findActiveFeedRow,
  insertSubscriptionRow,
  listActiveSubscriptionRows,
  listScopeSubscriptionRows,
  restoreSubscriptionRows,
  revokeScopeSubscriptionRows,
  revokeSubscriptionRowsById,
  setSubscriptionLang,
} from '../store/subscriptions.repository.js';
import type { SubscriptionRow } from '../store/subscriptions.table.js';
import { findUserNames } from '../store/users.repository.js';
import type { CommitmentService } from './commitments.service.js';
import { ConcurrentChange, type ServiceContext } from './context.js';
import type { CycleService } from './cycle.service.js';
import type { DialogueService } from './dialogues.service.js';
import { hashFeedToken, isFeedTokenShape, newFeedToken, sameDigest } from './feed-token.js';
import { RevisionGate } from './revision-gate.js';
import { UNDO_WINDOW_MS } from './undo.service.js';

export interface FeedUrls {
  /** `https://…/calendar/<token>.ics` (Google and Outlook on the web need http(s)). */
  readonly https: string;
  /** The same address as `webcal://…` (Apple Calendar and desktop Outlook open it directly). */
  readonly webcal: string;
}

export interface SubscribeOptions {
  readonly lang: Lang;
  /** Only the subscriber's own commitments (the same feed, its address with `?mine=1`). */
  readonly mine: boolean;
  /** One dialogue, or null for the feed of every dialogue. Each is a feed of its own. */
  readonly dialogueId: string | null;
}

export interface Subscription {
  /** The secret; it is in the URLs. */
  readonly token: string;
  readonly urls: FeedUrls;
  /** `existing`: the address the user already had (unchanged) · `created`: a first one · `reset`: a new one replacing theirs. */
  readonly outcome: 'existing' | 'created' | 'reset';
  /** How many addresses of this feed stopped working (a reset). */
  readonly revoked: number;
  /**
   * The user's earlier address of this feed was made before addresses were
   * kept, so it cannot be shown: a second one was made, and the earlier one keeps working.
   */
  readonly legacyKept: boolean;
  readonly mine: boolean;
  readonly dialogueId: string | null;
}

/**
 * The dialogue id feed changes are kept under in the change log and the
 * audit history when a feed covers every dialogue (no dialogue's id can be
 * `*`): a feed is the user's own, and one may cover every dialogue.
 */
export const EVERY_DIALOGUE = '*';

/** One of a user's feeds, as `unsubscribe` names it. */
export interface FeedInfo {
  readonly id: number;
  /** The dialogue it covers, or null: every dialogue. */
  readonly dialogueId: string | null;
  /** Made with "mine" before one address served both: it only ever shows the subscriber's own commitments. */
  readonly mine: boolean;
}

/**
 * Which of a user's feeds `unsubscribe` stops: every one (`all`); one
 * scope's, picked as `subscribe` picks it (`mine` narrows to feeds made
 * "mine" when there are any); or exactly these (what a Confirm button showed).
 */
export type FeedSelection =
  | { readonly kind: 'every' }
  | { readonly kind: 'scope'; readonly dialogueId: string | null; readonly mine: boolean }
  | { readonly kind: 'ids'; readonly ids: readonly number[] };

/** What stopping feeds did. */
export interface FeedStop {
  /** The feeds stopped now (none: nothing was left to stop, and nothing changed). */
  readonly stopped: readonly FeedInfo[];
  /** The user's feeds still working. */
  readonly live: readonly FeedInfo[];
  /** The change's number in the change log (what Undo reverses); null when nothing was stopped. */
  readonly changeId: number | null;
}

/** What undoing a stop did: the same feeds, at the same addresses, work again. */
export interface FeedRestore {
  readonly undone: number;
  readonly restored: readonly FeedInfo[];
  /** The undo's own number in the change log. */
  readonly changeId: number | null;
}

/** A feed's state before or after a change, as the change log keeps it. */
interface FeedState extends FeedInfo {
  readonly live: boolean;
}

function feedInfo(row: SubscriptionRow): FeedInfo {
  return { id: Number(row.id), dialogueId: row.dialogue_id, mine: Number(row.mine) === 1 };
}

/** The live feeds a selection picks (oldest first). */
export function selectFeeds(live: readonly FeedInfo[], selection: FeedSelection): FeedInfo[] {
  if (selection.kind === 'every') return [...live];
  if (selection.kind === 'ids') return live.filter((f) => selection.ids.includes(f.id));
  const scope = live.filter((f) => f.dialogueId === selection.dialogueId);
  // One address serves a feed and its "mine" view (?mine=1): only a feed made "mine" on its own is narrower.
  const own = scope.filter((f) => f.mine);
  return selection.mine && own.length > 0 ? own : scope;
}

/** A rendered feed, ready to send: the bytes and their validators. */
export interface FeedDocument {
  readonly body: Buffer;
  /** Strong: a hash of exactly these bytes. */
  readonly etag: string;
  /** The latest change the feed reflects, ms since epoch. */
  readonly lastModified: number;
  /** When time alone would change the bytes (a cancelled round ageing out), or null. */
  readonly expiresAt: number | null;
}

/** How many rendered feeds are kept; a key names options, language and revisions, so stale ones are never hit. */
const CACHE_SIZE = 256;

/**
 * How many live tokens are remembered per store revision (keyed by the token's
 * SHA-256, as the store keeps it; the oldest go first). Entries share the rendered
 * feeds, so this bounds small records, not copies of the bytes.
 */
export const TOKENS_KEPT = 1_000;

/** What one live token opens, as found at one store revision. */
interface TokenEntry {
  readonly sub: ActiveFeedRow;
  /** The feed as subscribed ([0]) and narrowed to the subscriber by `?mine=1` ([1]), once rendered. */
  readonly docs: [FeedDocument | null, FeedDocument | null];
}

/**
 * Private calendar feeds: subscriptions (tokens stored only as SHA-256),
 * and rendered feeds cached by what they depend on (scope, owner filter,
 * language and the revisions of the dialogues covered).
 *
 * A fetch of an unchanged feed costs no query of its own: what each token
 * opens is remembered for one value of the store's change count, which moves
 * with every change that could alter a feed or a token (any audited change,
 * subscribe, revoke, a chosen language), whichever process made it. The
 * count is read for every fetch, after the fetch arrived, but one read
 * serves every fetch waiting for it (RevisionGate): a token revoked, or a
 * dialogue changed, by another replica or the CLI is seen by the next fetch.
 */
export class FeedService {
  private readonly cache = new BoundedMap<string, Promise<FeedDocument>>(CACHE_SIZE);
  private readonly gate: RevisionGate;
  /** The store revision `tokens` was filled at; -1 before the first fetch. */
  private tokensRevision = -1;
  private readonly tokens = new BoundedMap<string, TokenEntry>(TOKENS_KEPT);

  constructor(
    readonly ctx: ServiceContext,
    readonly dialogues: DialogueService,
    readonly cycle: CycleService,
    readonly commitments: CommitmentService,
  ) {
    this.gate = new RevisionGate(() => ctx.storeRevision());
    // Keys carry revisions, so entries go stale by themselves (also when another
    // process made the change); this only frees memory early.
    ctx.onChange((event) => {
      if (event.entity !== 'subscription' && event.entity !== 'user') this.cache.clear();
    });
  }

  /** The two forms of a feed's address, from PUBLIC_URL; `mine` narrows it to the subscriber's own commitments. */
  urls(token: string, mine = false): FeedUrls {
    const base = this.ctx.config.env.publicUrl.replace(/\/+$/, '');
    const https = `${base}/calendar/${token}.ics${mine ? '?mine=1' : ''}`;
    return { https, webcal: https.replace(/^https?:\/\//i, 'webcal://') };
  }

  /**
   * The user's feed of this scope (one dialogue, or every dialogue): the
   * address they already have, unchanged, so a calendar using it keeps
   * working; a new one only when they have none. Each scope is a feed of its
   * own: subscribing to one never touches another.
   */
  async subscribe(userId: string, options: SubscribeOptions, now: Date): Promise<Subscription> {
    const at = now.toISOString();
    const result = await this.ctx.db.transaction().execute(async (trx) => {
      const live = await listScopeSubscriptionRows(trx, userId, options.dialogueId);
      const kept = live.find((r) => r.token !== null);
      if (kept?.token) {
        if (kept.lang !== options.lang) {
          await setSubscriptionLang(trx, kept.id, options.lang);
          await this.ctx.countChange(trx);
        }
        return {
          token: kept.token,
          id: kept.id,
          outcome: 'existing' as const,
          legacyKept: false,
          mine: kept.mine === 1,
        };
      }
      const { token, id } = await this.insert(trx, userId, options, at);
      return { token, id, outcome: 'created' as const, legacyKept: live.length > 0, mine: false };
    });
    // The subscription's id, never its token: tokens stay out of logs.
    this.ctx.logger.info({ user: userId, subscription: result.id, outcome: result.outcome }, 'feed subscribed');
    const mine = options.mine || result.mine;
    return {
      token: result.token,
      urls: this.urls(result.token, options.mine && !result.mine),
      outcome: result.outcome,
      revoked: 0,
      legacyKept: result.legacyKept,
      mine,
      dialogueId: options.dialogueId,
    };
  }

  /**
   * A new address for the user's feed of this scope; the old one stops
   * working at once (for a leaked link). Other scopes are untouched.
   */
  async reset(userId: string, options: SubscribeOptions, now: Date): Promise<Subscription> {
    const at = now.toISOString();
    const result = await this.ctx.db.transaction().execute(async (trx) => {
      const revoked = await revokeScopeSubscriptionRows(trx, userId, options.dialogueId, at);
      const { token, id } = await this.insert(trx, userId, options, at);
      return { token, id, revoked };
    });
    this.ctx.logger.info({ user: userId, subscription: result.id, revoked: result.revoked }, 'feed reset');
    return {
      token: result.token,
      urls: this.urls(result.token, options.mine),
      outcome: result.revoked > 0 ? 'reset' : 'created',
      revoked: result.revoked,
      legacyKept: false,
      mine: options.mine,
      dialogueId: options.dialogueId,
    };
  }

  private async insert(
    trx: Kysely<Database>,
    userId: string,
    options: SubscribeOptions,
    at: string,
  ): Promise<{ token: string; id: number }> {
    const token = newFeedToken();
    const id = await insertSubscriptionRow(trx, {
      user_id: userId,
      dialogue_id: options.dialogueId,
      token_hash: hashFeedToken(token),
      token,
      // "Only mine" is the address with ?mine=1: one feed serves both.
      mine: 0,
      lang: options.lang,
      created_at: at,
      revoked_at: null,
    });
    await this.ctx.countChange(trx);
    return { token, id };
  }

  /** The user's live feeds, oldest first. */
  async liveFeeds(userId: string): Promise<FeedInfo[]> {
    return (await listActiveSubscriptionRows(this.ctx.db, userId)).map(feedInfo);
  }

  /**
   * Stops the feeds a selection picks: their addresses answer 404 from now
   * on. Audited, and kept in the change log so `undo` brings back the same
   * addresses. When none is left to stop, nothing changes (a confirm repeated).
   */
  async stop(userId: string, selection: FeedSelection, now: Date): Promise<FeedStop> {
    const at = now.toISOString();
    const { result, changeId } = await this.ctx.record(EVERY_DIALOGUE, at, async (trx) => {
      const live = (await listActiveSubscriptionRows(trx, userId)).map(feedInfo);
      const picked = selectFeeds(live, selection);
      const rest = live.filter((f) => !picked.includes(f));
      if (picked.length === 0) return { result: { stopped: [], live: rest }, audit: [], events: [] };
      const revoked = await revokeSubscriptionRowsById(
        trx,
        userId,
        picked.map((f) => f.id),
        at,
      );
      // Another request stopped some of them meanwhile: look again on fresh data.
      if (revoked !== picked.length) throw new ConcurrentChange();
      return {
        result: { stopped: picked, live: rest },
        audit: picked.map((f) => feedAudit(f, userId, at, 'unsubscribe')),
        events: [
          {
            dialogueId: EVERY_DIALOGUE,
            entity: 'subscription' as const,
            entityId: userId,
            action: 'unsubscribe',
            actor: userId,
            at,
          },
        ],
        record: {
          entity: 'feed' as const,
          entityId: userId,
          action: 'unsubscribe',
          fields: [],
          before: picked.map((f): FeedState => ({ ...f, live: true })),
          after: picked.map((f): FeedState => ({ ...f, live: false })),
        },
      };
    });
    if (result.stopped.length > 0)
      // Subscription ids, never tokens: tokens stay out of logs.
      this.ctx.logger.info(
        { user: userId, subscriptions: result.stopped.map((f) => f.id), change: changeId },
        'feeds stopped',
      );
    return { ...result, changeId: result.stopped.length > 0 ? changeId : null };
  }

  /** Whether change #N is one to feeds (kept under `*`, not a dialogue's): `undo #N` hands it to `restore`. */
  async isFeedChange(id: number): Promise<boolean> {
    const change = await findChangeRow(this.ctx.db, id);
    return change !== undefined && change.dialogue_id === EVERY_DIALOGUE && change.entity === 'feed';
  }

  /**
   * Undoes a stop (change #N): the same feeds work again, at the same
   * addresses, so calendars that still have them fill again. Only its author
   * may, within 24 hours, and only once.
   */
  async restore(userId: string, target: number, now: Date): Promise<FeedRestore> {
    const at = now.toISOString();
    const { result, changeId } = await this.ctx.record(EVERY_DIALOGUE, at, async (trx) => {
      const change = await findChangeRow(trx, target);
      if (!change || change.dialogue_id !== EVERY_DIALOGUE || change.entity !== 'feed' || change.reverses !== null)
        throw new DomainError('undo.not_found', { id: target });
      if (change.actor !== userId) throw new DomainError('undo.not_author', { id: target, actor: change.actor });
      if (change.reversed_by !== null) throw new DomainError('undo.already', { id: target });
      if (now.getTime() - Date.parse(change.at) > UNDO_WINDOW_MS) throw new DomainError('undo.too_old', { id: target });
      const stopped = JSON.parse(change.before ?? '[]') as FeedState[];
      const back = await restoreSubscriptionRows(
        trx,
        userId,
        stopped.map((f) => f.id),
        change.at,
      );
      const restored = stopped
        .filter((f) => back.includes(f.id))
        .map((f): FeedInfo => ({ id: f.id, dialogueId: f.dialogueId, mine: f.mine }));
      return {
        result: { undone: target, restored },
        audit: restored.map((f) => feedAudit(f, userId, at, 'undo')),
        events: [
          {
            dialogueId: EVERY_DIALOGUE,
            entity: 'subscription' as const,
            entityId: userId,
            action: 'undo',
            actor: userId,
            at,
          },
        ],
        record: {
          entity: 'feed' as const,
          entityId: userId,
          action: 'undo',
          fields: [],
          before: restored.map((f): FeedState => ({ ...f, live: false })),
          after: restored.map((f): FeedState => ({ ...f, live: true })),
          reverses: target,
        },
      };
    });
    this.ctx.logger.info(
      { user: userId, subscriptions: result.restored.map((f) => f.id), change: changeId, undone: target },
      'feeds restored',
    );
    return { ...result, changeId };
  }

  async activeCount(userId: string): Promise<number> {
    return (await listActiveSubscriptionRows(this.ctx.db, userId)).length;
  }

  /** The live subscription a token's hash opens, or null (unknown or revoked: no difference). */
  private async lookupHash(hash: string): Promise<ActiveFeedRow | null> {
    const row = await findActiveFeedRow(this.ctx.db, hash);
    // The store found it by hash; compare again in constant time rather than trust a collation.
    return row && sameDigest(row.token_hash, hash) ? row : null;
  }

  /**
   * The feed a token opens, rendered or from the cache; null when the token
   * opens nothing. `mine` narrows a feed to the subscriber's own commitments
   * (`?mine=1`); a subscription made with "mine" is always narrowed.
   */
  async document(token: string, query: { mine?: boolean }, now: Date): Promise<FeedDocument | null> {
    if (!isFeedTokenShape(token)) return null;
    // The key is the hash the store keeps: the token itself is never kept, in
    // memory or anywhere else. An exact-match Map lookup by that hash stands
    // where the store's indexed lookup by hash stood; the secret is the token,
    // and timing of a comparison of its SHA-256 tells nothing usable about it.
    const hash = hashFeedToken(token);
    // Read before the data it validates: a change landing after this read only
    // makes the next fetch look again, never lets a stale entry be served.
    const revision = await this.gate.current();
    if (revision !== this.tokensRevision) {
      this.tokens.clear();
      this.tokensRevision = revision;
    }
    let entry = this.tokens.get(hash);
    if (!entry) {
      const sub = await this.lookupHash(hash);
      // Unknown and revoked tokens are not remembered: guessing cannot fill or flush the map.
      if (!sub) return null;
      entry = { sub, docs: [null, null] };
      if (revision === this.tokensRevision) this.tokens.set(hash, entry);
    }
    const narrowed = entry.sub.mine === 1 || query.mine === true;
    const slot = narrowed ? 1 : 0;
    const kept = entry.docs[slot];
    if (kept && (kept.expiresAt === null || now.getTime() < kept.expiresAt)) return kept;
    const doc = await this.rendered(entry.sub, narrowed ? entry.sub.user_id : null, now);
    entry.docs[slot] = doc;
    return doc;
  }

  /** The feed of a subscription, from the render cache or rendered now. */
  private async rendered(sub: ActiveFeedRow, owner: string | null, now: Date): Promise<FeedDocument> {
    const lang: Lang = sub.lang === 'es' ? 'es' : 'en';
    const key = [sub.dialogue_id ?? '*', owner ?? '', lang, ...sub.dialogues.map((d) => `${d.id}:${d.revision}`)].join(
      '\u0000',
    );
    const cached = this.cache.get(key);
    if (cached) {
      const doc = await cached;
      if (doc.expiresAt === null || now.getTime() < doc.expiresAt) return doc;
      if (this.cache.get(key) === cached) this.cache.delete(key);
    }
    const pending = this.render(sub, lang, owner, now);
    this.cache.set(key, pending);
    // A failed render is not cached.
    pending.catch(() => {
      if (this.cache.get(key) === pending) this.cache.delete(key);
    });
    return pending;
  }

  private async render(sub: ActiveFeedRow, lang: Lang, owner: string | null, now: Date): Promise<FeedDocument> {
    const parts: FeedDialogue[] = [];
    for (const d of sub.dialogues) {
      const view = await this.cycle.view(d.id, now, 1);
      parts.push({
        dialogue: view.dialogue,
        updatedAt: d.updated_at,
        entries: view.entries,
        commitments: await this.commitments.list(d.id),
      });
    }
    const owners = [...new Set(parts.flatMap((p) => p.commitments.flatMap((c) => Object.values(c.owners))))].filter(
      (id): id is string => typeof id === 'string',
    );
    const names = new Map((await findUserNames(this.ctx.db, owners)).map((r) => [r.user_id, r.name]));
    const { feeds } = this.ctx.config.app;
    // ical-generator and the VTIMEZONE data load with the first feed, not at start.
    const { renderFeed } = await import('../presentation/feed.js');
    const out = renderFeed(parts, {
      lang,
      owner,
      now,
      refreshMinutes: feeds.refreshMinutes,
      keepCancelledDays: feeds.keepCancelledDays,
      names,
    });
    const body = Buffer.from(out.body, 'utf8');
    return {
      body,
      etag: `"${createHash('sha256').update(body).digest('base64url')}"`,
      lastModified: out.lastModified.getTime(),
      expiresAt: out.expiresAt,
    };
  }
}

/** The audit row of one feed stopped or brought back: under its dialogue, or `*` for a feed of every dialogue. */
function feedAudit(feed: FeedInfo, actor: string, at: string, action: 'unsubscribe' | 'undo'): NewAuditEventRow {
  return {
    dialogue_id: feed.dialogueId ?? EVERY_DIALOGUE,
    entity: 'subscription',
    entity_id: String(feed.id),
    at,
    actor,
    action,
    field: null,
    from_value: null,
    to_value: null,
    note: null,
    change_id: null,
    reverses: null,
  };
}
