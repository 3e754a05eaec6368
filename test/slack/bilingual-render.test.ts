import { describe, expect, it } from 'vitest';
import { type Block, inLanguages, type Reply, renderText } from '../../src/presentation/reply.js';
import { payloadProblems, SLACK_LIMITS } from '../../src/slack/limits.js';
import { renderSlackMessage } from '../../src/slack/render.js';

function reply(lang: 'en' | 'es', blocks: number): Reply {
  const body: Block[] = Array.from({ length: blocks }, (_, i) => ({ type: 'text', text: `${lang} line ${i}` }));
  return {
    kind: 'answer',
    summary: `${lang} summary`,
    lang,
    blocks: [{ type: 'header', text: `${lang} header` }, ...body],
    actions: [
      { id: 'commitment.done', label: lang === 'en' ? 'Mark done' : 'Marcar cumplido', value: 'd|R1-4' },
      { id: 'commitment.update', label: lang === 'en' ? 'Update…' : 'Actualizar…', value: 'd|R1-4' },
    ],
  };
}

describe('one message in two languages', () => {
  it('shows both, a divider between, the buttons once with both labels', () => {
    const m = renderSlackMessage(inLanguages([reply('en', 3), reply('es', 3)]));
    const types = m.blocks.map((b) => b.type);
    expect(types.filter((t) => t === 'divider')).toHaveLength(1);
    expect(types.indexOf('divider')).toBe(4);
    const buttons = m.blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements);
    expect(buttons.map((b) => b.text.text)).toEqual(['Mark done / Marcar cumplido', 'Update… / Actualizar…']);
    expect(m.text).toBe('en summary\nes summary');
    expect(payloadProblems(m, 'message')).toEqual([]);
  });

  it('fits Slack’s 50 blocks: each language gets its share, a cut one says in its language how much it left out', () => {
    const m = renderSlackMessage(inLanguages([reply('en', 40), reply('es', 40)]));
    expect(m.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.messageBlocks);
    expect(payloadProblems(m, 'message')).toEqual([]);
    const json = JSON.stringify(m.blocks);
    expect(json).toContain('en header');
    expect(json).toContain('es header');
    const cuts = m.blocks.filter((b) => b.type === 'context').map((b) => b.elements[0].text as string);
    expect(cuts).toHaveLength(2);
    // Each version gets 24 blocks (50, less a divider and a row of buttons, halved): 23 shown, then the cut line counting the other 41 − 23 = 18.
    expect(cuts[0]).toMatch(/^18 more lines did not fit in one Slack message: ask for less at a time/);
    expect(cuts[1]).toMatch(/^18 líneas más no cupieron en un solo mensaje de Slack: para verlos, pida menos/);
    // A short version keeps all of it; the long one takes the room left.
    const short = renderSlackMessage(inLanguages([reply('en', 60), reply('es', 2)]));
    expect(JSON.stringify(short.blocks)).toContain('es line 1');
    expect(short.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.messageBlocks);
  });

  it('one language is the reply as it was; plain text shows the other after a rule', () => {
    const one = reply('en', 2);
    expect(inLanguages([one])).toBe(one);
    const text = renderText(inLanguages([reply('en', 1), reply('es', 1)]));
    expect(text).toMatch(/en line 0[\s\S]*———[\s\S]*es header[\s\S]*es line 0/);
  });
});
