import { describe, expect, it } from 'vitest';
import { createLogger, redactText } from '../../src/logger.js';

describe('redactText', () => {
  const feed = 'Zk3v9Qx_2bLm-7TqP0aaW4sYd1Hn8cJr5uFg6eIo0pk';

  it('hides feed and page tokens inside any text, keeping the rest of the link', () => {
    expect(redactText(`Subscribe: https://bot.example.org/calendar/${feed}.ics now`)).toBe(
      'Subscribe: https://bot.example.org/calendar/[redacted].ics now',
    );
    expect(redactText(`{"text":"<https://x/page/${feed}|page>"}`)).toBe('{"text":"<https://x/page/[redacted]|page>"}');
  });

  it('hides Slack tokens and given secrets, and leaves ordinary text alone', () => {
    expect(redactText('auth xoxb-1234-5678-abcdEFGH and xapp-1-A0-99-ffee')).toBe('auth [redacted] and [redacted]');
    expect(redactText('signed with s3cr3t-signing-secret', ['s3cr3t-signing-secret'])).toBe('signed with [redacted]');
    expect(redactText('/calendar/help and /page/links')).toBe('/calendar/help and /page/links');
  });
});

describe('createLogger', () => {
  it('redacts secrets in the message, in objects and in a serialised error’s message and stack, at every level', () => {
    const lines: string[] = [];
    const logger = createLogger(
      'trace',
      { write: (l: string) => void lines.push(l) },
      { secrets: ['the-signing-secret'] },
    );
    const link = 'https://x/calendar/Zk3v9Qx_2bLm-7TqP0aaW4sYd1Hn8cJr5uFg6eIo0pk.ics';
    logger.trace(`body: ${link}`);
    logger.debug({ reply: { text: link } }, 'answered');
    logger.info({ note: 'xoxb-1111-2222-abcdefgh' }, 'token');
    logger.error({ err: new Error(`failed posting ${link} with the-signing-secret`) }, 'oops');
    const all = lines.join('');
    expect(lines).toHaveLength(4);
    expect(all).not.toContain('Zk3v9Qx');
    expect(all).not.toContain('xoxb-1111');
    expect(all).not.toContain('the-signing-secret');
    expect(all.match(/\/calendar\/\[redacted\]\.ics/g)?.length).toBeGreaterThanOrEqual(4);
  });
});
