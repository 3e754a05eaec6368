import type { WebClient } from '@slack/web-api';
import { DateTime } from 'luxon';
import { formatDateTime } from '../i18n/index.js';
import type { SlackDeps } from './deps.js';
import { homeView } from './views/home.js';

/** Builds and publishes one user's App Home (in their language, with editor buttons when they may edit). */
export async function publishHome(deps: SlackDeps, client: WebClient, userId: string): Promise<void> {
  const { services, config } = deps.core;
  const lang = await deps.locales.lang(client, userId);
  const now = deps.clock();
  const sections = [];
  for (const dialogue of await services.dialogues.list()) {
    sections.push({
      view: await services.cycle.view(dialogue.id, now),
      commitments: await services.commitments.list(dialogue.id),
      isEditor: services.isEditor(dialogue.id, userId),
    });
  }
  const updated = formatDateTime(DateTime.fromJSDate(now), config.app.timezone, lang);
  await client.views.publish({ user_id: userId, view: homeView(sections, lang, now, updated) as never });
}
