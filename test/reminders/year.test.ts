import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCAL_USER } from '../../src/core.js';
import { createLocalNotifier } from '../../src/scheduler/local-notifier.js';
import { createReminderTick } from '../../src/scheduler/tick.js';
import { DIALECTS, openTestCore } from '../support/store.js';

/**
 * A whole simulated year and a half, one tick per hour, with round 2
 * scheduled, moved, postponed, scheduled again on a third date, then held,
 * and two commitments with due dates: the set of messages sent must be
 * exactly the expected one, and at every change the preview must list, line
 * for line, what the ticks then send.
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

/** 09:00 Mexico City (CST, UTC−6 all year since 2022). */
function nineMexicoCity(day: string): string {
  return `${day}T15:00:00.000Z`;
}

/** England's bank holidays (date-holidays' GB-ENG calendar) that fall on a Monday in the period, and the Tuesday after. */
const MONDAY_HOLIDAYS: Record<string, string> = {
  '2024-08-26': '2024-08-27', // Summer bank holiday (England and Wales)
  '2025-04-21': '2025-04-22', // Easter Monday
  '2025-05-05': '2025-05-06', // Early May bank holiday
  '2025-05-26': '2025-05-27', // Spring bank holiday
  '2025-08-25': '2025-08-26', // Summer bank holiday
};

const START = '2024-06-01T00:00:00Z';
const END = '2025-12-31T23:00:00Z';
const CHANNEL = 'channel:C0REMIND';
const OWNER = 'user:U0MXOWNER';

function expectedMessages(): Map<string, [at: string, audience: string]> {
  const out = new Map<string, [string, string]>();
  const add = (key: string, at: string, audience = CHANNEL) => out.set(key, [at, audience]);
  const day = (key: string, d: string, audience = CHANNEL) => add(key, nineLondon(d), audience);

  // Weekly digests: every Monday from 3 June 2024 (open commitments never run out), holidays → Tuesday.
  for (
    let d = DateTime.fromISO('2024-06-03', { zone: 'UTC' });
    d.toISODate()! <= '2025-12-31';
    d = d.plus({ weeks: 1 })
  ) {
    const monday = d.toISODate()!;
    day(`digest:mexico-uk:${d.weekYear}-W${String(d.weekNumber).padStart(2, '0')}`, MONDAY_HOLIDAYS[monday] ?? monday);
  }

  // Round 2 expected in 2025, projected on the anniversary of round 1 (16 January): monthly from July 2024.
  day('expected:mexico-uk:2:2024-07', '2024-07-16');
  day('expected:mexico-uk:2:2024-08', '2024-08-16');
  day('expected:mexico-uk:2:2024-09', '2024-09-16');
  day('expected:mexico-uk:2:2024-10', '2024-10-16');
  day('expected:mexico-uk:2:2024-11', '2024-11-18'); // Sat 16 → Mon 18; scheduled on the 20th, so no December one

  // R1-6 (owner on the Mexican side, zone unknown to Slack: Mexico City) due Monday 30 September 2024: DMs
  // at 09:00 Mexico City, off Mexican holidays.
  add('commitment:mexico-uk:R1-6@2024-09-30:T-14:U0MXOWNER', nineMexicoCity('2024-09-17'), OWNER); // 16 Sept: Independence Day
  add('commitment:mexico-uk:R1-6@2024-09-30:T-7:U0MXOWNER', nineMexicoCity('2024-09-23'), OWNER);
  add('commitment:mexico-uk:R1-6@2024-09-30:T-1:U0MXOWNER', nineMexicoCity('2024-09-27'), OWNER); // Sun 29 → Fri 27

  // R1-4 (no owner) due Monday 3 February 2025: the channel.
  day('commitment:mexico-uk:R1-4@2025-02-03:T-14:channel', '2025-01-20');
  day('commitment:mexico-uk:R1-4@2025-02-03:T-7:channel', '2025-01-27');
  day('commitment:mexico-uk:R1-4@2025-02-03:T-1:channel', '2025-01-31'); // Sun 2 Feb → Mon 3 is the due day → Fri 31 Jan

  // Scheduled on 20 November 2024 for Wednesday 12 March 2025.
  day('round:mexico-uk:2@2025-03-12:T-90', '2024-12-12');
  day('round:mexico-uk:2@2025-03-12:T-60', '2025-01-13'); // Sat 11 → Mon 13
  day('round:mexico-uk:2@2025-03-12:T-30', '2025-02-10');
  // Moved on 15 February 2025 (10:00Z) to Tuesday 6 May 2025: the channel is told at once. The old date's T-14 …
  // T-0 never fire. The new date's T-90 (5 February) had passed by more than the catch-up window: skipped.
  add('moved:mexico-uk:2@2025-05-06:from-2025-03-12', '2025-02-15T10:00:00.000Z');
  day('round:mexico-uk:2@2025-05-06:T-60', '2025-03-07');
  // Postponed on 1 April: its T-30 (Sun 6 → Mon 7 April) and later never fire.
  // Scheduled again on 10 April for Wednesday 18 June 2025: told at once; T-90 (20 March) had passed.
  add('moved:mexico-uk:2@2025-06-18:from-2025-05-06', '2025-04-10T10:00:00.000Z');
  day('round:mexico-uk:2@2025-06-18:T-60', '2025-04-22'); // Sat 19 April, Easter Monday 21 → Tue 22
  day('round:mexico-uk:2@2025-06-18:T-30', '2025-05-19');
  day('round:mexico-uk:2@2025-06-18:T-14', '2025-06-04');
  day('round:mexico-uk:2@2025-06-18:T-7', '2025-06-11');
  day('round:mexico-uk:2@2025-06-18:T-1', '2025-06-17');
  day('round:mexico-uk:2@2025-06-18:T-0', '2025-06-18');
  // Held on 18 June: the follow-up the next morning.
  day('followup:mexico-uk:2@2025-06-18', '2025-06-19');
  // Round 3 (Mexico, 2026), projected on the anniversary of round 2: monthly from December 2025.
  day('expected:mexico-uk:3:2025-12', '2025-12-18');
  return out;
}

