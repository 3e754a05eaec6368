import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Core, LOCAL_USER, openCore } from '../../src/core.js';
import { createLocalNotifier } from '../../src/scheduler/local-notifier.js';
import { createReminderTick } from '../../src/scheduler/tick.js';
import type { Notifier } from '../../src/services/notifier.js';
import { createSlackNotifier, reminderWebClient } from '../../src/slack/notifier.js';
import { FakeSlack } from '../support/fake-slack.js';
import { DIALECTS, type DialectName, openTestCore, testConfig, workerSchema } from '../support/store.js';

const ENV = { REMINDER_CHANNEL: 'C0REMIND' };
const SEED_AT = new Date('2024-06-01T00:00:00Z');

function printer() {
  const lines: string[] = [];
  const notifier = createLocalNotifier({ write: (t: string) => lines.push(t) });
  return { lines, notifier, messages: () => lines.filter((l) => l.startsWith('[reminder → ')) };
}

function hours(from: string, to: string, stepMinutes = 60): Date[] {
  const out: Date[] = [];
  for (let ms = Date.parse(from); ms <= Date.parse(to); ms += stepMinutes * 60_000) out.push(new Date(ms));
  return out;
}

/** The words of a posted message's blocks (section texts), for assertions on wording. */
// biome-ignore lint/suspicious/noExplicitAny: Web API arguments are free-form JSON
function renderedText(args: any): string {
  return JSON.stringify(args?.blocks ?? []);
}

async function rows(core: Core) {
  return core.store.db.selectFrom('reminder_deliveries').selectAll().orderBy('key').execute();
}

