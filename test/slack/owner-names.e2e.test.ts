import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseFeed } from '../calendar/ics.js';
import { DIALECTS } from '../support/store.js';
import { commandBody, NOW, postSigned, type SlackHarness, startSlackApp, waitFor } from './helpers.js';

const BEN = 'UBEN2';

async function until(check: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.each(DIALECTS)('owners by their Slack display name in calendar feeds (%s)', (dialect) => {
  let h: SlackHarness;
  let benName: string;
  beforeEach(async () => {
    h = await startSlackApp(dialect, 'owner_names');
    benName = 'Ben Carter';
    h.fake.on('users.info', (args) => ({
      body: {
        ok: true,
        user: {
          id: args.user,
          name: args.user.toLowerCase(),
          locale: 'en-GB',
          tz: 'Europe/London',
          profile: { display_name: args.user === BEN ? benName : '', real_name: `Real ${args.user}` },
        },
      },
    }));
  });
  afterEach(async () => {
    await h.close();
  });

  const feedEvent = async (token: string, at: Date) => {
    const doc = await h.app.core.services.feeds.document(token, {}, at);
    return parseFeed(doc!.body.toString('utf8')).events.find(
      (e) => e.uid === 'commitment-mexico-uk-R1-4@dialogue-tracker',
    )!;
  };

  it('names an owner assigned in Slack, and follows a rename', async () => {
    for (const text of [`assign R1-4 <@${BEN}|ben> uk`, 'due R1-4 2025-06-01']) {
      const cmd = commandBody(h.fake, { command: '/commitments', text });
      expect((await postSigned(h.url, cmd.body)).status).toBe(200);
    }
    const { users, feeds } = h.app.core.services;
    // The name is asked for after the change, in the background: wait for the store to have it.
    await until(async () => (await users.names([BEN])).get(BEN) === 'Ben Carter');
    await waitFor(() => h.fake.callsTo('users.info').some((c) => c.args.user === BEN), 'users.info for the owner');
    const { token } = await feeds.subscribe('UREADER1', { lang: 'en', mine: false, dialogueId: null }, NOW);
    const e = await feedEvent(token, NOW);
    expect(e.description).toContain('the United Kingdom: Ben Carter');
    expect(e.description).not.toContain(`@${BEN}`);
    // Renamed in Slack: the kept name follows, and the feed with it.
    await users.rememberName(BEN, 'Ben C.', new Date(NOW.getTime() + 86_400_000));
    expect((await feedEvent(token, NOW)).description).toContain('the United Kingdom: Ben C.');
  });
});
