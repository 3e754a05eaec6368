import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/store.js';
import {
  allText,
  blockActionBody,
  eventBody,
  postSigned,
  READER,
  type SlackHarness,
  startSlackApp,
  waitFor,
} from './helpers.js';

const FEED = /https?:\/\/[^"\s]+\/calendar\/([A-Za-z0-9_-]{43})\.ics/;

describe.each(DIALECTS)('App Home calendar buttons (%s)', (dialect) => {
  let h: SlackHarness;
  beforeEach(async () => {
    h = await startSlackApp(dialect, 'feed_buttons');
  });
  afterEach(async () => {
    await h.close();
  });

  const dms = () => h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === READER);
  const click = async (actionId: string, n: number) => {
    await postSigned(
      h.url,
      blockActionBody(h.fake, { actionId, value: 'mexico-uk', fromHome: true, user: READER }).body,
    );
    return waitFor(() => dms()[n]?.args, `DM ${n + 1}`);
  };
  const live = async (token: string) =>
    (await h.app.core.services.feeds.document(token, {}, new Date('2025-03-01T12:00:00Z'))) !== null;

  it('"Subscribe" twice sends the same link; "Reset calendar link…" (confirmed by Slack) sends a new one and the old stops', async () => {
    const dm = await click('calendar.subscribe:mexico-uk', 0);
    const first = FEED.exec(allText(dm))![1]!;
    const again = await click('calendar.subscribe:mexico-uk', 1);
    expect(FEED.exec(allText(again))![1]).toBe(first);
    expect(allText(again)).toContain('the same as before');
    expect(await live(first)).toBe(true);
    const reset = await click('calendar.reset:mexico-uk', 2);
    const second = FEED.exec(allText(reset))![1]!;
    expect(second).not.toBe(first);
    expect(allText(reset)).toContain('The old one has stopped working');
    expect(await live(first)).toBe(false);
    expect(await live(second)).toBe(true);
  });

  it('the Home tab’s reset button asks first', async () => {
    const opened = eventBody({ type: 'app_home_opened', user: READER, channel: 'DHOME', tab: 'home' });
    await postSigned(h.url, opened, { contentType: 'application/json' });
    const view = await waitFor(() => h.fake.callsTo('views.publish')[0]?.args.view, 'the Home tab');
    const reset = view.blocks
      .flatMap((b: { elements?: { action_id?: string }[] }) => b.elements ?? [])
      .find((e: { action_id?: string }) => e.action_id === 'calendar.reset:mexico-uk');
    expect(reset.confirm).toMatchObject({
      confirm: { text: 'Reset link' },
      deny: { text: 'Keep it' },
      style: 'danger',
    });
  });
});
