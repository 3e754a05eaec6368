import { isValidZone } from '../domain/dates.js';
import type { Lang } from '../domain/types.js';
import { findUserPrefs, upsertUserLang, upsertUserTimezone } from '../store/users.repository.js';
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

  get defaultLang(): Lang {
    return this.ctx.config.app.language;
  }
}
