import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/core.js';
import type { Lang } from '../../src/domain/types.js';
import { TERMS } from '../../src/i18n/catalog/terms.js';
import { messages } from '../../src/i18n/index.js';
import { renderText } from '../../src/presentation/reply.js';
import { homeView } from '../../src/slack/views/home.js';
import { parseFeed } from '../calendar/ics.js';
import { openTestCore } from '../support/store.js';

// biome-ignore lint/suspicious/noExplicitAny: Block Kit JSON is inspected freely
type Json = Record<string, any>;

/** Every text of a Block Kit view, joined. */
function viewText(view: Json): string {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) k === 'text' && typeof x === 'string' ? out.push(x) : walk(x);
  };
  walk(view);
  return out.join('\n');
}

/** Other ways of saying it that must not creep back in, either language. */
const VARIANTS =
  /to be confirmed|\bTBC\b|\bTBD\b|por confirmar|sin confirmar|por definir|date not fixed(?! yet)|not yet fixed/i;

/**
 * Round 2 of Mexico–UK is expected in 2025 with no date: each surface that
 * shows it says so with the catalogue's one term, in each language.
 */
describe('one term for a date not fixed, on every surface, in both languages', () => {
  let core: Core;
  const now = new Date('2025-03-01T12:00:00Z');
  const user = 'UTERMS1';
  beforeAll(async () => {
    core = await openTestCore('sqlite', { tag: 'terms', env: { REMINDER_CHANNEL: 'CTERMS' } });
  });
  afterAll(async () => {
    await core?.close();
  });

  const surfaces = async (lang: Lang): Promise<Record<string, string>> => {
    await core.services.users.setLang(user, lang, now);
    const ask = async (text: string) =>
      renderText(await core.router.handle({ command: '/dialogue', text, userId: user, channelId: null, now }));
    const view = await core.services.cycle.view('mexico-uk', now);
    const commitments = await core.services.commitments.list('mexico-uk');
    const home = homeView([{ view, commitments, isEditor: false }], lang, now, 'now');
    const sub = await core.services.feeds.subscribe(user, { lang, mine: false, dialogueId: null }, now);
    const feed = parseFeed((await core.services.feeds.document(sub.token, {}, now))!.body.toString('utf8'));
    const round2 = feed.events.find((e) => e.uid.startsWith('round-mexico-uk-2'))!;
    const planned = await core.services.reminders.preview(now, now, new Date('2025-12-31T00:00:00Z'), {
      dialogueId: 'mexico-uk',
      lang,
    });
    const expected = planned.find((p) => p.kind === 'expected')!;
    return {
      'chat: /dialogue next': await ask('next'),
      'chat: /dialogue cycle': await ask('cycle'),
      'chat: /dialogue reminders': await ask('reminders 90'),
      'App Home': viewText(home),
      'feed: title': round2.summary,
      'feed: description': round2.description ?? '',
      'reminder message': renderText(expected.reply!),
    };
  };

  for (const lang of ['en', 'es'] as const) {
    it(`${lang}: “${TERMS[lang].dateNotFixed}” on each, and no other wording`, async () => {
      expect(messages(lang).dateNotFixed).toBe(TERMS[lang].dateNotFixed);
      const all = await surfaces(lang);
      for (const [surface, text] of Object.entries(all)) {
        expect(text.toLowerCase(), surface).toContain(TERMS[lang].dateNotFixed);
        expect(text, surface).not.toMatch(VARIANTS);
      }
      // The other language's term never shows.
      const other = lang === 'en' ? 'es' : 'en';
      for (const [surface, text] of Object.entries(all))
        expect(text.toLowerCase(), surface).not.toContain(TERMS[other].dateNotFixed);
    });
  }
});
