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

  it('"Snooze 7 days" on a reminder DM: only its owner can; recorded and audited; the answer is private', async () => {
    const { commitments } = h.app.core.services;
    await commitments.assign('mexico-uk', EDITOR, 'R1-6', READER, 'mx', new Date('2025-03-01T12:00:00Z'));
    await commitments.setDue('mexico-uk', EDITOR, 'R1-6', '2025-03-08', new Date('2025-03-01T12:00:00Z'));
    const key = `commitment:mexico-uk:R1-6@2025-03-08:T-7:${READER}`;
    const other = blockActionBody(h.fake, {
      actionId: `reminder.snooze:${key}`,
      value: key,
      user: EDITOR,
      channel: 'DREADER',
    });
    await postSigned(h.url, other.body);
    const refused = await waitFor(() => h.fake.callsTo(other.method)[0]?.args, 'the refusal');
    expect(allText(refused)).toContain('can no longer be snoozed');
    const click = blockActionBody(h.fake, {
      actionId: `reminder.snooze:${key}`,
      value: key,
      user: READER,
      channel: 'DREADER',
    });
    await postSigned(h.url, click.body);
    const answer = await waitFor(() => h.fake.callsTo(click.method)[0]?.args, 'the answer');
    expect(answer).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(allText(answer)).toMatch(/Snoozed: this reminder comes back on 8 Mar(ch)? 2025/);
    const rows = await h.app.core.store.db.selectFrom('reminder_snoozes').selectAll().execute();
    expect(rows).toMatchObject([{ key, user_id: READER, until: '2025-03-08T12:00:00.000Z' }]);
    const audit = await h.app.core.store.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'snooze')
      .execute();
    expect(audit).toMatchObject([{ actor: READER, entity_id: 'R1-6' }]);
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
