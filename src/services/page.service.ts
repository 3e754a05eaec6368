import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { buildCycle } from '../domain/cycle.js';
import { localDate } from '../domain/dates.js';
import { DomainError, NeedsConfirmation } from '../domain/errors.js';
import { type Dialogue, LANGS, type Lang, partyByWord } from '../domain/types.js';
import { BoundedMap } from '../lib/bounded-map.js';
import type { PageEvent, PageModel, PageView } from '../presentation/page/render.js';
import { latestChangeOf } from '../store/changes.repository.js';
import type { ChangeRow } from '../store/changes.table.js';
import type { Database } from '../store/database.js';
import {
  type ActivePageLinkRow,
  findActivePageLinkRow,
  findLivePrivateLinkRow,
  findLiveViewerLinkRow,
  findPageLinkRows,
  insertPageLinkRow,
  listLivePrivateLinkRows,
  listLiveViewerLinkRows,
  listRecordAuditRows,
  listReversedChangeIdsOf,
  setPageLinkRevoked,
} from '../store/page-links.repository.js';
import { findUserNames } from '../store/users.repository.js';
import type { CommitmentService } from './commitments.service.js';
import { ConcurrentChange, type ServiceContext } from './context.js';
import type { CycleService } from './cycle.service.js';
import type { DialogueService } from './dialogues.service.js';
import { hashFeedToken, isFeedTokenShape, newFeedToken, sameDigest } from './feed-token.js';
import { RevisionGate } from './revision-gate.js';

/** A page link handed to a user. The token is the secret: it is in the URL and nowhere in logs. */
export interface PageLink {
  readonly token: string;
  readonly url: string;
  readonly dialogueId: string;
  /**
   * `existing`: the address they already had · `created`: a new one · `reset`: a new one replacing theirs ·
   * `nothing-to-reset`: a reset asked for when they had none, so a new one and nothing stopped working.
   */
  readonly outcome: 'existing' | 'created' | 'reset' | 'nothing-to-reset';
  readonly kind: 'private' | 'viewer';
  readonly label: string | null;
  readonly withNotes: boolean;
  /** The change's number in the change log (what Undo reverses), when it was one. */
  readonly changeId: number | null;
}

export interface ViewerLinkInfo {
  readonly label: string;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly withNotes: boolean;
}

/** A rendered page, ready to send. */
export interface PageDocument {
  readonly body: Buffer;
  /** Strong: a hash of exactly these bytes. */
  readonly etag: string;
  readonly lang: Lang;
}

/** What a request asks of a page (its query string and Accept-Language). */
export interface PageQuery {
  readonly lang?: string | null;
  readonly acceptLanguage?: string | null;
  readonly theme?: string | null;
  readonly side?: string | null;
  readonly c?: string | null;
}

/** A viewer link's label: 1–40 of letters, digits, `.`, `-`, `_` (case-insensitive, kept lower-case). */
const LABEL = /^[\p{L}\p{N}._-]{1,40}$/u;

export function normaliseLabel(text: string): string | null {
  const label = text.trim().toLowerCase();
  return LABEL.test(label) ? label : null;
}

/** The language a browser asks for: the first of ours in Accept-Language by weight, or null. */
export function langFromAcceptLanguage(header: string | null | undefined): Lang | null {
  if (!header) return null;
  const ranked = header
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { lang: tag.trim().toLowerCase().split('-')[0]!, q: q === undefined ? 1 : Number(q), i };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const r of ranked) if ((LANGS as readonly string[]).includes(r.lang)) return r.lang as Lang;
  return null;
}

/** A live link as a fetch needs it: the row and the dialogue it opens. */
interface OpenLink extends ActivePageLinkRow {
  readonly dialogue: Dialogue;
}

/** One link's liveness before and after a change (what an undo puts back). */
interface LinkState {
  readonly id: number;
  readonly live: boolean;
}

const CACHE_SIZE = 256;
const TOKENS_KEPT = 1_000;

