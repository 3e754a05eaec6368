import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/core.js';
import { briefPackMarkdown, buildBriefPack } from '../../src/export/brief-pack.js';
import { renderText } from '../../src/presentation/reply.js';
import { DIALECTS, openTestCore } from '../support/store.js';

const EDITOR = 'UEDITOR1';

describe.each(DIALECTS)('/dialogue brief (%s)', (dialect) => {
  let core: Core;
  beforeEach(async () => {
    core = await openTestCore(dialect, { tag: 'slack_brief', env: { EDITORS: EDITOR } });
  });
  afterEach(async () => {
    await core.close();
  });

  const ask = (command: '/dialogue' | '/commitments', text: string, at: string, userId = EDITOR) =>
    core.router.handle({ command, text, userId, channelId: null, now: new Date(at) });

  it('lists every commitment since the last held round with status, owners, last note and what changed', async () => {
    expect(
      (await ask('/commitments', 'update R1-4 in-progress first workshop held', '2024-03-01T10:00:00Z')).kind,
    ).toBe('change');
    expect((await ask('/commitments', 'assign R1-6 <@UANA123> mx', '2024-04-01T10:00:00Z')).kind).toBe('change');
    expect((await ask('/commitments', 'note R1-7a draft paper shared', '2024-05-01T10:00:00Z')).kind).toBe('change');
    expect((await ask('/dialogue', 'schedule 2025-05-14 10:00 London', '2025-01-10T10:00:00Z')).kind).toBe('change');

    const reply = await ask('/dialogue', 'brief', '2025-02-01T10:00:00Z', 'UREADER1');
    expect(reply.kind).toBe('answer');
    const text = renderText(reply);
    expect(text).toContain('Pre-dialogue brief · round 2');
    expect(text).toContain('Since round 1 (held 16 January 2024)');
    expect(text).toContain('6 commitments · 5 not started · 1 in progress');
    expect(text).toContain('3 changes since');
    // One block per commitment, in the statement's order.
    const ids = [...text.matchAll(/^(R1-\w+) · /gm)].map((m) => m[1]);
    expect(ids).toEqual(['R1-4', 'R1-6', 'R1-7a', 'R1-7b', 'R1-7c', 'R1-8']);
    const block = (id: string) => text.slice(text.indexOf(`${id} · `)).split(/\n(?=R1-)/)[0]!;
    expect(block('R1-4')).toContain('in progress');
    expect(block('R1-4')).toContain('Last note: 1 March 2024, @UEDITOR1: “first workshop held”');
    expect(block('R1-4')).toContain('status: not started → in progress');
    expect(block('R1-6')).toContain('Mexico: @UANA123');
    expect(block('R1-6')).toContain('owner (MX): — → @UANA123');
    expect(block('R1-7a')).toContain('“draft paper shared”');
    expect(block('R1-8')).toContain('Changed since: none');
    expect(block('R1-8')).toContain('Last note: no notes yet');
    // Rounds section: the next round was scheduled since.
    expect(text).toContain('Round 2 · ');
    expect(text).toContain('date: — → 14 May 2025');
    expect(text).toContain('state: expected → scheduled');
    // Mentions are real mentions in Block Kit, not text.
    expect(JSON.stringify(reply.blocks)).toContain('{"user":"UANA123"}');
  });

  it('counts only changes after the held round, and speaks Spanish', async () => {
    await ask('/dialogue', 'lang es', '2024-01-01T00:00:00Z', 'UREADER1');
    const reply = await ask('/dialogue', 'brief', '2024-02-01T10:00:00Z', 'UREADER1');
    const text = renderText(reply);
    expect(text).toContain('Tarjeta informativa · ronda 2');
    expect(text).toContain('Desde la ronda 1 (celebrada el 16 de enero de 2024)');
    expect(text).toContain('sin cambios desde entonces');
    expect(text).not.toContain('Changed since');
  });

  it('a round change is worded, never a store field name: an end time reads “end time” in the brief and the pack', async () => {
    await ask('/dialogue', 'lang es', '2024-01-01T00:00:00Z', 'UREADER1');
    expect((await ask('/dialogue', 'schedule 2025-05-14 10:00-17:30 London', '2025-01-10T10:00:00Z')).kind).toBe(
      'change',
    );
    const at = '2025-02-01T10:00:00Z';
    const en = renderText(await ask('/dialogue', 'brief', at));
    expect(en).toContain('end time: — → 17:30');
    expect(en).toContain('state: expected → scheduled');
    const es = renderText(await ask('/dialogue', 'brief', at, 'UREADER1'));
    expect(es).toContain('hora de término: — → 17:30');
    const brief = await core.services.briefs.brief('mexico-uk', new Date(at));
    const cycle = await core.services.cycle.view('mexico-uk', new Date(at));
    for (const [lang, words] of [
      ['en', ['end time: — → 17:30', 'date: — → 14 May 2025', 'state: expected → scheduled']],
      ['es', ['hora de término: — → 17:30', 'fecha: — → 14 de mayo de 2025']],
    ] as const) {
      const md = briefPackMarkdown(buildBriefPack(brief, cycle.entries, lang, new Date(at)));
      for (const w of words) expect(md).toContain(w);
      expect(md).not.toContain('endTime');
      // Values as chat shows them: a state in the reader's words, a date written out.
      if (lang === 'es') expect(md).not.toMatch(/expected|scheduled|2025-05-14/);
    }
    for (const text of [en, es]) expect(text).not.toContain('endTime');
  });

  it('takes no arguments', async () => {
    const reply = await ask('/dialogue', 'brief now', '2024-02-01T10:00:00Z');
    expect(reply.kind).toBe('usage');
    expect(reply.summary).toContain('Usage: /dialogue brief');
  });
});
