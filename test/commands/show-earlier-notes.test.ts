import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/core.js';
import { renderText } from '../../src/presentation/reply.js';
import { DIALECTS, openTestCore } from '../support/store.js';

const EDITOR = 'UEDITOR1';
const SPANISH = 'UEDITOR2';
const T0 = new Date('2024-06-01T12:00:00Z');
const LATER = new Date('2024-07-01T00:00:00Z');

/** `/commitments show` lists the latest 3 notes; older ones are counted, with the command that shows them. */
describe.each(DIALECTS)('/commitments show says how many earlier notes it leaves out (%s)', (dialect) => {
  let core: Core;
  beforeAll(async () => {
    core = await openTestCore(dialect, { tag: 'show_earlier', env: { EDITORS: `${EDITOR},${SPANISH}` } });
    const note = (id: string, i: number) =>
      core.services.commitments.note('mexico-uk', EDITOR, id, `note number ${i}`, new Date(T0.getTime() + i * 60_000));
    for (let i = 1; i <= 5; i++) await note('R1-4', i);
    for (let i = 1; i <= 3; i++) await note('R1-6', i);
    for (let i = 1; i <= 4; i++) await note('R1-8', i);
    await core.router.handle({ command: '/dialogue', text: 'lang es', userId: SPANISH, channelId: null, now: T0 });
  }, 60_000);
  afterAll(async () => {
    await core?.close();
  });

  const show = async (id: string, userId = EDITOR) =>
    renderText(
      await core.router.handle({ command: '/commitments', text: `show ${id}`, userId, channelId: null, now: LATER }),
    );

  it('5 notes: the latest 3, and “2 earlier notes” with the history command', async () => {
    const text = await show('R1-4');
    expect([...text.matchAll(/note number (\d)/g)].map((m) => m[1])).toEqual(['5', '4', '3']);
    expect(text).toContain('2 earlier notes are not shown here: /commitments history R1-4 shows every note');
  });

  it('3 notes: all of them, and no such line', async () => {
    const text = await show('R1-6');
    expect([...text.matchAll(/note number (\d)/g)].map((m) => m[1])).toEqual(['3', '2', '1']);
    expect(text).not.toMatch(/earlier note/);
  });

  it('says it in Spanish, singular when one is left out', async () => {
    const text = await show('R1-8', SPANISH);
    expect(text).toContain('Hay 1 nota anterior que no se muestra aquí: /commitments history R1-8');
    expect(text).not.toMatch(/earlier note/);
  });

  it('a withdrawn (undone) note is not counted', async () => {
    const change = await core.services.commitments.note('mexico-uk', EDITOR, 'R1-6', 'to be withdrawn', LATER);
    expect(change.changeId).not.toBeNull();
    await core.services.undo.undo('mexico-uk', EDITOR, null, change.changeId, LATER);
    const text = await show('R1-6');
    expect(text).not.toContain('to be withdrawn');
    expect(text).not.toMatch(/earlier note/);
  });
});
