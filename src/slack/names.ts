import type { WebClient } from '@slack/web-api';
import type { Core } from '../core.js';

/** A kept display name is asked for again after this long (people rename themselves). */
export const NAME_REFRESH_MS = 24 * 60 * 60_000;
/** At most this many users.info calls per refresh (Slack's Tier 4 allows 100 a minute). */
const MAX_LOOKUPS = 50;

/** What Slack shows for a user: their display name, else their full name, else their handle. */
// biome-ignore lint/suspicious/noExplicitAny: users.info's user is loosely typed
export function slackName(user: any): string | null {
  const name = user?.profile?.display_name || user?.profile?.real_name || user?.real_name || user?.name;
  return typeof name === 'string' && name.trim() ? name.trim() : null;
}

/**
 * Keeps the Slack display names of commitment owners (calendar feeds show
 * owners by name, a calendar cannot render a mention): asks Slack for those
 * unknown or not seen for a day. Failures are logged and tried next time.
 */
export async function refreshOwnerNames(
  deps: { readonly core: Pick<Core, 'services' | 'logger'>; clock(): Date },
  client: WebClient,
): Promise<void> {
  const { services, logger } = deps.core;
  const now = deps.clock();
  const owners = new Set<string>();
  for (const dialogue of await services.dialogues.list())
    for (const c of await services.commitments.list(dialogue.id))
      for (const id of Object.values(c.owners)) if (id) owners.add(id);
  const stale = await services.users.staleNames([...owners], new Date(now.getTime() - NAME_REFRESH_MS));
  for (const userId of stale.slice(0, MAX_LOOKUPS)) {
    try {
      const res = await client.users.info({ user: userId });
      const name = slackName(res.user);
      if (name) await services.users.rememberName(userId, name, now);
    } catch (error) {
      logger.warn({ err: error, user: userId }, 'could not refresh a display name');
    }
  }
}