/**
 * The dialogue's read-only web page and the secret links that open it.
 *
 * Links are like calendar feeds: 256-bit tokens, found by their SHA-256,
 * revocable. A user's private link is shown again each time they ask; an
 * editor's viewer links (for people outside Slack) have labels, are audited,
 * and hide Slack names and notes unless made `--with-notes`. Making, revoking
 * and resetting a link are changes in the change log, so each can be undone.
 *
 * Pages are rendered once per store revision, view and day, and kept: a
 * fetch of an unchanged page costs one read of the store's change count
 * (shared by every fetch waiting for it) and no query of its own.
 */
export class PageService {
  private readonly gate: RevisionGate;
  private tokensRevision = -1;
  /** What each live token opens at `tokensRevision`, with its dialogue: a fetch of a known token reads nothing else. */
  private readonly tokens = new BoundedMap<string, OpenLink>(TOKENS_KEPT);
  /** Today in each zone, worked out at most once a minute (Intl is dear on every request). */
  private readonly days = new Map<string, { readonly minute: number; readonly day: string }>();
  private readonly cache = new BoundedMap<string, Promise<PageDocument | null>>(CACHE_SIZE);

  constructor(
    readonly ctx: ServiceContext,
    readonly dialogues: DialogueService,
    readonly cycle: CycleService,
    readonly commitments: CommitmentService,
  ) {
    this.gate = new RevisionGate(() => ctx.storeRevision());
  }

  url(token: string): string {
    return `${this.ctx.config.env.publicUrl.replace(/\/+$/, '')}/page/${token}`;
  }

  private link(
    token: string,
    dialogueId: string,
    outcome: PageLink['outcome'],
    row: { kind: string; label: string | null; with_notes: number },
    changeId: number | null,
  ): PageLink {
    return {
      token,
      url: this.url(token),
      dialogueId,
      outcome,
      kind: row.kind === 'viewer' ? 'viewer' : 'private',
      label: row.label,
      withNotes: row.with_notes === 1,
      changeId,
    };
  }

  private async insert(
    trx: Kysely<Database>,
    dialogueId: string,
    kind: 'private' | 'viewer',
    userId: string,
    label: string | null,
    withNotes: boolean,
    at: string,
  ): Promise<{ id: number; token: string }> {
    const token = newFeedToken();
    const id = await insertPageLinkRow(trx, {
      dialogue_id: dialogueId,
      kind,
      user_id: userId,
      label,
      token_hash: hashFeedToken(token),
      token,
      with_notes: withNotes || kind === 'private' ? 1 : 0,
      created_at: at,
      revoked_at: null,
    });
    return { id, token };
  }

  /** The user's private link to the dialogue's page: the one they have, or a new one when they have none. */
  async privateLink(dialogueId: string, userId: string, now: Date): Promise<PageLink> {
    await this.dialogues.get(dialogueId);
    const at = now.toISOString();
    const out = await this.ctx.db.transaction().execute(async (trx) => {
      const kept = await findLivePrivateLinkRow(trx, dialogueId, userId);
      if (kept) return { token: kept.token, id: Number(kept.id), outcome: 'existing' as const };
      const made = await this.insert(trx, dialogueId, 'private', userId, null, true, at);
      await this.ctx.countChange(trx);
      return { ...made, outcome: 'created' as const };
    });
    // The link's id, never its token: tokens stay out of logs.
    this.ctx.logger.info({ user: userId, pageLink: out.id, outcome: out.outcome }, 'page link');
    return this.link(out.token, dialogueId, out.outcome, { kind: 'private', label: null, with_notes: 1 }, null);
  }

