import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../src/store/audit.repository.js';
import { findCommitmentRow } from '../../src/store/commitments.repository.js';
import { DIALECTS } from '../support/store.js';
import {
  allText,
  answerTo,
  blockActionBody,
  CHANNEL,
  commandBody,
  EDITOR,
  eventBody,
  postSigned,
  READER,
  type SlackHarness,
  sign,
  startSlackApp,
  viewSubmissionBody,
  waitFor,
} from './helpers.js';

describe.each(DIALECTS)('Slack app over HTTP (%s)', (dialect) => {
  let h: SlackHarness;
  beforeEach(async () => {
    h = await startSlackApp(dialect, 'slack_e2e');
  });
  afterEach(async () => {
    await h.close();
  });

  const status = async (id: string) => (await findCommitmentRow(h.app.core.store.db, 'mexico-uk', id))?.status ?? null;
  const responses = (method: string) => h.fake.callsTo(method);
  /** Audit rows written by people (seeding from config writes its own). */
  const audited = async (id: string) =>
    (await listAuditEvents(h.app.core.store.db, 'mexico-uk', 'commitment', id)).filter((e) => e.action !== 'seeded');
  // biome-ignore lint/suspicious/noExplicitAny: replies are Slack JSON, inspected freely
  const response = (method: string): Promise<any> => answerTo(h.fake, method);
  /** Posts `/dialogue <text>` as the editor and returns its response_url method. */
  const postAndKeep = async (text: string) => {
    const cmd = commandBody(h.fake, { text });
    await postSigned(h.url, cmd.body);
    return cmd;
  };

  it('answers /dialogue next ephemerally with Block Kit, a text fallback and a Share button', async () => {
    const { body, method } = commandBody(h.fake, { text: 'next' });
    const res = await postSigned(h.url, body);
    expect(res.status).toBe(200);
    const reply = await response(method);
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toContain('Next: round 2');
    expect(reply.blocks[0]).toMatchObject({ type: 'header' });
    expect(allText(reply)).toContain('the United Kingdom');
    const share = reply.blocks.at(-1).elements[0];
    expect(share).toMatchObject({ action_id: 'reply.share', text: { text: 'Share in channel' } });
    expect(JSON.parse(share.value)).toEqual({ c: '/dialogue', t: 'next' });
  });

  it('answers Slack’s URL check when the request URL is saved, and serves /healthz beside Slack', async () => {
    const res = await postSigned(h.url, JSON.stringify({ type: 'url_verification', challenge: 'c-123', token: 't' }), {
      contentType: 'application/json',
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('c-123');
    const health = await fetch(h.url.replace('/slack/events', '/healthz'));
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true, db: true, scheduler: true });
  });

  it('refuses a forged signature: 401, no listener runs, nothing changes', async () => {
    const { body, method } = commandBody(h.fake, { command: '/commitments', text: 'update R1-4 done' });
    const ts = Math.floor(Date.now() / 1000);
    const res = await postSigned(h.url, body, { ts, signature: sign(body, ts, 'not-the-secret') });
    expect(res.status).toBe(401);
    await h.app.idle();
    expect(responses(method)).toHaveLength(0);
    expect(h.fake.calls.filter((c) => c.method !== 'auth.test')).toHaveLength(0);
    expect(await status('R1-4')).toBe('not-started');
  });

  it('refuses a correctly signed request whose timestamp is six minutes old', async () => {
    const { body, method } = commandBody(h.fake, { command: '/commitments', text: 'update R1-4 done' });
    const old = Math.floor(Date.now() / 1000) - 6 * 60;
    const res = await postSigned(h.url, body, { ts: old, signature: sign(body, old) });
    expect(res.status).toBe(401);
    await h.app.idle();
    expect(responses(method)).toHaveLength(0);
    expect(await status('R1-4')).toBe('not-started');
    expect(await audited('R1-4')).toHaveLength(0);
  });

  it('lets an editor update a commitment: stored, audited, announced in the channel with who did it', async () => {
    const { body, method } = commandBody(h.fake, {
      command: '/commitments',
      text: 'update R1-4 in-progress talks started',
    });
    expect((await postSigned(h.url, body)).status).toBe(200);
    const reply = await response(method);
    expect(reply.text).toContain('R1-4: not started → in progress');
    const post = await waitFor(() => h.fake.callsTo('chat.postMessage')[0]?.args, 'the announcement');
    expect(post.channel).toBe(CHANNEL);
    expect(allText(post)).toContain(`<@${EDITOR}>`);
    expect(await status('R1-4')).toBe('in-progress');
    const audit = await audited('R1-4');
    expect(audit.map((a) => [a.actor, a.field, a.from_value, a.to_value, a.note])).toEqual([
      [EDITOR, 'status', 'not-started', 'in-progress', 'talks started'],
    ]);
  });

  it('refuses a non-editor’s update politely and changes nothing', async () => {
    const { body, method } = commandBody(h.fake, {
      command: '/commitments',
      text: 'update R1-4 done',
      user_id: READER,
    });
    await postSigned(h.url, body);
    const reply = await response(method);
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toMatch(/only the dialogue’s editors/);
    expect(allText(reply)).not.toContain('reply.share');
    await h.app.idle();
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(0);
    expect(await status('R1-4')).toBe('not-started');
  });

  // Perf guard: one users.info per user, then the kept locale (LocaleResolver `cache`); protects commands ·
  // "in ack" in bench/RESULTS.md (an answer goes in the ack only when the locale is known; docs/performance.md).
  it('perf guard: answers a user whose Slack locale is es-LA in Spanish (looked up once, then cached)', async () => {
    h.fake.on('users.info', (args) => ({ body: { ok: true, user: { id: args.user, locale: 'es-LA' } } }));
    const first = commandBody(h.fake, { text: 'next', user_id: READER });
    await postSigned(h.url, first.body);
    const reply = await response(first.method);
    expect(reply.text).toContain('Próxima: ronda 2');
    expect(allText(reply)).toContain('Compartir en el canal');
    const usersInfo = h.fake.callsTo('users.info');
    expect(usersInfo).toHaveLength(1);
    expect(usersInfo[0]!.args).toMatchObject({ user: READER, include_locale: 'true' });
    const second = commandBody(h.fake, { command: '/commitments', text: 'show R1-99', user_id: READER });
    await postSigned(h.url, second.body);
    expect((await response(second.method)).text).toContain('No existe el compromiso “R1-99”');
    expect(h.fake.callsTo('users.info')).toHaveLength(1);
  });

  it('remembers the zone Slack reports for a user, for times shown to them', async () => {
    h.fake.on('users.info', (args) => ({
      body: { ok: true, user: { id: args.user, locale: 'en-GB', tz: 'America/Mexico_City' } },
    }));
    const cmd = commandBody(h.fake, { text: 'next', user_id: READER });
    await postSigned(h.url, cmd.body);
    await response(cmd.method);
    await h.app.idle();
    expect(await h.app.core.services.users.timezone(READER)).toBe('America/Mexico_City');
  });

  it('answers in the default language when Slack will not say a user’s locale (e.g. a partner-organisation user)', async () => {
    h.fake.on('users.info', () => ({ body: { ok: false, error: 'user_not_found' } }));
    const { body, method } = commandBody(h.fake, { command: '/commitments', text: 'list open', user_id: 'W0PARTNER1' });
    await postSigned(h.url, body);
    const reply = await response(method);
    expect(reply.text).toContain('Commitments · open (6)');
    expect(allText(reply)).toContain('Update R1-4…');
  });

  it('a language chosen with /dialogue lang wins over the Slack locale', async () => {
    h.fake.on('users.info', (args) => ({ body: { ok: true, user: { id: args.user, locale: 'en-GB' } } }));
    const set = commandBody(h.fake, { text: 'lang es', user_id: READER });
    await postSigned(h.url, set.body);
    expect((await response(set.method)).text).toContain('español');
    const next = commandBody(h.fake, { text: 'next', user_id: READER });
    await postSigned(h.url, next.body);
    expect((await response(next.method)).text).toContain('Próxima');
  });

  it('neutralises mrkdwn injection in user text: no @channel, @here or user-group ping', async () => {
    const evil = 'Ping <!channel> and <!here|here> and @here and <!subteam^S0123|@delegation> <@U999|x>';
    const { body, method } = commandBody(h.fake, { command: '/commitments', text: `add ${evil}` });
    await postSigned(h.url, body);
    const reply = await response(method);
    const post = await waitFor(() => h.fake.callsTo('chat.postMessage')[0]?.args, 'the announcement');
    for (const message of [reply, post]) {
      const text = allText(message);
      expect(text).not.toMatch(/<!channel>|<!here|<!subteam|<@U999/);
      expect(text).not.toMatch(/(^|[^\u200d])@here/);
      expect(text).toContain('&lt;!channel&gt;');
    }
    // The text is stored as typed; only its rendering is escaped.
    const created = await audited('A1');
    expect(created[0]!.to_value).toBe(evil);
  });

  it('acks a slash command before a slow Web API call finishes, and answers afterwards', async () => {
    h.fake.on('users.info', (args) => ({
      body: { ok: true, user: { id: args.user, locale: 'en-GB' } },
      delayMs: 1_000,
    }));
    const { body, method } = commandBody(h.fake, { text: 'cycle', user_id: READER });
    const res = await postSigned(h.url, body);
    // The ack is back before the answer, which waits for users.info.
    expect(res.status).toBe(200);
    expect(responses(method)).toHaveLength(0);
    await waitFor(() => h.fake.callsTo('users.info').length === 1, 'users.info in flight');
    expect(responses(method)).toHaveLength(0);
    expect((await response(method)).text).toContain('Cycle');
    // Order of arrival at Slack: users.info was asked before the answer was posted.
    const order = h.fake.calls.map((c) => c.method).filter((m) => m === 'users.info' || m === method);
    expect(order).toEqual(['users.info', method]);
  });

  // Perf guard: a known user's answer is the ack, with no second request and no users.info; protects commands ·
  // "in ack" and "p50/p99" in bench/RESULTS.md (ANSWER_IN_ACK_MS, docs/performance.md).
  it('perf guard: answers a known user in the ack itself: one HTTP answer, nothing posted to the response URL', async () => {
    const first = commandBody(h.fake, { text: 'next', user_id: READER });
    expect(await (await postSigned(h.url, first.body)).text()).toBe(''); // locale unknown: users.info first
    await response(first.method);
    const { body, method } = commandBody(h.fake, { command: '/commitments', text: 'list open', user_id: READER });
    const res = await postSigned(h.url, body);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const reply = JSON.parse(await res.text());
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toContain('Commitments · open (6)');
    expect(reply.blocks.at(-1).elements[0]).toMatchObject({ action_id: 'reply.share' });
    await h.app.idle();
    expect(responses(method)).toHaveLength(0);
    expect(h.fake.callsTo('users.info')).toHaveLength(1);
  });

  it('a change answered in the ack is still announced in the channel', async () => {
    await response((await postAndKeep('next')).method); // the editor's locale is now known
    const { body, method } = commandBody(h.fake, { command: '/commitments', text: 'due R1-6 2025-09-30' });
    const reply = JSON.parse(await (await postSigned(h.url, body)).text());
    expect(allText(reply)).toMatch(/R1-6: due 30 September 2025/);
    const post = await waitFor(() => h.fake.callsTo('chat.postMessage')[0]?.args, 'the announcement');
    expect(post.channel).toBe(CHANNEL);
    expect(allText(post)).toMatch(/R1-6: due 30 September 2025/);
    expect(responses(method)).toHaveLength(0);
  });

  it('an answer not ready within the budget: the ack goes out empty in time, the answer follows', async () => {
    await response((await postAndKeep('next')).method);
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const router = h.app.core.router;
    const answer = router.answer.bind(router);
    router.answer = async (request) => {
      await gate;
      return answer(request);
    };
    const { body, method } = commandBody(h.fake, { text: 'cycle' });
    const res = await postSigned(h.url, body); // returns once the budget ran out, the answer still held
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    expect(responses(method)).toHaveLength(0);
    release();
    expect((await response(method)).text).toContain('Cycle');
  });

  it('"Mark done" clicked twice at once applies once', async () => {
    const a = blockActionBody(h.fake, { actionId: 'commitment.done:R1-6', value: 'R1-6' });
    const b = blockActionBody(h.fake, { actionId: 'commitment.done:R1-6', value: 'R1-6' });
    const [ra, rb] = await Promise.all([postSigned(h.url, a.body), postSigned(h.url, b.body)]);
    expect([ra.status, rb.status]).toEqual([200, 200]);
    const replies = [await response(a.method), await response(b.method)].map((r) => r.text as string);
    expect(replies.filter((t) => t.includes('R1-6: not started → done'))).toHaveLength(1);
    expect(replies.filter((t) => t.includes('already'))).toHaveLength(1);
    await h.app.idle();
    expect(await status('R1-6')).toBe('done');
    const audit = await audited('R1-6');
    expect(audit.filter((e) => e.field === 'status')).toHaveLength(1);
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('"Update…" opens a modal; its submission changes status and note once, even if submitted twice', async () => {
    const click = blockActionBody(h.fake, { actionId: 'commitment.update:R1-7a', value: 'R1-7a' });
    await postSigned(h.url, click.body);
    const open = await waitFor(() => h.fake.callsTo('views.open')[0]?.args, 'views.open');
    expect(open.view.callback_id).toBe('commitment.update');
    const meta = open.view.private_metadata as string;
    expect(JSON.parse(meta)).toMatchObject({ id: 'R1-7a', status: 'not-started', channel: CHANNEL });
    const submission = viewSubmissionBody({
      callbackId: 'commitment.update',
      viewId: 'VMODAL1',
      privateMetadata: meta,
      values: {
        status: { value: { type: 'static_select', selected_option: { value: 'in-progress' } } },
        note: { value: { type: 'plain_text_input', value: 'Workshop planned for May' } },
      },
    });
    const first = await postSigned(h.url, submission);
    expect(first.status).toBe(200);
    await waitFor(() => h.fake.callsTo('chat.postMessage')[0], 'the announcement');
    await postSigned(h.url, submission);
    await h.app.idle();
    expect(await status('R1-7a')).toBe('in-progress');
    const audit = await audited('R1-7a');
    expect(audit.map((e) => e.note)).toEqual(['Workshop planned for May']);
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(1);
    // The clicker's private answer went back through the message's response URL.
    expect((await response(click.method)).text).toContain('R1-7a: not started → in progress');
  });

  it('the update modal refuses to submit when nothing would change', async () => {
    const submission = viewSubmissionBody({
      callbackId: 'commitment.update',
      viewId: 'VMODAL2',
      privateMetadata: JSON.stringify({
        dialogue: 'mexico-uk',
        channel: null,
        responseUrl: null,
        id: 'R1-8',
        status: 'not-started',
      }),
      values: {
        status: { value: { type: 'static_select', selected_option: { value: 'not-started' } } },
        note: { value: { type: 'plain_text_input', value: null } },
      },
    });
    const res = await postSigned(h.url, submission);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      response_action: 'errors',
      errors: { note: expect.stringContaining('Nothing') },
    });
  });

  it('"Schedule round…" from App Home opens a modal whose submission schedules the next round', async () => {
    const click = blockActionBody(h.fake, { actionId: 'round.schedule', value: 'mexico-uk', fromHome: true });
    await postSigned(h.url, click.body);
    const open = await waitFor(() => h.fake.callsTo('views.open')[0]?.args, 'views.open');
    expect(open.view.callback_id).toBe('round.schedule');
    const submission = viewSubmissionBody({
      callbackId: 'round.schedule',
      viewId: 'VSCHED',
      privateMetadata: open.view.private_metadata,
      values: {
        date: { value: { type: 'datepicker', selected_date: '2025-05-14' } },
        time: { value: { type: 'timepicker', selected_time: '10:00' } },
        city: { value: { type: 'plain_text_input', value: 'London' } },
      },
    });
    expect((await postSigned(h.url, submission)).status).toBe(200);
    // From App Home there is no channel of origin: the refreshed home shows the change; no DM for a success.
    await h.app.idle();
    const row = await h.app.core.store.db
      .selectFrom('rounds')
      .selectAll()
      .where('dialogue_id', '=', 'mexico-uk')
      .where('edition', '=', 2)
      .executeTakeFirst();
    expect(row).toMatchObject({ state: 'scheduled', date: '2025-05-14', time: '10:00', city: 'London' });
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('publishes App Home on app_home_opened and refreshes it after a change', async () => {
    const res = await postSigned(
      h.url,
      eventBody({ type: 'app_home_opened', user: READER, channel: 'DHOME', tab: 'home' }),
      {
        contentType: 'application/json',
      },
    );
    expect(res.status).toBe(200);
    const first = await waitFor(() => h.fake.callsTo('views.publish')[0]?.args, 'views.publish');
    expect(first.user_id).toBe(READER);
    const text = allText(first.view);
    expect(text).toContain('Next round: Round 2');
    expect(text).toContain('Expected in 2025, date not fixed');
    expect(text).toContain('R1-4');
    expect(text).toContain('calendar.subscribe');
    // A reader gets no buttons that would only be refused.
    expect(text).not.toContain('round.schedule');
    expect(text).not.toContain('commitment.update');
    expect(text).not.toContain('commitment.done');
    const { body } = commandBody(h.fake, { command: '/commitments', text: 'update R1-4 done' });
    await postSigned(h.url, body);
    const second = await waitFor(() => h.fake.callsTo('views.publish')[1]?.args, 'the refreshed home');
    expect(second.user_id).toBe(READER);
    expect(allText(second.view)).toMatch(/Done \(1\)/);
  });

  it('"Share in channel" posts the answer for everyone, says who shared it, and removes the private copy', async () => {
    const click = blockActionBody(h.fake, {
      actionId: 'reply.share',
      value: JSON.stringify({ c: '/dialogue', t: 'next' }),
      user: READER,
    });
    await postSigned(h.url, click.body);
    const shared = await response(click.method);
    expect(shared).toMatchObject({ response_type: 'in_channel', replace_original: false });
    expect(allText(shared)).toContain(`Shared by <@${READER}>`);
    const del = await waitFor(() => responses(click.method)[1]?.args, 'the delete');
    expect(del).toMatchObject({ delete_original: true });
  });

  it('answers every contract command without a failure, and bad input with a specific hint', async () => {
    const cases: [string, string, RegExp][] = [
      ['/dialogue', '', /\/dialogue — the dialogue cycle/],
      ['/dialogue', 'help', /\/dialogue — the dialogue cycle/],
      ['/dialogue', 'cycle', /Cycle/],
      ['/dialogue', 'brief', /Pre-dialogue brief · round 2/],
      ['/dialogue', 'schedule 2025-02-30', /“2025-02-30” is not a date/],
      ['/dialogue', 'schedule 2025-01-10', /in the past/],
      ['/dialogue', 'held 2025-12-01', /in the future/],
      ['/dialogue', 'frobnicate', /“frobnicate” is not a \/dialogue command/],
      ['/dialogue', 'lang fr', /not a language/],
      ['/commitments', '', /Commitments · all \(6\)/],
      ['/commitments', 'show R1-7a', /R1-7a · /],
      ['/commitments', 'show R9-9', /There is no commitment “R9-9”/],
      ['/commitments', 'update R1-4', /Usage: \/commitments update/],
      ['/commitments', 'due R1-4 2025-13-01', /not a date/],
      ['/commitments', 'history R1-4', /History of R1-4/],
    ];
    for (const [command, text, expected] of cases) {
      const { body, method } = commandBody(h.fake, { command, text });
      await postSigned(h.url, body);
      const reply = await response(method);
      expect(reply.text, `${command} ${text}`).toMatch(expected);
      expect(reply.text).not.toMatch(/Something went wrong|Error:|at .*\.js/);
    }
  });

  it('runs every change verb through Slack: answered privately, announced in the channel, in order', async () => {
    const changes: [string, string, RegExp][] = [
      ['/commitments', 'assign R1-4 <@U0ANA1|ana> mx', /R1-4: owner for Mexico set to <@U0ANA1>/],
      ['/commitments', 'due R1-4 2025-09-30', /R1-4: due 30 September 2025/],
      ['/commitments', 'note R1-4 call held with the FCDO', /R1-4: note added/],
      ['/commitments', 'add Joint workshop on business and human rights', /Commitment A1 added/],
      [
        '/dialogue',
        'schedule 2025-05-14 10:00 London',
        /Round 2 scheduled for Wednesday, 14 May 2025, 10:00 BST London · 03:00 CST Mexico City/,
      ],
      ['/dialogue', 'postpone visas', /Round 2 postponed\. Reason: visas/],
      ['/dialogue', 'held 2025-02-20', /Round 2 recorded as held on 20 February 2025/],
    ];
    for (const [i, [command, text, expected]] of changes.entries()) {
      const { body, method } = commandBody(h.fake, { command, text });
      await postSigned(h.url, body);
      const reply = await response(method);
      expect(allText(reply), `${command} ${text}`).toMatch(expected);
      const post = await waitFor(() => h.fake.callsTo('chat.postMessage')[i]?.args, `announcement ${i}`);
      expect(post.channel).toBe(CHANNEL);
      expect(allText(post)).toMatch(expected);
      expect(allText(post)).toContain(`<@${EDITOR}>`);
    }
    const subscribe = commandBody(h.fake, { text: 'subscribe', user_id: READER });
    await postSigned(h.url, subscribe.body);
    const feed = await response(subscribe.method);
    expect(allText(feed)).toMatch(/\/calendar\/[^"\s]+\.ics/);
    expect(allText(feed)).not.toContain('reply.share'); // a private link is never offered for sharing
  });

  it('on stop, finishes a request in flight (its answer is sent) and then refuses new ones', async () => {
    h.fake.on('users.info', (args) => ({ body: { ok: true, user: { id: args.user, locale: 'en-GB' } }, delayMs: 500 }));
    const { body, method } = commandBody(h.fake, { text: 'next', user_id: READER });
    expect((await postSigned(h.url, body)).status).toBe(200);
    expect(responses(method)).toHaveLength(0);
    await h.app.stop();
    // stop() resolved only after the answer went out.
    expect(responses(method)).toHaveLength(1);
    await expect(postSigned(h.url, commandBody(h.fake, { text: 'next' }).body)).rejects.toThrow();
  });
});
