import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/core.js';
import { renderText } from '../../src/presentation/reply.js';
import { renderSlackMessage } from '../../src/slack/render.js';
import { DIALECTS, openTestCore } from '../support/store.js';
import { fixture } from './support.js';

const EDITOR = 'ULOCAL';
const AFTER_ROUND_2 = new Date('2025-06-01T09:00:00Z');
const ROUND_2 = fixture('mexico-uk-2025-second-round.txt');
const ROUND_2_TITLE = 'Mexico and the United Kingdom hold second Multilateral and Human Rights Dialogue';
const PARAGRAPH_8 =
  'They decided to strengthen their exchanges on equality, including on feminist foreign policy, the protection of LGBTI+ persons, and the participation of women in peace processes.';

describe.each(DIALECTS)('imported commitments keep what they read (%s)', (dialect) => {
  let core: Core;
  beforeEach(async () => {
    core = await openTestCore(dialect, { now: new Date('2024-06-01T12:00:00Z'), tag: 'import_sources' });
  });
  afterEach(async () => {
    await core.close();
  });

  const show = (id: string, user = EDITOR) =>
    core.router.handle({
      command: '/commitments',
      text: `show ${id}`,
      userId: user,
      channelId: null,
      now: AFTER_ROUND_2,
    });

  it('a paragraph holding three undertakings gives three commitments, each its own text, citing the round-2 statement', async () => {
    const proposal = await core.services.imports.propose(ROUND_2, 'mexico-uk', AFTER_ROUND_2);
    const planned = proposal.plan!.commitments.filter((c) => c.paragraph === '8');
    expect(planned.map((c) => c.id)).toEqual(['R2-8a', 'R2-8b', 'R2-8c']);

    await core.services.imports.apply('mexico-uk', EDITOR, ROUND_2, AFTER_ROUND_2);
    const stored = await Promise.all(
      ['R2-8a', 'R2-8b', 'R2-8c'].map((id) => core.services.commitments.get('mexico-uk', id)),
    );
    expect(stored.map((c) => c.text)).toEqual([
      'They decided to strengthen their exchanges on equality, including on feminist foreign policy.',
      'They decided to strengthen their exchanges on equality, including on the protection of LGBTI+ persons.',
      'They decided to strengthen their exchanges on equality, including on the participation of women in peace processes.',
    ]);
    expect(new Set(stored.map((c) => c.text)).size).toBe(3);
    // What the preview showed is what was recorded.
    expect(planned.map((c) => c.text)).toEqual(stored.map((c) => c.text));
    for (const c of stored) {
      expect(c.edition).toBe(2);
      expect(c.paragraph).toBe('8');
      expect(c.source).toEqual({ title: ROUND_2_TITLE, url: null, text: PARAGRAPH_8 });
    }

    // The card cites the round-2 statement (never round 1's), and the sentence the undertaking came from.
    const card = await show('R2-8b');
    const text = renderText(card);
    expect(text).toContain(
      'In the statement’s words: “They decided to strengthen their exchanges on equality, including on the protection of LGBTI+ persons.”',
    );
    expect(text).toContain(`Source: ${ROUND_2_TITLE}`);
    expect(text).not.toContain('first');
    expect(text).toContain(`From the sentence: “${PARAGRAPH_8}”`);
    expect(text).toContain('Agreed at: round 2, ¶8');
    // A single undertaking needs no "from the sentence" line.
    expect(renderText(await show('R2-7'))).not.toContain('From the sentence');
    // Round 1's commitments still cite round 1's statement, with its address.
    const r1 = JSON.stringify(renderSlackMessage(await show('R1-4')));
    expect(r1).toContain('hold first Multilateral and Human Rights Dialogue: Joint Statement');
    expect(r1).toContain('https://www.gov.uk/government/publications/mexico-and-the-united-kingdom-hold-first');
  });

  it('a hand-added commitment shows who added it and when, never “in the statement’s words”, and bold that renders', async () => {
    await core.services.commitments.add(
      'mexico-uk',
      EDITOR,
      'Joint seminar on business and human rights',
      AFTER_ROUND_2,
    );
    const card = await show('A1');
    const text = renderText(card);
    expect(text).not.toContain('statement’s words');
    expect(text).not.toContain('Source');
    expect(text).toContain('As added: “Joint seminar on business and human rights”');
    expect(text).toContain(`Added by @${EDITOR} · 1 June 2025`);
    const slack = JSON.stringify(renderSlackMessage(card));
    expect(slack).toContain(`Added by <@${EDITOR}>`);
    // Slack closes bold only when the marker touches the word: `*As added:* “…`, not `*As added: *“…`.
    expect(slack).toContain('*As added:* “Joint seminar');
    expect(JSON.stringify(renderSlackMessage(await show('R1-4')))).toContain('*In the statement’s words:* “');
  });
});
