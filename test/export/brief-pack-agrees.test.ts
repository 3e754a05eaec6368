import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/core.js';
import { briefPackMarkdown, buildBriefPack } from '../../src/export/brief-pack.js';
import { renderText } from '../../src/presentation/reply.js';
import { openTestCore } from '../support/store.js';

/**
 * The briefing pack says what the chat brief says: a round by the number the
 * governments count (a cancelled meeting takes none, so the next one held is
 * still "round 2" though it is the third occurrence), and people by name —
 * the chat shows a mention, which Slack renders as the person's name; a
 * document cannot, so it shows the name Slack last gave us.
 */

const EDITOR = 'UEDITOR1';
const ANA = 'UANA123';
const at = (iso: string) => new Date(iso);

describe('the briefing pack and /dialogue brief agree', () => {
  let core: Core;
  beforeAll(async () => {
    core = await openTestCore('sqlite', { tag: 'pack_agrees', env: { EDITORS: EDITOR } });
    const { cycle, commitments, users } = core.services;
    // Round 1 was held in January 2024 (configuration). The next occurrence is scheduled, then cancelled:
    // it takes no number, and the meeting held after it is round 2.
    await cycle.schedule(
      'mexico-uk',
      EDITOR,
      { date: '2024-06-05', time: null, city: null },
      at('2024-03-01T10:00:00Z'),
      {
        confirmed: true,
      },
    );
    await cycle.cancel('mexico-uk', EDITOR, 'elections', at('2024-03-02T10:00:00Z'), { confirmed: true });
    await cycle.held('mexico-uk', EDITOR, '2025-02-10', at('2025-02-11T10:00:00Z'), { confirmed: true });
    await commitments.assign('mexico-uk', EDITOR, 'R1-6', ANA, 'mx', at('2025-02-12T10:00:00Z'));
    await commitments.note('mexico-uk', EDITOR, 'R1-6', 'terms of reference agreed', at('2025-02-13T10:00:00Z'));
    await users.rememberName(ANA, 'Ana Díaz', at('2025-02-14T10:00:00Z'));
    await users.rememberName(EDITOR, 'Edith Ortega', at('2025-02-14T10:00:00Z'));
  });
  afterAll(async () => {
    await core?.close();
  });

  const NOW = at('2025-03-01T10:00:00Z');
  const chat = async (lang: 'en' | 'es') => {
    await core.router.handle({ command: '/dialogue', text: `lang ${lang}`, userId: EDITOR, channelId: null, now: NOW });
    return renderText(
      await core.router.handle({ command: '/dialogue', text: 'brief', userId: EDITOR, channelId: null, now: NOW }),
    );
  };
  const pack = async (lang: 'en' | 'es') => {
    const brief = await core.services.briefs.brief('mexico-uk', NOW);
    const cycle = await core.services.cycle.view('mexico-uk', NOW, 1);
    return buildBriefPack(brief, cycle.entries, lang, NOW);
  };

  it('names a round the same way: its number as the governments count it', async () => {
    for (const [lang, since, next, change] of [
      ['en', 'Since round 2 (held 10 February 2025)', 'Round 3 · ', 'Round 2 · '],
      ['es', 'Desde la ronda 2 (celebrada el 10 de febrero de 2025)', 'Ronda 3 · ', 'Ronda 2 · '],
    ] as const) {
      const text = await chat(lang);
      expect(text, lang).toContain(since);
      const p = await pack(lang);
      const md = briefPackMarkdown(p);
      expect(md, lang).toContain(since);
      expect(p.round).toBe(3);
      expect(p.next.startsWith(next), `${lang}: ${p.next}`).toBe(true);
      // The change that recorded round 2 as held, in both.
      expect(
        p.roundChanges.some((l) => l.startsWith(change) && /held|celebrada/.test(l)),
        lang,
      ).toBe(true);
      expect(text, lang).toMatch(new RegExp(`${change}.*(?:held|celebrada)`));
      expect(p.roundChangesTitle, lang).toMatch(/2$/);
    }
  });

  it('shows owners and the authors of changes and notes by their names, not their Slack IDs', async () => {
    for (const [lang, owner] of [
      ['en', 'Mexico: Ana Díaz'],
      ['es', 'México: Ana Díaz'],
    ] as const) {
      const md = briefPackMarkdown(await pack(lang));
      expect(md, lang).toContain(owner);
      expect(md, lang).toContain('Edith Ortega');
      expect(md, lang).not.toContain(ANA);
      expect(md, lang).not.toContain(EDITOR);
    }
    // Chat shows the same people as mentions, which Slack renders by name.
    const reply = await core.router.handle({
      command: '/dialogue',
      text: 'brief',
      userId: EDITOR,
      channelId: null,
      now: NOW,
    });
    expect(JSON.stringify(reply.blocks)).toContain(`{"user":"${ANA}"}`);
  });

  it('someone whose name is not known yet is shown as @ID, never left out', async () => {
    await core.services.commitments.assign('mexico-uk', EDITOR, 'R1-4', 'UNEW999', 'uk', at('2025-02-20T10:00:00Z'));
    const md = briefPackMarkdown(await pack('en'));
    expect(md).toContain('United Kingdom: @UNEW999');
  });
});
