import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/core.js';
import type { Commitment } from '../../src/domain/commitments.js';
import { newCommitment } from '../../src/domain/commitments.js';
import type { CommitmentFacts } from '../../src/domain/reminders.js';
import type { Lang } from '../../src/domain/types.js';
import { commitmentListReply } from '../../src/presentation/commitments.js';
import { reminderReply } from '../../src/presentation/reminder-messages.js';
import type { Reply } from '../../src/presentation/reply.js';
import { subscriptionReply } from '../../src/presentation/subscriptions.js';
import { clip, payloadProblems, SLACK_LIMITS } from '../../src/slack/limits.js';
import { renderSlackMessage } from '../../src/slack/render.js';
import { homeView } from '../../src/slack/views/home.js';
import { ephemeralMessage, shareValue } from '../../src/slack/views/reply-message.js';
import { openTestCore } from '../support/store.js';

const EDITOR = 'UEDITOR1';
const NOW = new Date('2025-03-01T12:00:00Z');
/** Longer than a whole section, full of characters mrkdwn must escape (each grows when escaped). */
const HUGE = `${'Report & review <progress> on *every* _front_ ~now~ '.repeat(80)}end`;

function expectFits(payload: Record<string, unknown>, surface: 'message' | 'view', what: string): void {
  expect(payloadProblems(payload, surface), what).toEqual([]);
}

function message(reply: Reply, lang: Lang = 'en') {
  return ephemeralMessage(reply, lang, shareValue('/commitments', 'list'));
}

describe('one module decides Slack’s limits', () => {
  it('has Slack’s documented numbers, and clips with “…” to exactly the limit', () => {
    expect(SLACK_LIMITS).toMatchObject({
      messageBlocks: 50,
      viewBlocks: 100,
      sectionText: 3000,
      headerText: 150,
      buttonText: 75,
      fieldText: 2000,
      sectionFields: 10,
      actionsElements: 25,
      confirmText: 300,
    });
    expect(clip('x'.repeat(3001), 3000)).toHaveLength(3000);
    expect(clip('x'.repeat(3001), 3000).endsWith('…')).toBe(true);
    expect(clip('short', 3000)).toBe('short');
  });

  it('notices what would break a payload', () => {
    const bad = {
      text: 'x',
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3001) } },
        { type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } },
        {
          type: 'actions',
          elements: [
            { type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'b'.repeat(76) }, value: 'v' },
            { type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'ok' }, value: 'v' },
          ],
        },
        ...Array.from({ length: 50 }, () => ({ type: 'divider' })),
      ],
    };
    const problems = payloadProblems(bad, 'message');
    expect(problems).toHaveLength(5);
    expect(problems.join('\n')).toMatch(/53 blocks[\s\S]*3001 chars[\s\S]*151 chars[\s\S]*76 chars[\s\S]*repeated/);
  });

  it('packs a list into sections without dropping an item: only an item longer than a section is clipped, on its own', () => {
    const items = Array.from({ length: 120 }, (_, i) => (i % 30 === 0 ? `I${i} ${HUGE}` : `I${i} short item`));
    const { blocks } = renderSlackMessage({ kind: 'answer', summary: 's', blocks: [{ type: 'list', items }] });
    expectFits({ blocks }, 'message', 'list');
    const lines = blocks.flatMap((b) => (b.text.text as string).split('\n'));
    expect(lines.map((l) => /^• (I\d+) /.exec(l)?.[1])).toEqual(items.map((_, i) => `I${i}`));
    expect(lines.filter((l) => l.endsWith('…'))).toHaveLength(4);
  });
});

