import { isValidZone } from '../domain/dates.js';
import type { Lang } from '../domain/types.js';
import { ownsAnyCommitment } from '../store/commitments.repository.js';
import { bumpRevision, listDialogueRows } from '../store/dialogues.repository.js';
import {
  findUserNames,
  findUserPrefs,
  upsertUserLang,
  upsertUserName,
  upsertUserProfile,
  upsertUserTimezone,
} from '../store/users.repository.js';
import type { ServiceContext } from './context.js';

/** Maps a Slack locale (`es-LA`, `en-GB`, …) to a language we speak. */
export function langFromLocale(locale: string | null | undefined): Lang | null {
  if (!locale) return null;
  const base = locale.toLowerCase().split(/[-_]/)[0];
  return base === 'es' ? 'es' : base === 'en' ? 'en' : null;
}

export class UserService {
  constructor(private readonly ctx: ServiceContext) {}

  /** The language the user chose with `/dialogue lang`, if any. */
  async chosenLang(userId: string): Promise<Lang | null> {
    const row = await findUserPrefs(this.ctx.db, userId);
    return row?.lang === 'es' || row?.lang === 'en' ? row.lang : null;
  }

  /** Counted as a change of the store: answers cached for the user's old language go stale. */
  async setLang(userId: string, lang: Lang | null, now: Date): Promise<void> {
    await this.ctx.db.transaction().execute(async (trx) => {
      await upsertUserLang(trx, userId, lang, now.toISOString());
      await this.ctx.countChange(trx);
    });
  }

  /** The user's own time zone, as Slack last told us; null when unknown. */
  async timezone(userId: string): Promise<string | null> {
    return (await findUserPrefs(this.ctx.db, userId))?.timezone ?? null;
  }

  /** Remembers the zone Slack reports for a user (ignored when it is not a zone we know). */
  async rememberTimezone(userId: string, zone: string, now: Date): Promise<void> {
    if (!isValidZone(zone)) return;
    await upsertUserTimezone(this.ctx.db, userId, zone, now.toISOString());
  }

  /** Display names kept for these users (Slack's, as last seen). */
  async names(userIds: readonly string[]): Promise<Map<string, string>> {
    return new Map((await findUserNames(this.ctx.db, userIds)).map((r) => [r.user_id, r.name]));
  }

  /** Of these users, those whose name is unknown or was last refreshed before `olderThan`. */
  async staleNames(userIds: readonly string[], olderThan: Date): Promise<string[]> {
    const rows = new Map((await findUserNames(this.ctx.db, userIds)).map((r) => [r.user_id, r.refreshed_at]));
    const limit = olderThan.toISOString();
    return userIds.filter((id) => (rows.get(id) ?? '') < limit);
  }

  /**
   * Keeps a user's display name, as Slack reports it. A new or changed name
   * of an owner is a change of every dialogue (calendar feeds show owners by
   * name), so their revisions move and feeds render again; otherwise it only
   * notes when the name was seen.
   */
  async rememberName(userId: string, name: string, now: Date): Promise<void> {
    const clean = name.replace(/\s+/g, ' ').trim().slice(0, 200);
    if (!clean) return;
    const at = now.toISOString();
    await this.ctx.db.transaction().execute(async (trx) => {
      const [before] = await findUserNames(trx, [userId]);
      await upsertUserName(trx, userId, clean, at);
      // Only an owner's name shows in feeds: anyone else's changes nothing people see.
      if (before?.name === clean || !(await ownsAnyCommitment(trx, userId))) return;
      for (const { id } of await listDialogueRows(trx)) await bumpRevision(trx, id, at);
      await this.ctx.countChange(trx);
    });
  }

  /** Remembers what Slack says of a user (zone and locale): their reminder DMs follow it. */
  async rememberProfile(userId: string, profile: { timezone: string | null; locale: string | null }, now: Date) {
    const timezone = profile.timezone && isValidZone(profile.timezone) ? profile.timezone : null;
    await upsertUserProfile(this.ctx.db, userId, { timezone, locale: profile.locale }, now.toISOString());
  }

  get defaultLang(): Lang {
    return this.ctx.config.app.language;
  }
}
