import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCAL_USER } from '../../src/core.js';
import { createLocalNotifier } from '../../src/scheduler/local-notifier.js';
import { createReminderTick } from '../../src/scheduler/tick.js';
import { DIALECTS, openTestCore } from '../support/store.js';

/**
 * A whole simulated year and a half, one tick per hour, with round 2 scheduled,
 * re-scheduled, then held, and two commitments with due dates: the set of
 * messages sent must be exactly the expected one.
 *
 * The expected list is written out by hand from the rules (and a calendar):
 * it does not call the planner.
 */

/** London is on BST (UTC+1) between these instants, GMT otherwise. */
const BST: readonly (readonly [string, string])[] = [
  ['2024-03-31T01:00:00Z', '2024-10-27T01:00:00Z'],
  ['2025-03-30T01:00:00Z', '2025-10-26T01:00:00Z'],
];

/** 09:00 London on a day, as UTC. */
function nineLondon(day: string): string {
  const noonZ = `${day}T12:00:00Z`;
  const summer = BST.some(([a, b]) => noonZ >= a && noonZ < b);
  return `${day}T${summer ? '08' : '09'}:00:00.000Z`;
}

/** UK-wide public holidays (date-holidays' GB calendar) that fall on a Monday in the period, and the Tuesday after. */
const MONDAY_HOLIDAYS: Record<string, string> = {
  '2025-04-21': '2025-04-22', // Easter Monday
  '2025-05-05': '2025-05-06', // Early May bank holiday
  '2025-05-26': '2025-05-27', // Spring bank holiday
};

const START = '2024-06-01T00:00:00Z';
const END = '2025-12-31T23:00:00Z';
const CHANNEL = 'channel:C0REMIND';
const OWNER = 'user:U0MXOWNER';

function expectedMessages(): Map<string, [at: string, audience: string]> {
  const out = new Map<string, [string, string]>();
  const add = (key: string, day: string, audience = CHANNEL) => out.set(key, [nineLondon(day), audience]);

  // Weekly digests: every Monday from 3 June 2024 (open commitments never run out), holidays → Tuesday.
  for (
    let d = DateTime.fromISO('2024-06-03', { zone: 'UTC' });
    d.toISODate()! <= '2025-12-31';
    d = d.plus({ weeks: 1 })
  ) {
    const day = d.toISODate()!;
    add(`digest:mexico-uk:${d.weekYear}-W${String(d.weekNumber).padStart(2, '0')}`, MONDAY_HOLIDAYS[day] ?? day);
  }

  // Round 2 expected in 2025, projected on the anniversary of round 1 (16 January): monthly from July 2024.
  add('expected:mexico-uk:2:2024-07', '2024-07-16');
  add('expected:mexico-uk:2:2024-08', '2024-08-16');
  add('expected:mexico-uk:2:2024-09', '2024-09-16');
  add('expected:mexico-uk:2:2024-10', '2024-10-16');
  add('expected:mexico-uk:2:2024-11', '2024-11-18'); // Sat 16 → Mon 18; scheduled on the 20th, so no December one

  // R1-6 (owner on the Mexican side) due Monday 30 September 2024: DMs.
  add('commitment:mexico-uk:R1-6:T-14:U0MXOWNER', '2024-09-16', OWNER);
  add('commitment:mexico-uk:R1-6:T-7:U0MXOWNER', '2024-09-23', OWNER);
  add('commitment:mexico-uk:R1-6:T-1:U0MXOWNER', '2024-09-27', OWNER); // Sun 29 → the due day itself → Friday 27

  // R1-4 (no owner) due Monday 3 February 2025: the channel.
  add('commitment:mexico-uk:R1-4:T-14:channel', '2025-01-20');
  add('commitment:mexico-uk:R1-4:T-7:channel', '2025-01-27');
  add('commitment:mexico-uk:R1-4:T-1:channel', '2025-01-31'); // Sun 2 Feb → Mon 3 is the due day → Fri 31 Jan

  // Scheduled on 20 November 2024 for Wednesday 12 March 2025.
  add('round:mexico-uk:2:T-90', '2024-12-12');
  add('round:mexico-uk:2:T-60', '2025-01-13'); // Sat 11 → Mon 13
  add('round:mexico-uk:2:T-30', '2025-02-10');
  // Re-scheduled on 15 February 2025 for Tuesday 6 May 2025: the old T-14 … T-0 never fire; the new
  // T-90, T-60 and T-30 are the same offsets of the same round, already sent: not again.
  add('round:mexico-uk:2:T-14', '2025-04-22');
  add('round:mexico-uk:2:T-7', '2025-04-29');
  add('round:mexico-uk:2:T-1', '2025-05-02'); // Mon 5 May is a bank holiday, Tue 6 the round → Fri 2
  add('round:mexico-uk:2:T-0', '2025-05-06');
  // Held on 6 May: the follow-up the next morning.
  add('followup:mexico-uk:2', '2025-05-07');
  // Round 3 (Mexico, 2026), projected on the anniversary of round 2: monthly from November 2025.
  add('expected:mexico-uk:3:2025-11', '2025-11-06');
  add('expected:mexico-uk:3:2025-12', '2025-12-08'); // Sat 6 → Mon 8
  return out;
}