describe.each(DIALECTS)('the reminder tick (%s)', (dialect: DialectName) => {
  const tag = 'rem_tick';
  const dir = mkdtempSync(join(tmpdir(), 'rem-tick-'));
  let n = 0;
  const open: Core[] = [];

  /**
   * Two cores ("processes") on one database, each with its own connections:
   * the same Postgres schema, or the same SQLite file.
   */
  async function openPair(): Promise<[Core, Core]> {
    const env: Record<string, string> =
      dialect === 'sqlite' ? { ...ENV, DATABASE_URL: `sqlite:${join(dir, `db${++n}.sqlite`)}` } : ENV;
    const a = await openTestCore(dialect, { tag, env, now: SEED_AT });
    open.push(a);
    const b = await openCore({
      config: testConfig(env, dialect),
      schema: dialect === 'postgres' ? workerSchema(tag) : undefined,
      now: SEED_AT,
      logDestination: { write: () => {} } as never,
    });
    open.push(b);
    return [a, b];
  }

  async function openOne(): Promise<Core> {
    const core = await openTestCore(dialect, { tag, env: ENV, now: SEED_AT });
    open.push(core);
    return core;
  }

  afterEach(async () => {
    for (const core of open.splice(0)) await core.close();
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('after downtime: missed by less than the catch-up window → sent, marked late; older → skipped, never sent', async () => {
    const core = await openOne();
    const out = printer();
    const tick = createReminderTick(core, out.notifier);
    // Running until Sunday night 14 July 2024 …
    for (const now of hours('2024-07-08T00:00:00Z', '2024-07-14T23:00:00Z')) await tick(now);
    const before = out.messages().length;
    expect(before).toBe(1); // the digest of Monday 8 July
    // … down until Tuesday 16 July 20:00Z: Monday's digest (08:00Z, 36 h ago) is too old; Tuesday's
    // "no date agreed yet" nudge (08:00Z, 12 h ago) is still sent, marked late.
    const report = await tick(new Date('2024-07-16T20:00:00Z'));
    expect(report.sent.map((s) => [s.key, s.late])).toEqual([['expected:mexico-uk:2:2024-07', true]]);
    expect(report.skipped).toContain('digest:mexico-uk:2024-W29');
    expect(out.messages().at(-1)).toContain('Sent late: this was due 16 Jul 2024 09:00 BST');
    // Later ticks never send either of them again.
    for (const now of hours('2024-07-16T21:00:00Z', '2024-07-21T00:00:00Z')) await tick(now);
    expect(out.messages().length).toBe(before + 1);
    const stored = Object.fromEntries((await rows(core)).map((r) => [r.key, [r.status, Number(r.late)]]));
    expect(stored['expected:mexico-uk:2:2024-07']).toEqual(['sent', 1]);
    expect(stored['digest:mexico-uk:2024-W29']).toEqual(['skipped', 0]);

    // Weeks of downtime: nothing from those weeks is sent when the bot comes back.
    const back = await tick(new Date('2024-09-10T12:00:00Z'));
    expect(back.sent).toEqual([]);
    expect(back.skipped).toEqual(expect.arrayContaining(['digest:mexico-uk:2024-W37']));
  });

  it('a sender killed between claim and send: delivered once, by another process, after the lease expires', async () => {
    const [a, b] = await openPair();
    const outA = printer();
    const outB = printer();
    const tickA = createReminderTick(a, outA.notifier, {
      leaseMs: 5 * 60_000,
      afterClaim: () => {
        throw new Error('simulated crash');
      },
    });
    const tickB = createReminderTick(b, outB.notifier, { leaseMs: 5 * 60_000 });
    const due = new Date('2024-07-16T08:00:00Z'); // the "no date agreed yet" nudge
    await tickB(new Date('2024-07-16T07:00:00Z')); // earlier ones out of the way (Monday's digest)
    const before = outB.messages().length;
    await expect(tickA(due)).rejects.toThrow('simulated crash');
    expect(outA.messages()).toEqual([]);
    const claimed = (await rows(a)).find((r) => r.key === 'expected:mexico-uk:2:2024-07');
    expect(claimed).toMatchObject({ status: 'claimed', claimed_by: a.services.reminders.instanceId });

    // The lease (5 minutes) still holds: nobody sends it.
    for (const m of [1, 2, 4]) {
      const r = await tickB(new Date(due.getTime() + m * 60_000));
      expect(r.sent).toEqual([]);
    }
    // Expired: B takes it over and sends it, once.
    const taken = await tickB(new Date(due.getTime() + 6 * 60_000));
    expect(taken.sent.map((s) => s.key)).toEqual(['expected:mexico-uk:2:2024-07']);
    for (const m of [7, 8, 30, 120]) expect((await tickB(new Date(due.getTime() + m * 60_000))).sent).toEqual([]);
    const done = (await rows(b)).find((r) => r.key === 'expected:mexico-uk:2:2024-07');
    expect(done).toMatchObject({ status: 'sent', claimed_by: b.services.reminders.instanceId });
    expect(Number(done?.attempts)).toBe(2);
    expect(outB.messages()).toHaveLength(before + 1);
    expect(outA.messages()).toHaveLength(0);
  });

  it('two processes ticking the same instants concurrently: every reminder delivered exactly once', async () => {
    const [a, b] = await openPair();
    // Commitments with owners and due dates give DMs too.
    for (const core of [a]) {
      await core.services.commitments.assign('mexico-uk', LOCAL_USER, 'R1-6', 'U0MXOWNER', 'mx', SEED_AT);
      await core.services.commitments.assign('mexico-uk', LOCAL_USER, 'R1-6', 'U0GBOWNER', 'uk', SEED_AT);
      await core.services.commitments.setDue('mexico-uk', LOCAL_USER, 'R1-6', '2024-07-31', SEED_AT);
    }
    const outA = printer();
    const outB = printer();
    const tickA = createReminderTick(a, outA.notifier);
    const tickB = createReminderTick(b, outB.notifier);
    const sent: string[] = [];
    for (const now of hours('2024-07-01T00:00:00Z', '2024-08-20T00:00:00Z', 30)) {
      const [ra, rb] = await Promise.all([tickA(now), tickB(now)]);
      sent.push(...ra.sent.map((s) => s.key), ...rb.sent.map((s) => s.key));
    }
    const expected = (
      await a.services.reminders.preview(
        new Date('2024-07-01T00:00:00Z'),
        new Date('2024-07-01T00:00:00Z'),
        new Date('2024-08-20T00:00:00Z'),
      )
    ).map((i) => i.key);
    expect(expected).toEqual(
      expect.arrayContaining([
        'commitment:mexico-uk:R1-6@2024-07-31:T-14:U0MXOWNER',
        'commitment:mexico-uk:R1-6@2024-07-31:T-14:U0GBOWNER',
        'expected:mexico-uk:2:2024-08',
      ]),
    );
    expect([...sent].sort()).toEqual([...expected].sort()); // none missing, none twice
    expect(outA.messages().length + outB.messages().length).toBe(expected.length);
  });

  describe('Slack Web API failures (fake Slack)', () => {
    const slack = new FakeSlack();
    let notifier: Notifier;
    beforeAll(async () => {
      await slack.start();
      notifier = createSlackNotifier(reminderWebClient({ token: 'xoxb-test', apiUrl: slack.url }));
    });
    afterAll(() => slack.stop());
    afterEach(() => slack.reset());

    const posted = () => slack.callsTo('chat.postMessage');

    it('429 with Retry-After, then 500: retried later with backoff, delivered once, nothing lost', async () => {
      const core = await openOne();
      const tick = createReminderTick(core, notifier);
      await tick(new Date('2024-07-16T07:00:00Z')); // Monday's digest out of the way
      slack.reset();
      slack.failNext(
        'chat.postMessage',
        { status: 429, headers: { 'retry-after': '90' }, body: { ok: false, error: 'ratelimited' } },
        { status: 500, body: { ok: false, error: 'internal_error' } },
      );
      const t = Date.parse('2024-07-16T08:00:00Z');
      const at = (min: number) => new Date(t + min * 60_000);

      const first = await tick(at(0));
      expect(first.sent).toEqual([]);
      expect(first.retrying).toMatchObject([{ key: 'expected:mexico-uk:2:2024-07', retryAt: at(1.5).toISOString() }]);
      expect((await tick(at(1))).sent).toEqual([]); // Retry-After (90 s) not over: not even tried
      expect(posted()).toHaveLength(1);

      const second = await tick(at(2)); // 500
      expect(second.retrying).toMatchObject([{ error: 'HTTP 500', retryAt: at(4).toISOString() }]); // 2nd attempt: 2 min
      expect(posted()).toHaveLength(2);
      expect((await tick(at(3))).sent).toEqual([]);

      const third = await tick(at(4));
      expect(third.sent.map((s) => [s.key, s.channel])).toEqual([['expected:mexico-uk:2:2024-07', 'C0REMIND']]);
      for (const m of [5, 6, 60, 600]) expect((await tick(at(m))).sent).toEqual([]);
      expect(posted()).toHaveLength(3); // two failures, one delivery
      expect(posted()[2]!.args).toMatchObject({ channel: 'C0REMIND' });
      expect(String(posted()[2]!.args.text)).toContain('Date not fixed yet: round 2');
      const row = (await rows(core)).find((r) => r.key === 'expected:mexico-uk:2:2024-07');
      expect(row).toMatchObject({ status: 'sent', last_error: null });
      expect(Number(row?.attempts)).toBe(3);
    });

    it('after a 429 the pass stops posting, and the next ones wait out Retry-After', async () => {
      const core = await openOne();
      const { commitments } = core.services;
      for (const id of ['R1-6', 'R1-4']) {
        await commitments.assign('mexico-uk', LOCAL_USER, id, `U0MX${id.replace('-', '')}`, 'mx', SEED_AT);
        await commitments.assign('mexico-uk', LOCAL_USER, id, `U0GB${id.replace('-', '')}`, 'uk', SEED_AT);
        await commitments.setDue('mexico-uk', LOCAL_USER, id, '2024-07-31', SEED_AT);
      }
      const tick = createReminderTick(core, notifier);
      await tick(new Date('2024-07-17T07:00:00Z')); // earlier ones out of the way
      slack.calls.length = 0;
      slack.failNext('chat.postMessage', {
        status: 429,
        headers: { 'retry-after': '120' },
        body: { ok: false, error: 'ratelimited' },
      });
      // Four DMs due at 09:00 London (users.info says every owner is in London): the first one gets a 429.
      const t = Date.parse('2024-07-17T08:00:00Z');
      const first = await tick(new Date(t));
      expect(posted()).toHaveLength(1); // not tried three more times
      expect(first.sent).toEqual([]);
      expect(first.retrying).toHaveLength(1);
      expect(first.pausedUntil).toBe(new Date(t + 120_000).toISOString());
      const paused = await tick(new Date(t + 60_000));
      expect(paused.pausedUntil).toBe(new Date(t + 120_000).toISOString());
      expect(posted()).toHaveLength(1);
      const resumed = await tick(new Date(t + 121_000));
      expect(resumed.pausedUntil).toBeNull();
      expect(resumed.sent).toHaveLength(4); // all four, the rate-limited one included
      expect(posted()).toHaveLength(5);
    });

    it('a network failure (Slack unreachable) is retried, and delivered once when Slack is back', async () => {
      const core = await openOne();
      const t = Date.parse('2024-07-16T08:00:00Z');
      await createReminderTick(core, notifier)(new Date(t - 3_600_000)); // Monday's digest out of the way
      // Nothing listens on the discard port: the connection is refused.
      const unreachable = createSlackNotifier(
        reminderWebClient({ token: 'xoxb-test', apiUrl: 'http://127.0.0.1:9/api/' }),
      );
      const down = await createReminderTick(core, unreachable)(new Date(t));
      expect(down.sent).toEqual([]);
      expect(down.retrying).toMatchObject([{ key: 'expected:mexico-uk:2:2024-07' }]);
      expect(down.retrying[0]!.error).toMatch(/^network: /);
      slack.reset();
      const up = await createReminderTick(core, notifier)(new Date(t + 60_000));
      expect(up.sent.map((s) => s.key)).toEqual(['expected:mexico-uk:2:2024-07']);
      expect((await createReminderTick(core, notifier)(new Date(t + 120_000))).sent).toEqual([]);
      expect(posted()).toHaveLength(1);
    });

    it('a failing DM does not hold back the others; DMs go to the user, in their language and their day', async () => {
      const core = await openOne();
      const { commitments } = core.services;
      await commitments.assign('mexico-uk', LOCAL_USER, 'R1-6', 'U0MXOWNER', 'mx', SEED_AT);
      await commitments.assign('mexico-uk', LOCAL_USER, 'R1-6', 'U0GBOWNER', 'uk', SEED_AT);
      await commitments.setDue('mexico-uk', LOCAL_USER, 'R1-6', '2024-07-31', SEED_AT);
      // What Slack says of the owners (users.info): their zone and locale, read by the tick and kept.
      slack.on('users.info', (args) => ({
        body: {
          ok: true,
          user:
            args.user === 'U0MXOWNER'
              ? { id: args.user, tz: 'America/Mexico_City', locale: 'es-LA' }
              : { id: args.user, tz: 'Europe/London', locale: 'en-GB' },
        },
      }));
      const tick = createReminderTick(core, notifier);
      await tick(new Date('2024-07-17T07:00:00Z')); // earlier ones out of the way; owners' profiles read
      expect(
        slack
          .callsTo('users.info')
          .map((c) => c.args.user)
          .sort(),
      ).toEqual(['U0GBOWNER', 'U0MXOWNER']);
      const prefs = await core.store.db
        .selectFrom('user_prefs')
        .selectAll()
        .where('user_id', '=', 'U0MXOWNER')
        .execute();
      expect(prefs).toMatchObject([{ timezone: 'America/Mexico_City', locale: 'es-LA', lang: null }]);
      slack.calls.length = 0;
      slack.on('chat.postMessage', (args) =>
        args.channel === 'U0GBOWNER' && slack.callsTo('chat.postMessage').length <= 1
          ? { status: 503, body: { ok: false } }
          : undefined,
      );
      // T-14 of 31 July, 09:00 London (08:00Z) for the British owner: Slack fails it.
      const first = await tick(new Date('2024-07-17T08:00:00Z'));
      expect(first.sent.map((s) => s.key)).toEqual([]);
      expect(first.retrying.map((s) => s.key)).toEqual(['commitment:mexico-uk:R1-6@2024-07-31:T-14:U0GBOWNER']);
      const second = await tick(new Date('2024-07-17T08:01:00Z'));
      expect(second.sent.map((s) => s.key)).toEqual(['commitment:mexico-uk:R1-6@2024-07-31:T-14:U0GBOWNER']);
      expect(String(posted().at(-1)?.args.text)).toContain('R1-6 is due in 14 days');
      // The Mexican owner's comes at 09:00 Mexico City (15:00Z), in Spanish (Slack locale es-LA), with its buttons.
      expect((await tick(new Date('2024-07-17T14:59:00Z'))).sent).toEqual([]);
      const mx = await tick(new Date('2024-07-17T15:00:00Z'));
      expect(mx.sent.map((s) => s.key)).toEqual(['commitment:mexico-uk:R1-6@2024-07-31:T-14:U0MXOWNER']);
      const spanish = posted().find((c) => c.args.channel === 'U0MXOWNER');
      expect(String(spanish?.args.text)).toContain('R1-6 vence dentro de 14 días');
      const buttons = (
        (spanish?.args.blocks ?? []) as {
          type: string;
          elements?: { action_id: string; text: { text: string }; confirm?: unknown }[];
        }[]
      )
        .filter((b) => b.type === 'actions')
        .flatMap((b) => b.elements ?? []);
      expect(buttons.map((b) => b.text.text)).toEqual(['Marcar cumplido', 'Actualizar…', 'Posponer 7 días']);
      expect(buttons[0]!.confirm).toMatchObject({ title: { text: '¿Marcar como cumplido?' } });
      expect(buttons[2]!.action_id).toBe('reminder.snooze:commitment:mexico-uk:R1-6@2024-07-31:T-14:U0MXOWNER');
      expect(spanish?.args.metadata).toEqual({
        event_type: 'dialogue_reminder',
        event_payload: { key: 'commitment:mexico-uk:R1-6@2024-07-31:T-14:U0MXOWNER' },
      });
      expect(posted().filter((c) => c.args.channel === 'U0MXOWNER')).toHaveLength(1);
    });

    it('a permanent error (channel_not_found) is retried hourly, then recorded as failed once too old', async () => {
      const core = await openOne();
      slack.on('chat.postMessage', () => ({ body: { ok: false, error: 'channel_not_found' } }));
      const tick = createReminderTick(core, notifier);
      const t = Date.parse('2024-07-16T08:00:00Z');
      for (let m = 0; m <= 26 * 60; m += 10) await tick(new Date(t + m * 60_000));
      // Hourly attempts while the catch-up window (24 h) lasts: 0 h, 1 h, … 23 h, 24 h.
      expect(posted().filter((c) => String(c.args.text).includes('Date not fixed yet'))).toHaveLength(25);
      const row = (await rows(core)).find((r) => r.key === 'expected:mexico-uk:2:2024-07');
      expect(row).toMatchObject({ status: 'failed', last_error: 'channel_not_found' });
    });

    it('a round moved while a send is pending: the pending one is dropped, the new date fires once', async () => {
      const core = await openOne();
      const { cycle } = core.services;
      await cycle.schedule('mexico-uk', LOCAL_USER, { date: '2024-09-10', time: '10:00', city: null }, SEED_AT);
      const tick = createReminderTick(core, notifier);
      await tick(new Date('2024-09-03T07:00:00Z')); // Monday's digest out of the way
      slack.on('chat.postMessage', () => ({ status: 500, body: { ok: false } }));
      const t7 = new Date('2024-09-03T08:00:00Z');
      expect((await tick(t7)).retrying.map((r) => r.key)).toEqual(['round:mexico-uk:2@2024-09-10:T-7']);
      // Moved a week later before the retry: the old T-7 is dropped, and the channel is told at once …
      await cycle.schedule('mexico-uk', LOCAL_USER, { date: '2024-09-19', time: '10:00', city: null }, t7);
      slack.reset();
      const after = await tick(new Date('2024-09-03T08:05:00Z'));
      expect(after.dropped).toEqual(['round:mexico-uk:2@2024-09-10:T-7']);
      expect(after.sent.map((s) => s.key)).toEqual(['moved:mexico-uk:2@2024-09-19:from-2024-09-10']);
      const notice = String(posted().at(-1)?.args.text);
      expect(notice).toContain('Round 2 has moved');
      expect(renderedText(posted().at(-1)?.args)).toContain(
        'from Tuesday, 10 September 2024, 10:00 BST London · 03:00 CST Mexico City to Thursday, 19 September 2024, 10:00 BST London · 03:00 CST Mexico City',
      );
      // … and the offsets of the new date fire once each, T-7 included (it never went out).
      const sent: string[] = [];
      for (const now of hours('2024-09-03T09:00:00Z', '2024-09-20T00:00:00Z')) {
        sent.push(...(await tick(now)).sent.map((s) => `${s.key}@${now.toISOString()}`));
      }
      expect(sent).toEqual([
        'round:mexico-uk:2@2024-09-19:T-14@2024-09-05T08:00:00.000Z',
        'digest:mexico-uk:2024-W37@2024-09-09T08:00:00.000Z',
        'round:mexico-uk:2@2024-09-19:T-7@2024-09-12T08:00:00.000Z',
        'digest:mexico-uk:2024-W38@2024-09-16T08:00:00.000Z',
        'round:mexico-uk:2@2024-09-19:T-1@2024-09-18T08:00:00.000Z',
        'round:mexico-uk:2@2024-09-19:T-0@2024-09-19T08:00:00.000Z',
      ]);
    });
  });
});
