import type { Selectable } from 'kysely';

export interface UserPrefsTable {
  user_id: string;
  /** Chosen with `/dialogue lang`; null = follow the Slack locale. */
  lang: string | null;
  /** Slack's tz for the user, cached when known. */
  timezone: string | null;
  /** Slack's locale for the user (`es-LA`, `en-GB`), kept when known. */
  locale: string | null;
  /** When Slack's profile (tz, locale) was last read for the user. */
  profile_checked_at: string | null;
  updated_at: string;
}
export type UserPrefsRow = Selectable<UserPrefsTable>;

/** A Slack user's display name, for places that cannot render a mention (calendar feeds). */
export interface UserNamesTable {
  user_id: string;
  name: string;
  refreshed_at: string;
}