describe('every surface, rendered with oversized data, stays within Slack’s limits', () => {
  let core: Core;
  let many: Commitment[];
  beforeAll(async () => {
    core = await openTestCore('sqlite', { tag: 'limits13', env: { EDITORS: EDITOR } });
    for (let i = 0; i < 60; i++)
      await core.services.commitments.add('mexico-uk', EDITOR, i % 5 === 0 ? `${i} ${HUGE}` : `Undertaking ${i}`, NOW);
    for (const id of ['R1-4', 'A1', 'A6'])
      for (let n = 0; n < 40; n++)
        await core.services.commitments.note('mexico-uk', EDITOR, id, `Note ${n}: ${HUGE.slice(0, 3900)}`, NOW);
    many = await core.services.commitments.list('mexico-uk');
  }, 60_000);
  afterAll(async () => {
    await core?.close();
  });

  const ask = (command: '/dialogue' | '/commitments', text: string) =>
    core.router.handle({ command, text, userId: EDITOR, channelId: null, now: NOW });

  it('slash replies: list pages, cards, history pages, the brief, the cycle, subscribe — in both languages', async () => {
    const commands: ['/dialogue' | '/commitments', string][] = [
      ['/commitments', 'list all'],
      ['/commitments', 'list all page 2'],
      ['/commitments', 'list all page 3'],
      ['/commitments', 'list open'],
      ['/commitments', 'show A1'],
      ['/commitments', 'show R1-4'],
      ['/commitments', 'history A1'],
      ['/commitments', 'history A1 page 2'],
      ['/commitments', 'help'],
      ['/dialogue', 'brief'],
      ['/dialogue', 'brief page 4'],
      ['/dialogue', 'cycle'],
      ['/dialogue', 'next'],
      ['/dialogue', 'help'],
      ['/dialogue', 'subscribe'],
      ['/dialogue', 'subscribe reset'],
    ];
    for (const lang of ['en', 'es'] as const) {
      await ask('/dialogue', `lang ${lang}`);
      for (const [command, text] of commands) {
        const reply = await ask(command, text);
        expect(reply.kind, `${command} ${text}`).toBe('answer');
        const payload = message(reply, lang);
        expectFits(payload, 'message', `${command} ${text} (${lang})`);
        // Never cut at the end either: the last block is the pager, a hint or the share button, not a bare "…".
        expect(JSON.stringify(payload.blocks.at(-2) ?? {}), `${command} ${text}`).not.toBe(
          JSON.stringify({ type: 'context', elements: [{ type: 'mrkdwn', text: '…' }] }),
        );
      }
    }
    await ask('/dialogue', 'lang en');
  });

  it('the digest with a thousand open commitments: as many as fit, then how many are left and how to see them', async () => {
    const facts = (i: number): CommitmentFacts => ({
      id: `A${i}`,
      text: i % 3 === 0 ? HUGE : `Undertaking ${i}`,
      summary: null,
      status: i % 2 ? 'in-progress' : 'not-started',
      dueDate: i % 4 === 0 ? '2025-02-01' : null,
      owners: [],
    });
    const open = Array.from({ length: 1000 }, (_, i) => facts(i));
    const overdue = open.filter((c) => c.dueDate !== null);
    const d = await core.services.dialogues.get('mexico-uk');
    for (const lang of ['en', 'es'] as const) {
      const reply = reminderReply(
        d,
        { fireAt: NOW.toISOString(), content: { kind: 'digest', open, overdue, overdueOnly: false } },
        lang,
        { late: true },
      );
      const payload = renderSlackMessage(reply);
      expectFits(payload, 'message', `digest (${lang})`);
      const listed = JSON.stringify(payload).match(/• A\d+ — /g) ?? [];
      const left = Number(
        /(\d+) (?:more open commitments|compromisos abiertos más)/.exec(JSON.stringify(payload))?.[1],
      );
      expect(listed.length + left, lang).toBe(1000);
      expect(JSON.stringify(payload)).toContain('/commitments list open');
    }
  });

  it('App Home with three dialogues of many long commitments', async () => {
    const view = await core.services.cycle.view('mexico-uk', NOW);
    const longName = { en: `Dialogue ${HUGE}`, es: `Diálogo ${HUGE}` };
    const sections = [1, 2, 3].map((n) => ({
      view: { ...view, dialogue: { ...view.dialogue, id: `d${n}`, name: longName } },
      commitments: many.map((c) => ({ ...c, dialogueId: `d${n}` })),
      isEditor: n !== 2,
      page: n,
    }));
    for (const lang of ['en', 'es'] as const) {
      const home = homeView(sections, lang, NOW, 'now');
      expectFits(home, 'view', `home (${lang})`);
      // Each dialogue says where its page stands and offers the way on.
      expect(JSON.stringify(home).match(/home\.page:d\d:next/g)).toHaveLength(3);
    }
  });

  it('a commitment list built from any data, and the subscribe answer', () => {
    const huge = Array.from({ length: 500 }, (_, i) =>
      newCommitment(
        { dialogueId: 'mexico-uk', id: `A${i}`, edition: null, paragraph: null, theme: 'general', text: HUGE },
        NOW.toISOString(),
      ),
    );
    for (const page of [1, 10, 20])
      expectFits(
        message(commitmentListReply(huge, 'all', 'en', ['general'], { page, base: 'list all', dialogue: null })),
        'message',
        `list page ${page}`,
      );
    const sub = {
      token: 't'.repeat(43),
      urls: { https: `https://x.example/${'p'.repeat(500)}.ics`, webcal: `webcal://x.example/${'p'.repeat(500)}.ics` },
      outcome: 'existing' as const,
      revoked: 0,
      legacyKept: true,
      mine: true,
      dialogueId: 'mexico-uk',
    };
    expectFits(message(subscriptionReply(sub, 'es', longNameOf())), 'message', 'subscribe');
  });
});

function longNameOf(): string {
  return `Diálogo ${HUGE}`;
}