  /**
   * A new private link; the old one stops working at once. Asks first; audited; can be undone.
   * With no link to replace there is nothing to ask: the user gets a first one, as `privateLink` makes it.
   */
  async resetPrivate(dialogueId: string, userId: string, confirmed: boolean, now: Date): Promise<PageLink> {
    await this.dialogues.get(dialogueId);
    if (!(await findLivePrivateLinkRow(this.ctx.db, dialogueId, userId))) {
      const link = await this.privateLink(dialogueId, userId, now);
      return link.outcome === 'created' ? { ...link, outcome: 'nothing-to-reset' } : link;
    }
    if (!confirmed) throw new NeedsConfirmation([{ code: 'reset_page_link' }]);
    const at = now.toISOString();
    const { result, changeId } = await this.ctx.record(dialogueId, at, async (trx) => {
      const old = await listLivePrivateLinkRows(trx, dialogueId, userId);
      for (const row of old) await setPageLinkRevoked(trx, Number(row.id), at);
      const made = await this.insert(trx, dialogueId, 'private', userId, null, true, at);
      const entityId = `private:${userId}`;
      const before: LinkState[] = [...old.map((r) => ({ id: Number(r.id), live: true })), { id: made.id, live: false }];
      const after: LinkState[] = [...old.map((r) => ({ id: Number(r.id), live: false })), { id: made.id, live: true }];
      return {
        result: { ...made, revoked: old.length },
        audit: [pageAudit(dialogueId, entityId, at, userId, 'page-reset', null, null)],
        events: [{ dialogueId, entity: 'page' as const, entityId, action: 'page-reset', actor: userId, at }],
        record: { entity: 'page' as const, entityId, action: 'page-reset', fields: [], before, after },
      };
    });
    this.ctx.logger.info({ user: userId, pageLink: result.id, revoked: result.revoked }, 'page link reset');
    // Revoked by someone else since the look above: nothing stopped working here either.
    const outcome = result.revoked > 0 ? 'reset' : 'nothing-to-reset';
    return this.link(result.token, dialogueId, outcome, { kind: 'private', label: null, with_notes: 1 }, changeId);
  }

  /**
   * A viewer link under a label (editors): the live one with that label
   * shown again, or a new one. Audited; can be undone (it then stops working).
   */
  async share(dialogueId: string, actor: string, label: string, withNotes: boolean, now: Date): Promise<PageLink> {
    this.ctx.requireEditor(dialogueId, actor);
    await this.dialogues.get(dialogueId);
    const at = now.toISOString();
    const kept = await findLiveViewerLinkRow(this.ctx.db, dialogueId, label);
    if (kept) return this.link(kept.token, dialogueId, 'existing', kept, null);
    const { result, changeId } = await this.ctx.record(dialogueId, at, async (trx) => {
      // A label made by someone else a moment ago: try again and show theirs.
      if (await findLiveViewerLinkRow(trx, dialogueId, label)) throw new ConcurrentChange();
      const made = await this.insert(trx, dialogueId, 'viewer', actor, label, withNotes, at);
      const entityId = `viewer:${label}`;
      return {
        result: made,
        audit: [pageAudit(dialogueId, entityId, at, actor, 'page-share', null, withNotes ? 'with notes' : null)],
        events: [{ dialogueId, entity: 'page' as const, entityId, action: 'page-share', actor, at }],
        record: {
          entity: 'page' as const,
          entityId,
          action: 'page-share',
          fields: [],
          before: [{ id: made.id, live: false }],
          after: [{ id: made.id, live: true }],
        },
      };
    });
    this.ctx.logger.info({ user: actor, pageLink: result.id, label }, 'page viewer link made');
    const row = { kind: 'viewer', label, with_notes: withNotes ? 1 : 0 };
    return this.link(result.token, dialogueId, 'created', row, changeId);
  }

