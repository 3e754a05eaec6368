import type { WebClient } from '@slack/web-api';
import { DateTime } from 'luxon';
import { formatDateTime } from '../i18n/index.js';
import { BoundedMap } from '../lib/bounded-map.js';
import type { SlackDeps } from './deps.js';
import { homeView } from './views/home.js';

/** The page of each dialogue's commitments a user was last shown on their Home (kept while the app runs). */
const homePages = new WeakMap<SlackDeps, BoundedMap<string, Map<string, number>>>();
const MAX_USERS_KEPT = 2_000;

function pagesOf(deps: SlackDeps, userId: string): Map<string, number> {
  let users = homePages.get(deps);
  if (!users) {
    users = new BoundedMap(MAX_USERS_KEPT);
    homePages.set(deps, users);
  }
  let pages = users.get(userId);
  if (!pages) {
    pages = new Map();
    users.set(userId, pages);
  }
  return pages;
}

/** Remembers the page a user turned to on their Home (◂ Previous / Next ▸). */
export function setHomePage(deps: SlackDeps, userId: string, dialogueId: string, page: number): void {
  pagesOf(deps, userId).set(dialogueId, page);
}

/** Builds and publishes one user's App Home (in their language, with editor buttons when they may edit). */
export async function publishHome(deps: SlackDeps, client: WebClient, userId: string): Promise<void> {
  const { services, config } = deps.core;
  const lang = await deps.locales.lang(client, userId);
  const now = deps.clock();
  const pages = pagesOf(deps, userId);
  const sections = [];
  for (const dialogue of await services.dialogues.list()) {
    sections.push({
      view: await services.cycle.view(dialogue.id, now),
      commitments: await services.commitments.list(dialogue.id),
      isEditor: services.isEditor(dialogue.id, userId),
      page: pages.get(dialogue.id) ?? 1,
    });
  }
  const updated = formatDateTime(DateTime.fromJSDate(now), config.app.timezone, lang);
  await client.views.publish({ user_id: userId, view: homeView(sections, lang, now, updated) as never });
}
