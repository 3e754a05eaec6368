import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandName } from '../../src/commands/router.js';
import type { Core } from '../../src/core.js';
import { renderText } from '../../src/presentation/reply.js';
import { DIALECTS, openReplicaPair } from '../support/store.js';

const EDITOR = 'U0EDITOR';
const READER = 'U0READER';
const T0 = new Date('2025-05-12T12:00:00Z');

/**
 * Read-only answers are kept per store revision. Two cores on one store
 * stand for two replicas: whatever one changes, the other's next answer
 * shows, because every change moves the one revision row both read first.
 */
describe.each(DIALECTS)('answers kept between changes (%s)', (dialect) => {
  let a: Core;
  let b: Core;
  let close: () => Promise<void>;
  beforeEach(async () => {
    ({ a, b, close } = await openReplicaPair(dialect, { env: { EDITORS: EDITOR }, now: T0, tag: 'answers' }));
  });
  afterEach(async () => {
    await close();
  });

  const ask = async (core: Core, line: string, o: { at?: Date; user?: string; channel?: string } = {}) => {
    const parsed = core.router.parseLine(line)!;
    const reply = await core.router.handle({
      command: parsed.command as CommandName,
      text: parsed.text,
      userId: o.user ?? READER,
      channelId: o.channel ?? 'C0CHAN',
      now: o.at ?? T0,
      locale: null,
    });
    return renderText(reply);
  };

  it('a change made by another replica shows in the next answer', async () => {
    const before = await ask(a, '/commitments list');
    expect(await ask(a, '/commitments list')).toBe(before);
    expect(before).not.toMatch(/R1-6[^\n]*done/);
    await b.services.commitments.updateStatus('mexico-uk', EDITOR, 'R1-6', 'done', null, T0);
    const after = await ask(a, '/commitments list');
    expect(after).not.toBe(before);
    expect(after).toMatch(/R1-6[^\n]*done/);

    expect(await ask(a, '/dialogue next')).toContain('date not fixed yet');
    await b.services.cycle.schedule('mexico-uk', EDITOR, { date: '2025-05-14', time: null, city: 'London' }, T0);
    expect(await ask(a, '/dialogue next')).toContain('Venue: London.');
  });

  it('a language chosen on another replica answers in it at once', async () => {
    expect(await ask(a, '/dialogue next')).toContain('Next: round 2');
    await b.services.users.setLang(READER, 'es', T0);
    expect(await ask(a, '/dialogue next')).toContain('Próxima: ronda 2');
    // Others are still answered in the default language.
    expect(await ask(a, '/dialogue next', { user: 'U0OTHER' })).toContain('Next: round 2');
  });

  it('time still moves the answer with nothing changed: the countdown of a scheduled round', async () => {
    await a.services.cycle.schedule('mexico-uk', EDITOR, { date: '2025-05-14', time: null, city: null }, T0);
    expect(await ask(a, '/dialogue next')).toContain('In 2 days.');
    expect(await ask(a, '/dialogue next', { at: new Date('2025-05-13T12:00:00Z') })).toContain('That is tomorrow.');
    expect(await ask(a, '/dialogue next', { at: new Date('2025-05-14T12:00:00Z') })).toContain('That is today.');
  });

  it('answers are kept per user and channel: a dialogue named by channel or flag, refusals stay refusals', async () => {
    expect(await ask(a, '/commitments list --dialogue nope')).toContain('nope');
    expect(await ask(a, '/commitments list --dialogue mexico-uk')).toContain('R1-4');
    // Changes are never served from a kept answer: a reader is refused every time, and nothing changes.
    for (let i = 0; i < 2; i++)
      expect(await ask(a, '/commitments update R1-4 done', { user: READER })).toMatch(/editor/i);
    expect((await a.services.commitments.get('mexico-uk', 'R1-4')).status).toBe('not-started');
  });

  it('the store revision moves with every change, audited or not, and not with a refusal', async () => {
    const rev = () => a.services.ctx.storeRevision();
    const r0 = await rev();
    await b.services.commitments.updateStatus('mexico-uk', EDITOR, 'R1-4', 'in-progress', null, T0);
    expect(await rev()).toBe(r0 + 1);
    await expect(b.services.commitments.updateStatus('mexico-uk', READER, 'R1-4', 'done', null, T0)).rejects.toThrow();
    expect(await rev()).toBe(r0 + 1);
    await b.services.feeds.subscribe(READER, { lang: 'en', mine: false, dialogueId: null }, T0);
    expect(await rev()).toBe(r0 + 2);
    await b.services.feeds.stop(READER, { kind: 'every' }, T0);
    expect(await rev()).toBe(r0 + 3);
    await b.services.feeds.stop(READER, { kind: 'every' }, T0); // nothing to revoke: nothing changed
    expect(await rev()).toBe(r0 + 3);
    await b.services.users.setLang(READER, 'es', T0);
    expect(await rev()).toBe(r0 + 4);
  });
});

describe.each(DIALECTS)('the store revision while a change is under way (%s)', (dialect) => {
  it('is never read from a change that has not committed (it may yet roll back)', async () => {
    const { a, close } = await openReplicaPair(dialect, { env: { EDITORS: EDITOR }, now: T0, tag: 'answers_tx' });
    try {
      const before = await a.services.ctx.storeRevision();
      let during: Promise<number> | undefined;
      await expect(
        a.services.ctx.change('mexico-uk', T0.toISOString(), async (trx) => {
          await a.services.ctx.countChange(trx);
          during = a.services.ctx.storeRevision(); // asked while the bump is uncommitted
          await new Promise((r) => setTimeout(r, 20));
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      expect(await during).toBe(before);
      expect(await a.services.ctx.storeRevision()).toBe(before);
    } finally {
      await close();
    }
  });
});
