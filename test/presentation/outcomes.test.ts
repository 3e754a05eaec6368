import { describe, expect, it } from 'vitest';
import { NeedsConfirmation } from '../../src/domain/errors.js';
import { confirmReply } from '../../src/presentation/outcomes.js';
import { renderText } from '../../src/presentation/reply.js';

describe('confirmReply: a change that asks first', () => {
  const error = new NeedsConfirmation([{ code: 'weekend', date: '2024-07-20' }, { code: 'reset_page_link' }]);

  it('in Slack: every reason, and a Confirm button that runs the same command with --yes', () => {
    const reply = confirmReply({ command: '/dialogue', text: 'schedule 2024-07-20', slack: true }, error, 'en');
    expect(reply.kind).toBe('confirm');
    expect(reply.summary).toBe('Please confirm: 20 July 2024 falls on a weekend.');
    expect(reply.blocks.map((b) => b.type)).toEqual(['header', 'text', 'text', 'context']);
    expect(renderText(reply)).toContain('Press Confirm to go ahead');
    expect(reply.actions).toEqual([
      {
        id: 'change.confirm',
        label: 'Confirm',
        value: JSON.stringify({ c: '/dialogue', t: 'schedule 2024-07-20 --yes' }),
        style: 'primary',
      },
    ]);
  });

  it('elsewhere, or in Slack when the command is too long for a button: no button, and says to add --yes', () => {
    const cli = confirmReply({ command: '/dialogue', text: 'page reset', slack: false }, error, 'es');
    const long = confirmReply({ command: '/dialogue', text: `cancel ${'x'.repeat(1900)}`, slack: true }, error, 'en');
    expect(cli.actions).toEqual([]);
    expect(renderText(cli)).toContain('Vuelva a ejecutarlo con --yes');
    expect(long.actions).toEqual([]);
    expect(renderText(long)).toContain('Run it again with --yes');
  });
});