describe.each(DIALECTS)('a simulated year of hourly ticks (%s)', (dialect) => {
  const tag = 'rem_year';
  let close: (() => Promise<void>) | null = null;
  afterEach(async () => {
    await close?.();
    close = null;
  });

  it('a round moved twice and postponed once: each offset of each final date once, preview == sent', async () => {
    const core = await openTestCore(dialect, {
      tag,
      now: new Date(START),
      env: { REMINDER_CHANNEL: 'C0REMIND' },
    });
    close = () => core.close();
    const { cycle, commitments, reminders } = core.services;
    const printed: string[] = [];
    const tick = createReminderTick(core, createLocalNotifier({ write: (t: string) => printed.push(t) }));

    const t0 = new Date(START);
    await commitments.assign('mexico-uk', LOCAL_USER, 'R1-6', 'U0MXOWNER', 'mx', t0);
    await commitments.setDue('mexico-uk', LOCAL_USER, 'R1-6', '2024-09-30', t0);
    await commitments.setDue('mexico-uk', LOCAL_USER, 'R1-4', '2025-02-03', t0);

    const schedule = (date: string) => (now: Date) =>
      cycle.schedule('mexico-uk', LOCAL_USER, { date, time: '10:00', city: 'London' }, now);
    const events: Record<string, (now: Date) => Promise<unknown>> = {
      '2024-11-01T10:00:00.000Z': (now) =>
        commitments.updateStatus('mexico-uk', LOCAL_USER, 'R1-6', 'done', 'report shared', now),
      '2024-11-20T10:00:00.000Z': schedule('2025-03-12'),
      '2025-02-15T10:00:00.000Z': schedule('2025-05-06'),
      '2025-04-01T10:00:00.000Z': (now) => cycle.postpone('mexico-uk', LOCAL_USER, 'agendas', now),
      '2025-04-10T10:00:00.000Z': schedule('2025-06-18'),
      '2025-06-18T15:00:00.000Z': (now) => cycle.held('mexico-uk', LOCAL_USER, '2025-06-18', now),
    };
    const changes = [START, ...Object.keys(events), END].map((t) => new Date(t).toISOString());

    // At each change, the preview up to the next one: its "will send" lines, as key@instant.
    const promised: string[] = [];
    const preview = async (from: string, to: string) => {
      const items = await reminders.preview(new Date(from), new Date(from), new Date(Date.parse(to) - 1));
      for (const i of items) {
        expect(['will-send', 'skipped', 'sent']).toContain(i.status.kind); // nothing waiting, nothing late
        if (i.status.kind === 'will-send') promised.push(`${i.key}@${new Date(i.fireAt).toISOString()}`);
      }
    };

    // Right after each move: what the preview says of the new date's offsets that were already past.
    const pastOffsets: Record<string, unknown> = {};
    const lookBack = async (now: Date) => {
      const items = await reminders.preview(now, new Date(now.getTime() - 100 * 86_400_000), now);
      for (const i of items) if (i.key.endsWith(':T-90') && i.status.kind !== 'sent') pastOffsets[i.key] = i.status;
    };

    const sent: [key: string, at: string, audience: string][] = [];
    let segment = 0;
    for (let ms = Date.parse(START); ms <= Date.parse(END); ms += 3_600_000) {
      const now = new Date(ms);
      const iso = now.toISOString();
      await events[iso]?.(now);
      if (iso === '2025-02-15T10:00:00.000Z' || iso === '2025-04-10T10:00:00.000Z') await lookBack(now);
      if (iso === changes[segment] && segment + 1 < changes.length) {
        await preview(iso, changes[segment + 1]!);
        segment++;
      }
      const report = await tick(now);
      for (const s of report.sent) sent.push([s.key, iso, `${s.audience.kind}:${s.audience.id}`]);
      expect(report.retrying).toEqual([]);
      expect(report.noChannel).toEqual([]);
    }

    const expected = expectedMessages();
    const keys = sent.map(([k]) => k);
    expect(new Set(keys).size).toBe(keys.length); // no key (and so no key+date) twice
    expect(new Map(sent.map(([k, at, who]) => [k, [at, who]]))).toEqual(expected);
    // What the preview promised at each change is what the ticks then sent, line for line.
    expect(promised).toEqual(sent.map(([k, at]) => `${k}@${at}`));
    // What the notifier printed is what the ticks reported: one message each.
    expect(printed.filter((p) => p.startsWith('[reminder → '))).toHaveLength(expected.size);
    expect(printed.filter((p) => p.startsWith('[reminder → @U0MXOWNER (DM)]'))).toHaveLength(3);
    // The moved notices show old and new date in both capitals.
    const moved = printed.find((p) => p.includes('Round 2 has moved from Wednesday, 12 March 2025'));
    expect(moved).toContain('10:00 GMT London · 04:00 CST Mexico City to Tuesday, 6 May 2025, 10:00 BST London');

    // The store agrees: every one recorded as sent, none late (no downtime here) …
    const rows = await core.store.db.selectFrom('reminder_deliveries').selectAll().execute();
    const sentRows = rows.filter((r) => r.status === 'sent');
    expect(sentRows.map((r) => r.key).sort()).toEqual([...expected.keys()].sort());
    expect(sentRows.every((r) => Number(r.late) === 0)).toBe(true);
    // Looking back over the whole span, the preview marks exactly the sent ones as sent …
    const all = await reminders.preview(new Date(END), new Date(START), new Date(END));
    const sentLines = all.filter((i) => i.status.kind === 'sent').map((i) => i.key);
    expect(sentLines.sort()).toEqual([...expected.keys()].sort());
    expect(all.filter((i) => i.status.kind === 'will-send' || i.status.kind === 'late')).toEqual([]);
    // … and, at each move, said why the new date's offsets that had already passed would not be sent.
    expect(pastOffsets).toEqual({
      'round:mexico-uk:2@2025-05-06:T-90': { kind: 'skipped', reason: { code: 'missed', catchUpHours: 24 } },
      'round:mexico-uk:2@2025-06-18:T-90': { kind: 'skipped', reason: { code: 'missed', catchUpHours: 24 } },
    });
    // The old dates' reminders that went out are listed as sent, though no longer planned.
    expect(all.find((i) => i.key === 'round:mexico-uk:2@2025-03-12:T-30')).toMatchObject({
      reminder: null,
      status: { kind: 'sent' },
    });
  }, 900_000);
});
