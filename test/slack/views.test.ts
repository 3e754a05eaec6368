import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/core.js';
import type { Reply } from '../../src/presentation/reply.js';
import { isResponseUrl } from '../../src/slack/deliver.js';
import { parseTarget } from '../../src/slack/outcome.js';
import { escapeMrkdwn, renderSlackMessage } from '../../src/slack/render.js';
import { InFlight, KeyedLock, OnceGuard } from '../../src/slack/support.js';
import { flag, homeView } from '../../src/slack/views/home.js';
import { ephemeralMessage, parseShareValue, shareValue } from '../../src/slack/views/reply-message.js';
import { DIALECTS, openTestCore } from '../support/store.js';

const answer = (text: string): Reply => ({ kind: 'answer', summary: text, blocks: [{ type: 'text', text }] });

describe('mrkdwn escaping', () => {
  it('defuses broadcast and group mentions typed as text', () => {
    const out = escapeMrkdwn('hi <!channel> <!here> <!subteam^S1|@t> <@U1> @here @channel @everyone & co');
    expect(out).not.toMatch(/<!|<@/);
    expect(out).toContain('&lt;!channel&gt;');
    expect(out).toContain('&amp; co');
    expect(out).not.toMatch(/(^|\s)@(here|channel|everyone)\b/);
  });

  it('keeps real mentions that the reply model asks for, and only those', () => {
    const reply: Reply = {
      kind: 'answer',
      summary: 's',
      blocks: [{ type: 'text', text: ['by ', { user: 'U123' }, ' ', { user: '<!channel>' }] }],
    };
    const text = JSON.stringify(renderSlackMessage(reply).blocks);
    expect(text).toContain('<@U123>');
    expect(text).not.toContain('<!channel>');
  });
});

describe('ephemeral answers and sharing', () => {
  it('offers "Share in channel" for answers only, never for private verbs', () => {
    const share = shareValue('/dialogue', 'next');
    expect(parseShareValue(share!)).toEqual({ c: '/dialogue', t: 'next' });
    expect(JSON.stringify(ephemeralMessage(answer('x'), 'en', share).blocks)).toContain('Share in channel');
    const refusal: Reply = { ...answer('no'), kind: 'refusal' };
    expect(JSON.stringify(ephemeralMessage(refusal, 'en', share).blocks)).not.toContain('reply.share');
    expect(shareValue('/dialogue', 'subscribe')).toBeNull();
    expect(shareValue('/dialogue', 'x'.repeat(3000))).toBeNull();
    expect(parseShareValue('{nope')).toBeNull();
  });

  it('keeps the Share button when a reply is longer than Slack’s 50 blocks', () => {
    const long: Reply = {
      kind: 'answer',
      summary: 's',
      blocks: Array.from({ length: 80 }, () => ({ type: 'divider' })),
    };
    const { blocks } = ephemeralMessage(long, 'es', shareValue('/commitments', 'list')!);
    expect(blocks).toHaveLength(50);
    expect(JSON.stringify(blocks.at(-1))).toContain('Compartir en el canal');
  });
});

