import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/core.js';
import { renderText } from '../../src/presentation/reply.js';
import { DIALECTS, openTestCore } from '../support/store.js';

const EDITOR = 'UEDITOR1';
/** More changes than the store once returned for one record (200): none may be lost. */
const NOTES = 230;

describe.each(DIALECTS)(
  'a long history is complete: every change reachable, the latest notes the latest (%s)',
  (dialect) => {
    let core: Core;
    const at = new Date('2024-06-01T12:00:00Z');
    beforeAll(async () => {
      core = await openTestCore(dialect, { tag: 'history_all', env: { EDITORS: EDITOR } });
      for (let i = 1; i <= NOTES; i++)
        await core.services.commitments.note(
          'mexico-uk',
          EDITOR,
          'R1-4',
          `note number ${i}`,
          new Date(at.getTime() + i * 60_000),
        );
    }, 120_000);
    afterAll(async () => {
      await core?.close();
    });

    const ask = (text: string) =>
      core.router.handle({
        command: '/commitments',
        text,
        userId: EDITOR,
        channelId: null,
        now: new Date('2024-07-01T00:00:00Z'),
      });

    it('/commitments history pages through every change, each once', async () => {
      const events = await core.services.commitments.history('mexico-uk', 'R1-4');
      expect(events.filter((e) => e.note?.startsWith('note number'))).toHaveLength(NOTES);
      const seen: string[] = [];
      const pages = Math.ceil(events.length / 25);
      for (let n = 1; n <= pages; n++)
        seen.push(
          ...[...renderText(await ask(`history R1-4 page ${n}`)).matchAll(/note number (\d+)/g)].map((m) => m[1]!),
        );
      expect(seen).toHaveLength(NOTES);
      expect(new Set(seen).size).toBe(NOTES);
      expect(seen.at(-1)).toBe(String(NOTES));
      expect((await ask(`history R1-4 page ${pages + 1}`)).kind).toBe('usage');
    });

    it('/commitments show gives the latest notes, not the first ones', async () => {
      const text = renderText(await ask('show R1-4'));
      expect(text).toContain(`note number ${NOTES}`);
      expect(text).not.toContain('note number 1\n');
    });
  },
);
