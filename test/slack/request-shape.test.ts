import { describe, expect, it } from 'vitest';
import { parseSlackBody } from '../../src/slack/request-shape.js';

const form = (f: Record<string, string>) => new URLSearchParams(f).toString();
const command = {
  command: '/dialogue',
  text: 'next',
  user_id: 'U123ABC',
  channel_id: 'C1',
  response_url: 'https://hooks.slack.com/commands/1/2/3',
};
const click = {
  type: 'block_actions',
  user: { id: 'U123ABC' },
  actions: [{ action_id: 'commitment.done:R1-8', value: 'x' }],
};
const submit = {
  type: 'view_submission',
  user: { id: 'W999' },
  view: { id: 'V1', callback_id: 'schedule', state: { values: {} } },
};

describe('parseSlackBody', () => {
  it('accepts what Slack sends: slash commands, interactive payloads, event envelopes', () => {
    expect(parseSlackBody(form(command), 'form')).toMatchObject({ ok: true, body: { command: '/dialogue' } });
    expect(parseSlackBody(form({ payload: JSON.stringify(click) }), 'form')).toMatchObject({ ok: true });
    expect(parseSlackBody(form({ payload: JSON.stringify(submit) }), 'form')).toMatchObject({ ok: true });
    const event = { type: 'event_callback', event: { type: 'app_home_opened', user: 'U1' } };
    expect(parseSlackBody(JSON.stringify(event), 'json')).toMatchObject({ ok: true });
    expect(parseSlackBody(JSON.stringify({ type: 'url_verification', challenge: 'c' }), 'json').ok).toBe(true);
  });

  it.each([
    ['payload=null', 'payload=null', 'form', 'payload is not an object'],
    ['a JSON null', 'null', 'json', 'JSON body is not an object'],
    ['not JSON', '{', 'json', 'body is not JSON'],
    ['no response_url', form({ ...command, response_url: '' }), 'form', 'slash command without a response_url'],
    ['a response_url that is no URL', form({ ...command, response_url: 'x' }), 'form', 'without a response_url'],
    ['no user', form({ ...command, user_id: '' }), 'form', 'slash command without a user'],
    ['block_actions, no user', form({ payload: JSON.stringify({ ...click, user: null }) }), 'form', 'without a user'],
    [
      'block_actions, no actions',
      form({ payload: JSON.stringify({ ...click, actions: [] }) }),
      'form',
      'without actions',
    ],
    [
      'view_submission, no view',
      form({ payload: JSON.stringify({ ...submit, view: null }) }),
      'form',
      'without a view',
    ],
    ['an unknown payload type', form({ payload: JSON.stringify({ ...click, type: 'x' }) }), 'form', 'unknown payload'],
    ['a field given twice', `${form(command)}&user_id=U999`, 'form', 'given twice'],
    ['an empty form', '', 'form', 'neither a slash command'],
    ['an event without event', JSON.stringify({ type: 'event_callback' }), 'json', 'without an event'],
  ] as const)('refuses %s, saying why', (_what, text, kind, reason) => {
    const parsed = parseSlackBody(text, kind);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.reason).toContain(reason);
  });
});