describe('small helpers', () => {
  it('flags from ISO codes', () => {
    expect(flag('MX')).toBe('🇲🇽');
    expect(flag('GB')).toBe('🇬🇧');
    expect(flag('x')).toBe('');
  });

  it('reads button targets, with or without a dialogue', () => {
    expect(parseTarget('R1-4')).toEqual({ dialogue: null, id: 'R1-4' });
    expect(parseTarget('mexico-uk|R1-7a')).toEqual({ dialogue: 'mexico-uk', id: 'R1-7a' });
    expect(parseTarget('|R1-4')).toBeNull();
    expect(parseTarget('')).toBeNull();
  });

  it('posts kept response URLs only to Slack (or the configured API host)', () => {
    expect(isResponseUrl('https://hooks.slack.com/commands/T1/2/abc', null)).toBe(true);
    expect(isResponseUrl('https://evil.example/hooks.slack.com', null)).toBe(false);
    expect(isResponseUrl('http://hooks.slack.com/x', null)).toBe(false);
    expect(isResponseUrl('http://127.0.0.1:4000/api/response/1', 'http://127.0.0.1:4000/api/')).toBe(true);
    expect(isResponseUrl('http://127.0.0.1:4001/x', 'http://127.0.0.1:4000/api/')).toBe(false);
    expect(isResponseUrl(42, null)).toBe(false);
  });

  it('OnceGuard lets the first claim through and refuses repeats until they expire', () => {
    const g = new OnceGuard(1_000);
    expect(g.claim('a', 0)).toBe(true);
    expect(g.claim('a', 500)).toBe(false);
    expect(g.claim('b', 500)).toBe(true);
    expect(g.claim('a', 1_001)).toBe(true);
  });

  it('KeyedLock runs work on one key in turn, even when some of it fails', async () => {
    const lock = new KeyedLock();
    const order: string[] = [];
    const slow =
      (name: string, ms: number, fail = false) =>
      async () => {
        order.push(`start ${name}`);
        await new Promise((r) => setTimeout(r, ms));
        order.push(`end ${name}`);
        if (fail) throw new Error(name);
        return name;
      };
    const results = await Promise.allSettled([
      lock.run('k', slow('a', 30, true)),
      lock.run('k', slow('b', 1)),
      lock.run('other', slow('c', 1)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    expect(order.indexOf('start b')).toBeGreaterThan(order.indexOf('end a'));
    expect(order.indexOf('start c')).toBeLessThan(order.indexOf('end a'));
  });

  it('InFlight.drain waits for tracked work, including work started while draining', async () => {
    const inflight = new InFlight();
    const done: string[] = [];
    void inflight.track(
      new Promise<void>((r) =>
        setTimeout(() => {
          done.push('first');
          void inflight.track(new Promise<void>((r2) => setTimeout(() => r2(void done.push('second')), 5)));
          r();
        }, 5),
      ),
    );
    await inflight.drain();
    expect(done).toEqual(['first', 'second']);
    expect(inflight.size).toBe(0);
  });
});

describe.each(DIALECTS)('App Home view (%s)', (dialect) => {
  let core: Core;
  beforeAll(async () => {
    core = await openTestCore(dialect, { tag: 'slack_home', env: { EDITORS: 'UEDITOR1' } });
  });
  afterAll(async () => {
    await core?.close();
  });

  const build = async (userId: string, lang: 'en' | 'es', at: string) => {
    const now = new Date(at);
    const view = await core.services.cycle.view('mexico-uk', now);
    const commitments = await core.services.commitments.list('mexico-uk');
    return homeView([{ view, commitments, isEditor: core.services.isEditor('mexico-uk', userId) }], lang, now, 'now');
  };

  it('shows the next round with host flag and countdown, commitments by status, and editor-only buttons', async () => {
    await core.router.handle({
      command: '/dialogue',
      text: 'schedule 2025-05-14 10:00 London',
      userId: 'UEDITOR1',
      channelId: null,
      now: new Date('2025-03-01T12:00:00Z'),
    });
    const editor = JSON.stringify(await build('UEDITOR1', 'en', '2025-05-04T12:00:00Z'));
    expect(editor).toContain('🇬🇧 Host: The United Kingdom');
    expect(editor).toContain('Wednesday, 14 May 2025, 10:00 BST London · 03:00 CST Mexico City');
    expect(editor).toContain('in 10 days');
    expect(editor).toContain('Not started (6)');
    expect(editor).toContain('commitment.done:mexico-uk|R1-4');
    expect(editor).toContain('round.schedule');
    const reader = JSON.stringify(await build('UREADER1', 'es', '2025-05-13T12:00:00Z'));
    expect(reader).not.toContain('round.schedule');
    expect(reader).not.toContain('commitment.done');
    expect(reader).toContain('R1-4');
    expect(reader).toContain('Sede: El Reino Unido');
    expect(reader).toContain('mañana');
    expect(reader).toContain('Suscribirse al calendario');
  });

  it('shows the round’s time in both capitals on the other side of London’s clock change too', async () => {
    const reply = await core.router.handle({
      command: '/dialogue',
      text: 'schedule 2025-11-12 10:00 London',
      userId: 'UEDITOR1',
      channelId: null,
      now: new Date('2025-03-01T12:00:00Z'),
    });
    expect(reply.kind).toBe('change');
    const home = JSON.stringify(await build('UEDITOR1', 'en', '2025-11-01T12:00:00Z'));
    // GMT in November: seven hours become six (Mexico City stays on UTC−6).
    expect(home).toContain('10:00 GMT London · 04:00 CST Mexico City');
    expect(home).toContain('in 11 days');
  });

  it('stays within Slack’s 100-block limit with many commitments', async () => {
    for (let i = 0; i < 60; i++)
      await core.services.commitments.add('mexico-uk', 'UEDITOR1', `Commitment ${i}`, new Date('2025-03-01T12:00:00Z'));
    const view = await build('UEDITOR1', 'en', '2025-03-02T12:00:00Z');
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(JSON.stringify(view)).toMatch(/Page 1 of 5 · 1–15 of 66/);
    expect(JSON.stringify(view)).toContain('"value":"mexico-uk|2"');
  });
});

describe('button labels in Slack', () => {
  it('say what they do, in the user’s language', () => {
    const reply: Reply = {
      ...answer('R1-4'),
      actions: [
        { id: 'commitment.done', label: '✓', value: 'R1-4', style: 'primary' },
        { id: 'commitment.update', label: '…', value: 'R1-4' },
      ],
    };
    const en = JSON.stringify(ephemeralMessage(reply, 'en', null).blocks);
    expect(en).toContain('"text":"Mark done"');
    expect(en).toContain('"text":"Update R1-4…"');
    expect(en).toContain('"action_id":"commitment.done:R1-4"');
    expect(JSON.stringify(ephemeralMessage(reply, 'es', null).blocks)).toContain('"text":"Actualizar R1-4…"');
  });
});
