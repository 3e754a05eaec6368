import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/core.js';
import type { CommitmentFacts } from '../../src/domain/reminders.js';
import { DIGEST_MAX_ITEMS, reminderReply } from '../../src/presentation/reminder-messages.js';
import { payloadProblems, SLACK_LIMITS } from '../../src/slack/limits.js';
import { renderSlackMessage, type SlackBlock } from '../../src/slack/render.js';
import { ephemeralMessage, shareValue } from '../../src/slack/views/reply-message.js';
import { openTestCore } from '../support/store.js';

/**
 * A reply that does not fit one Slack message (50 blocks) is cut, but never
 * silently: its last block says how many items and lines are not shown and
 * how to see them, in the reply's language, and the buttons that lead on
 * (a pager, Download, Share) are kept.
 */

const EDITOR = 'UEDITOR1';
const NOW = new Date('2025-03-01T12:00:00Z');
/** Every `&` and `<` grows when escaped for Slack (`&amp;`, `&lt;`): 140 characters become up to 700. */
const ESCAPES = '&<&<'.repeat(60);

/** The Slack text of a message's blocks, with the `• ` items of its list sections. */
const bullets = (blocks: SlackBlock[]) =>
  blocks.filter((b) => b.type === 'section' && b.text).flatMap((b) => (b.text.text as string).match(/^• /gm) ?? []);

/** The cut line: a context block counting what is not shown. */
function cutLine(blocks: SlackBlock[]): string | undefined {
  const texts = blocks.filter((b) => b.type === 'context').map((b) => b.elements[0].text as string);
  return texts.find((t) => /did not fit in one Slack message|no cupieron en un solo mensaje de Slack/.test(t));
}

function cutItems(line: string): number {
  return Number(/(\d+) (?:more items?|elementos? más)/.exec(line)?.[1] ?? 0);
}

describe('a message too long for Slack says what it leaves out, end to end', () => {
  let core: Core;
  const reason = `Ministers’ diaries & <agendas> clash: ${'&<'.repeat(120)}`;
  beforeAll(async () => {
    core = await openTestCore('sqlite', { tag: 'cut_brief', env: { EDITORS: EDITOR } });
    const cycle = core.services.cycle;
    // Rescheduled and postponed over and over: two hundred of each, each postponement with its reason.
    for (let i = 0; i < 200; i++) {
      const date = new Date(Date.UTC(2025, 5, 1 + i)).toISOString().slice(0, 10);
      await cycle.schedule('mexico-uk', EDITOR, { date, time: null, city: null }, NOW, { confirmed: true });
      await cycle.postpone('mexico-uk', EDITOR, reason, NOW, { confirmed: true });
    }
  }, 120_000);
  afterAll(async () => {
    await core?.close();
  });

  it('a digest of 400 titles full of & and <: the items not shown are counted, with how to list them', async () => {
    const facts = (i: number): CommitmentFacts => ({
      id: `A${i}`,
      text: `${i} ${ESCAPES}`,
      summary: null,
      status: i % 2 ? 'in-progress' : 'not-started',
      dueDate: null,
      owners: [],
    });
    const open = Array.from({ length: DIGEST_MAX_ITEMS }, (_, i) => facts(i));
    const dialogue = await core.services.dialogues.get('mexico-uk');
    for (const [lang, see] of [
      ['en', '/commitments list open shows every open commitment'],
      ['es', '/commitments list open muestra todos los compromisos abiertos'],
    ] as const) {
      const reply = reminderReply(
        dialogue,
        { fireAt: NOW.toISOString(), content: { kind: 'digest', open, overdue: [], overdueOnly: false } },
        lang,
      );
      const { blocks } = renderSlackMessage(reply);
      expect(payloadProblems({ blocks }, 'message'), lang).toEqual([]);
      expect(blocks).toHaveLength(SLACK_LIMITS.messageBlocks);
      const line = cutLine(blocks);
      expect(line, lang).toBeDefined();
      // What is shown and what the cut counts add up to every commitment the digest lists.
      expect(bullets(blocks).length + cutItems(line!), lang).toBe(DIGEST_MAX_ITEMS);
      expect(cutItems(line!), lang).toBeGreaterThan(0);
      expect(line, lang).toContain(see);
      // Not a bare ellipsis.
      expect(JSON.stringify(blocks)).not.toContain('{"type":"mrkdwn","text":"…"}');
    }
  });

  it('/dialogue brief with some 400 round changes keeps Download and Share, and says how many round changes are not shown and where they all are', async () => {
    const brief = await core.services.briefs.brief('mexico-uk', NOW);
    expect(brief.roundChanges.length).toBeGreaterThanOrEqual(400);
    for (const [lang, see] of [
      ['en', 'the briefing pack (Download) has all of it'],
      ['es', 'el paquete informativo (Descargar) la contiene completa'],
    ] as const) {
      await core.router.handle({
        command: '/dialogue',
        text: `lang ${lang}`,
        userId: EDITOR,
        channelId: null,
        now: NOW,
      });
      const reply = await core.router.handle({
        command: '/dialogue',
        text: 'brief',
        userId: EDITOR,
        channelId: null,
        now: NOW,
      });
      expect(reply.kind).toBe('answer');
      const { blocks } = ephemeralMessage(reply, lang, shareValue('/dialogue', 'brief'));
      expect(payloadProblems({ blocks }, 'message'), lang).toEqual([]);
      const line = cutLine(blocks);
      expect(line, lang).toBeDefined();
      expect(line, lang).toContain(see);
      // Every round change is either shown or counted.
      expect(bullets(blocks).length + cutItems(line!), lang).toBe(brief.roundChanges.length);
      // The buttons that lead on are all there: Download and Share.
      const buttons = blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements);
      expect(buttons.map((b) => b.action_id as string)).toEqual(
        expect.arrayContaining([expect.stringMatching(/^brief\.download:/), 'reply.share']),
      );
    }
  });
});