  /** Revokes a viewer link (editors; asks first). Null when no live link has that label. Audited; can be undone. */
  async revoke(
    dialogueId: string,
    actor: string,
    label: string,
    confirmed: boolean,
    now: Date,
  ): Promise<{ label: string; changeId: number | null } | null> {
    this.ctx.requireEditor(dialogueId, actor);
    const live = await findLiveViewerLinkRow(this.ctx.db, dialogueId, label);
    if (!live) return null;
    if (!confirmed) throw new NeedsConfirmation([{ code: 'revoke_page_link', label }]);
    const at = now.toISOString();
    const { result, changeId } = await this.ctx.record(dialogueId, at, async (trx) => {
      const entityId = `viewer:${label}`;
      const row = await findLiveViewerLinkRow(trx, dialogueId, label);
      if (!row) {
        // Revoked by someone else since this request saw it live: say who, and in which change.
        const last = await latestChangeOf(trx, dialogueId, 'page', entityId);
        throw new DomainError('page.already_revoked', {
          label,
          actor: last?.actor ?? null,
          change: last ? Number(last.id) : null,
        });
      }
      await setPageLinkRevoked(trx, Number(row.id), at);
      return {
        result: Number(row.id),
        audit: [pageAudit(dialogueId, entityId, at, actor, 'page-revoke', null, null)],
        events: [{ dialogueId, entity: 'page' as const, entityId, action: 'page-revoke', actor, at }],
        record: {
          entity: 'page' as const,
          entityId,
          action: 'page-revoke',
          fields: [],
          before: [{ id: Number(row.id), live: true }],
          after: [{ id: Number(row.id), live: false }],
        },
      };
    });
    this.ctx.logger.info({ user: actor, pageLink: result, label }, 'page viewer link revoked');
    return { label, changeId };
  }

  /** The dialogue's live viewer links (editors). */
  async viewerLinks(dialogueId: string, actor: string): Promise<ViewerLinkInfo[]> {
    this.ctx.requireEditor(dialogueId, actor);
    await this.dialogues.get(dialogueId);
    return (await listLiveViewerLinkRows(this.ctx.db, dialogueId)).map((r) => ({
      label: r.label ?? '',
      createdBy: r.user_id,
      createdAt: r.created_at,
      withNotes: r.with_notes === 1,
    }));
  }

  /** The live link a token opens, or null (malformed, unknown or revoked: no difference). */
  private async open(token: string, revision: number): Promise<OpenLink | null> {
    if (!isFeedTokenShape(token)) return null;
    const hash = hashFeedToken(token);
    if (revision !== this.tokensRevision) {
      this.tokens.clear();
      this.tokensRevision = revision;
    }
    const kept = this.tokens.get(hash);
    if (kept) return kept;
    const row = await findActivePageLinkRow(this.ctx.db, hash);
    // Unknown and revoked tokens are not remembered: guessing cannot fill or flush the map.
    if (!row || !sameDigest(row.token_hash, hash)) return null;
    const entry: OpenLink = { ...row, dialogue: await this.dialogues.get(row.dialogue_id) };
    if (revision === this.tokensRevision) this.tokens.set(hash, entry);
    return entry;
  }

  private today(now: Date, zone: string): string {
    const minute = Math.floor(now.getTime() / 60_000);
    const kept = this.days.get(zone);
    if (kept && kept.minute === minute) return kept.day;
    const day = localDate(now, zone);
    this.days.set(zone, { minute, day });
    return day;
  }

  /** The language a page is shown in: `?lang=`, else the browser's, else the app's. */
  langFor(query: PageQuery): Lang {
    const asked = query.lang?.toLowerCase();
    if (asked && (LANGS as readonly string[]).includes(asked)) return asked as Lang;
    return langFromAcceptLanguage(query.acceptLanguage) ?? this.ctx.config.app.language;
  }

  /**
   * The page a token opens, for a query, rendered or from the cache; null when
   * the token opens nothing (or names a commitment that does not exist).
   */
  async document(token: string, query: PageQuery, now: Date): Promise<PageDocument | null> {
    // Read before the data it validates: a change after this read only makes the next fetch look again.
    const revision = await this.gate.current();
    const link = await this.open(token, revision);
    if (!link) return null;
    const lang = this.langFor(query);
    const { dialogue } = link;
    const side = query.side ? partyByWord(dialogue, query.side) : undefined;
    const view: PageView = {
      lang,
      internal: link.kind === 'private' || link.with_notes === 1,
      kind: link.kind === 'viewer' ? 'viewer' : 'private',
      theme: query.theme?.trim() ? query.theme.trim() : null,
      // A side the dialogue has, by its word (one cache entry however it was typed); else as typed, for the notice.
      side: side ? (side.aliases[0] ?? side.code).toLowerCase() : query.side?.trim() ? query.side.trim() : null,
      commitment: query.c?.trim() ? query.c.trim() : null,
    };
    // Today (in the dialogue's zone) is part of the key: the countdown and "overdue" move with it.
    const day = this.today(now, dialogue.timezone);
    const key = [
      revision,
      link.dialogue_id,
      view.kind,
      view.internal ? 1 : 0,
      lang,
      view.theme ?? '',
      view.side ?? '',
      view.commitment ?? '',
      day,
    ].join('\u0000');
    const cached = this.cache.get(key);
    if (cached) return cached;
    const pending = this.render(link.dialogue_id, view, now);
    this.cache.set(key, pending);
    pending.catch(() => {
      if (this.cache.get(key) === pending) this.cache.delete(key);
    });
    return pending;
  }