describe.each(DIALECTS)('a simulated year of hourly ticks (%s)', (dialect) => {
  const tag = 'rem_year';
  let close: (() => Promise<void>) | null = null;
  afterEach(async () => {
    await close?.();
    close = null;
  });

  it('sends exactly the expected messages: none missing, none twice, each at its hour', async () => {
    const core = await openTestCore(dialect, {
      tag,
      now: new Date(START),
      env: { REMINDER_CHANNEL: 'C0REMIND' },
    });
    close = () => core.close();
    const { cycle, commitments } = core.services;
    const printed: string[] = [];
    const tick = createReminderTick(core, createLocalNotifier({ write: (t: string) => printed.push(t) }));

    const t0 = new Date(START);
    await commitments.assign('mexico-uk', LOCAL_USER, 'R1-6', 'U0MXOWNER', 'mx', t0);
    await commitments.setDue('mexico-uk', LOCAL_USER, 'R1-6', '2024-09-30', t0);
    await commitments.setDue('mexico-uk', LOCAL_USER, 'R1-4', '2025-02-03', t0);

    const events: Record<string, (now: Date) => Promise<unknown>> = {
      '2024-11-01T10:00:00.000Z': (now) =>
        commitments.updateStatus('mexico-uk', LOCAL_USER, 'R1-6', 'done', 'report shared', now),
      '2024-11-20T10:00:00.000Z': (now) =>
        cycle.schedule('mexico-uk', LOCAL_USER, { date: '2025-03-12', time: '10:00', city: 'London' }, now),
      '2025-02-15T10:00:00.000Z': (now) =>
        cycle.schedule('mexico-uk', LOCAL_USER, { date: '2025-05-06', time: '10:00', city: null }, now),
      '2025-05-06T15:00:00.000Z': (now) => cycle.held('mexico-uk', LOCAL_USER, '2025-05-06', now),
    };

    const sent: [key: string, at: string, audience: string][] = [];
    for (let ms = Date.parse(START); ms <= Date.parse(END); ms += 3_600_000) {
      const now = new Date(ms);
      await events[now.toISOString()]?.(now);
      const report = await tick(now);
      for (const s of report.sent) sent.push([s.key, now.toISOString(), `${s.audience.kind}:${s.audience.id}`]);
      expect(report.retrying).toEqual([]);
    }

    const expected = expectedMessages();
    const keys = sent.map(([k]) => k);
    expect(new Set(keys).size).toBe(keys.length); // no key twice
    expect(new Map(sent.map(([k, at, who]) => [k, [at, who]]))).toEqual(expected);
    // What the notifier printed is what the ticks reported: one message each.
    expect(printed.filter((p) => p.startsWith('[reminder → '))).toHaveLength(expected.size);
    expect(printed.filter((p) => p.startsWith('[reminder → @U0MXOWNER (DM)]'))).toHaveLength(3);
    // The store agrees: every one recorded as sent, none late (no downtime here).
    const rows = await core.store.db
      .selectFrom('reminder_deliveries')
      .selectAll()
      .where('status', '=', 'sent')
      .execute();
    expect(rows.map((r) => r.key).sort()).toEqual([...expected.keys()].sort());
    expect(rows.every((r) => Number(r.late) === 0)).toBe(true);
  }, 600_000);
});
