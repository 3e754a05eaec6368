import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSlackFrontEnd } from '../../src/slack/app.js';
import { findCommitmentRow } from '../../src/store/commitments.repository.js';
import { FakeSlack } from '../support/fake-slack.js';
import { DIALECTS, openTestCore } from '../support/store.js';
import {
  allText,
  blockActionBody,
  CHANNEL,
  commandBody,
  EDITOR,
  postSigned,
  READER,
  type SlackHarness,
  startSlackApp,
  waitFor,
} from './helpers.js';

const REMINDERS = 'CREMIND01';

describe.each(DIALECTS)('App Home buttons and announcements (%s)', (dialect) => {
  let h: SlackHarness;
  beforeEach(async () => {
    h = await startSlackApp(dialect, 'slack_home_btn', { env: { REMINDER_CHANNEL: REMINDERS } });
  });
  afterEach(async () => {
    await h.close();
  });

  const status = async (id: string) => (await findCommitmentRow(h.app.core.store.db, 'mexico-uk', id))?.status;

  it('"Mark done" on App Home: applied, announced in the reminder channel, no private message for a success', async () => {
    const click = blockActionBody(h.fake, {
      actionId: 'commitment.done:R1-8',
      value: 'mexico-uk|R1-8',
      fromHome: true,
    });
    expect((await postSigned(h.url, click.body)).status).toBe(200);
    const post = await waitFor(() => h.fake.callsTo('chat.postMessage')[0]?.args, 'the announcement');
    expect(post.channel).toBe(REMINDERS);
    expect(allText(post)).toContain('R1-8: not started → done');
    expect(await status('R1-8')).toBe('done');
    await h.app.idle();
    expect(h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === EDITOR)).toHaveLength(0);
  });

  it('a reader pressing "Mark done" on App Home gets a private refusal and nothing changes', async () => {
    const click = blockActionBody(h.fake, {
      actionId: 'commitment.done:R1-8',
      value: 'R1-8',
      fromHome: true,
      user: READER,
    });
    await postSigned(h.url, click.body);
    const dm = await waitFor(() => h.fake.callsTo('chat.postMessage')[0]?.args, 'the refusal');
    expect(dm.channel).toBe(READER);
    expect(dm.text).toMatch(/only the dialogue’s editors/);
    expect(await status('R1-8')).toBe('not-started');
  });

  it('"Subscribe to calendar" sends the private feed link by direct message only', async () => {
    const click = blockActionBody(h.fake, {
      actionId: 'calendar.subscribe',
      value: 'mexico-uk',
      fromHome: true,
      user: READER,
    });
    await postSigned(h.url, click.body);
    const dm = await waitFor(() => h.fake.callsTo('chat.postMessage')[0]?.args, 'the DM');
    expect(dm.channel).toBe(READER);
    expect(allText(dm)).toMatch(/\/calendar\/[^"\s]+\.ics/);
    await h.app.idle();
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('when the bot is not in the channel, the change is announced through the response URL instead', async () => {
    h.fake.on('chat.postMessage', () => ({ body: { ok: false, error: 'not_in_channel' } }));
    const { body, method } = commandBody(h.fake, { command: '/commitments', text: 'due R1-6 2025-09-30' });
    await postSigned(h.url, body);
    const inChannel = await waitFor(
      () => h.fake.callsTo(method).find((c) => c.args.response_type === 'in_channel')?.args,
      'the in_channel announcement',
    );
    expect(allText(inChannel)).toContain('R1-6: due 30 September 2025');
    expect(allText(inChannel)).toContain(`<@${EDITOR}>`);
    expect(h.fake.callsTo('chat.postMessage')[0]!.args.channel).toBe(CHANNEL);
  });
});

describe.each(DIALECTS)('Socket Mode front end (%s)', (dialect) => {
  it('checks the token with auth.test at creation, serves no HTTP route, and stops cleanly', async () => {
    const fake = await new FakeSlack().start();
    const core = await openTestCore(dialect, {
      tag: 'slack_socket',
      env: { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', SLACK_API_URL: fake.url },
    });
    try {
      const front = await createSlackFrontEnd(core, 'socket');
      expect(front.httpHandler).toBeUndefined();
      expect(fake.callsTo('auth.test')).toHaveLength(1);
      expect(fake.callsTo('auth.test')[0]!.token).toBe('xoxb-1');
      // Reminders go out through the same Slack, with the bot token.
      const receipt = await front.notifier.send({
        audience: { kind: 'channel', id: 'CREMIND01' },
        reply: { kind: 'answer', summary: 'Round 2 in 7 days', blocks: [{ type: 'text', text: 'Round 2 in 7 days' }] },
      });
      expect(receipt.channel).toBe('CREMIND01');
      expect(fake.callsTo('chat.postMessage')[0]).toMatchObject({ token: 'xoxb-1', args: { channel: 'CREMIND01' } });
      await front.stop();
    } finally {
      await core.close();
      await fake.stop();
    }
  });

  it('refuses to start with a token Slack rejects', async () => {
    const fake = await new FakeSlack().start();
    fake.on('auth.test', () => ({ body: { ok: false, error: 'invalid_auth' } }));
    const core = await openTestCore(dialect, {
      tag: 'slack_socket',
      env: { SLACK_BOT_TOKEN: 'xoxb-bad', SLACK_SIGNING_SECRET: 's', SLACK_API_URL: fake.url },
    });
    try {
      await expect(createSlackFrontEnd(core, 'http')).rejects.toThrow(/invalid_auth/);
    } finally {
      await core.close();
      await fake.stop();
    }
  });
});