  /** What the page shows, read from the store. */
  async model(dialogueId: string, now: Date): Promise<PageModel> {
    const dialogue = await this.dialogues.get(dialogueId);
    const [rounds, commitments, audit, reversed] = await Promise.all([
      this.cycle.rounds(dialogueId),
      this.commitments.list(dialogueId),
      listRecordAuditRows(this.ctx.db, dialogueId),
      listReversedChangeIdsOf(this.ctx.db, dialogueId),
    ]);
    const entries = buildCycle(dialogue, rounds, now, { ahead: 1 });
    const events: PageEvent[] = audit.map((r) => ({
      entity: r.entity === 'round' ? 'round' : 'commitment',
      entityId: r.entity_id,
      at: r.at,
      actor: r.actor,
      action: r.action,
      field: r.field,
      from: r.from_value,
      to: r.to_value,
      note: r.note,
      undone: r.change_id !== null && reversed.has(Number(r.change_id)),
      reverses: r.reverses === null ? null : Number(r.reverses),
    }));
    const people = new Set<string>();
    for (const c of commitments) for (const id of Object.values(c.owners)) if (id) people.add(id);
    for (const e of events) {
      people.add(e.actor);
      if (e.field?.startsWith('owner:')) for (const v of [e.from, e.to]) if (v) people.add(v);
    }
    const names = new Map((await findUserNames(this.ctx.db, [...people])).map((r) => [r.user_id, r.name]));
    return { dialogue, entries, commitments, names, events, now };
  }

  private async render(dialogueId: string, view: PageView, now: Date): Promise<PageDocument | null> {
    const model = await this.model(dialogueId, now);
    // The HTML renderer loads with the first page, not at start.
    const { renderPage } = await import('../presentation/page/render.js');
    const html = renderPage(model, view);
    if (html === null) return null;
    const body = Buffer.from(html, 'utf8');
    return { body, etag: `"${createHash('sha256').update(body).digest('base64url')}"`, lang: view.lang };
  }
}

function pageAudit(
  dialogueId: string,
  entityId: string,
  at: string,
  actor: string,
  action: string,
  field: string | null,
  note: string | null,
) {
  return {
    dialogue_id: dialogueId,
    entity: 'page',
    entity_id: entityId,
    at,
    actor,
    action,
    field,
    from_value: null,
    to_value: null,
    note,
    change_id: null,
    reverses: null,
  };
}

/**
 * Undoes a change to page links (see UndoService): puts each link back as it
 * was before, provided each is still as the change left it; otherwise the
 * record changed since and nothing is done.
 */
export async function reversePageChange(trx: Kysely<Database>, change: ChangeRow, at: string): Promise<void> {
  const before = JSON.parse(change.before ?? '[]') as LinkState[];
  const after = new Map((JSON.parse(change.after ?? '[]') as LinkState[]).map((s) => [s.id, s.live]));
  const rows = new Map(
    (
      await findPageLinkRows(
        trx,
        before.map((s) => s.id),
      )
    ).map((r) => [Number(r.id), r]),
  );
  for (const s of before) {
    const row = rows.get(s.id);
    if (!row || (row.revoked_at === null) !== after.get(s.id))
      throw new DomainError('undo.changed_since', {
        id: Number(change.id),
        target: { page: change.entity_id },
        field: null,
      });
  }
  for (const s of before) await setPageLinkRevoked(trx, s.id, s.live ? null : at);
}
