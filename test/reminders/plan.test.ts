import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { reminderRulesSchema } from '../../src/config/schema.js';
import type { Commitment } from '../../src/domain/commitments.js';
import { buildCycle, type Round } from '../../src/domain/cycle.js';
import {
  planReminders,
  type ReminderRules,
  type ReminderState,
  reminderOccurrences,
  workingDayFor,
} from '../../src/domain/reminders.js';
import type { Dialogue } from '../../src/domain/types.js';
import { reminderReply } from '../../src/presentation/reminder-messages.js';
import { renderText } from '../../src/presentation/reply.js';
import { isWorkingDay, workingCalendar } from '../../src/services/working-days.js';
import { testDialogue } from '../support/dialogue.js';

const dialogue: Dialogue = testDialogue({
  name: { en: 'Mexico–UK Dialogue', es: 'Diálogo México–Reino Unido' },
  reminderChannel: 'C0REMIND',
});

const round1: Round = {
  dialogueId: 'mexico-uk',
  edition: 1,
  year: 2024,
  host: 'MX',
  state: 'held',
  date: '2024-01-16',
  time: null,
  timezone: 'America/Mexico_City',
  city: null,
  reason: null,
  hostInferred: null,
  sequence: 0,
  updatedAt: '',
};
const expected2: Round = { ...round1, edition: 2, year: 2025, host: 'GB', state: 'expected', date: null };
const scheduled2 = (date: string, time: string | null = '10:00'): Round => ({
  ...expected2,
  state: 'scheduled',
  date,
  time,
  year: Number(date.slice(0, 4)),
  timezone: 'Europe/London',
});

const commitment = (over: Partial<Commitment>): Commitment => ({
  dialogueId: 'mexico-uk',
  id: 'R1-6',
  edition: 1,
  paragraph: '6',
  theme: 'human-rights',
  text: 'Mexico and the UK committed to work together.',
  summary: { en: 'Work together on human rights defenders', es: 'Trabajar juntos' },
  status: 'not-started',
  owners: {},
  dueDate: null,
  sequence: 0,
  createdAt: '',
  updatedAt: '',
  ...over,
});

/** Defaults from config, without the weekly digest unless asked (keeps lists short). */
function rules(over: Record<string, unknown> = {}): ReminderRules {
  return reminderRulesSchema.parse({ weeklyDigest: { enabled: false }, ...over });
}

function state(rounds: Round[], now: string, commitments: Commitment[] = [], channel: string | null = 'C0REMIND') {
  return {
    dialogue,
    cycle: buildCycle(dialogue, rounds, new Date(now)),
    commitments,
    channel,
    calendar: workingCalendar,
  } satisfies ReminderState;
}

function between(s: ReminderState, r: ReminderRules, from: string, to: string) {
  return reminderOccurrences(s, r, new Date(from), new Date(to)).map((x) => [x.key, x.fireAt] as const);
}

describe('working days', () => {
  it('weekends and public holidays of the chosen country are not working days (date-holidays)', () => {
    expect(isWorkingDay('2025-05-03', 'GB')).toBe(false); // Saturday
    expect(isWorkingDay('2025-05-05', 'GB')).toBe(false); // Early May bank holiday
    expect(isWorkingDay('2025-05-05', 'MX')).toBe(true);
    expect(isWorkingDay('2025-09-16', 'MX')).toBe(false); // Independence Day
    expect(isWorkingDay('2025-09-16', 'GB')).toBe(true);
    expect(isWorkingDay('2025-12-25', 'GB')).toBe(false);
    expect(isWorkingDay('2025-08-25', 'GB-ENG')).toBe(false); // England's summer bank holiday
  });

  it('moves to the next working day, but never onto or past the event: then to the working day before', () => {
    const r = rules();
    expect(workingDayFor('2025-01-11', r, workingCalendar)).toBe('2025-01-13'); // Saturday → Monday
    expect(workingDayFor('2024-12-25', r, workingCalendar)).toBe('2024-12-27'); // Christmas, Boxing Day → Friday
    expect(workingDayFor('2025-05-03', r, workingCalendar, '2025-05-03')).toBe('2025-05-03'); // the round itself is that day
    expect(workingDayFor('2025-05-05', r, workingCalendar, '2025-05-06')).toBe('2025-05-02'); // T-1 on a bank holiday → Friday
    expect(workingDayFor('2025-01-11', rules({ workingDays: { enabled: false } }), workingCalendar)).toBe('2025-01-11');
    expect(workingDayFor('2025-09-16', rules({ workingDays: { country: 'MX' } }), workingCalendar)).toBe('2025-09-17');
  });
});

describe('planReminders: a scheduled round', () => {
  const s = state([round1, scheduled2('2025-05-14')], '2025-01-01T00:00:00Z');

  it('90, 60, 30, 14, 7 and 1 days before and the morning of, at 09:00 London, off weekends and holidays', () => {
    const got = between(s, rules(), '2025-01-01T00:00:00Z', '2025-06-01T00:00:00Z');
    expect(got).toEqual([
      ['round:mexico-uk:2@2025-05-14:T-90', '2025-02-13T09:00:00.000Z'], // Thu, GMT
      ['round:mexico-uk:2@2025-05-14:T-60', '2025-03-17T09:00:00.000Z'], // Sat 15 March → Monday, GMT
      ['round:mexico-uk:2@2025-05-14:T-30', '2025-04-14T08:00:00.000Z'], // BST
      ['round:mexico-uk:2@2025-05-14:T-14', '2025-04-30T08:00:00.000Z'],
      ['round:mexico-uk:2@2025-05-14:T-7', '2025-05-07T08:00:00.000Z'],
      ['round:mexico-uk:2@2025-05-14:T-1', '2025-05-13T08:00:00.000Z'],
      ['round:mexico-uk:2@2025-05-14:T-0', '2025-05-14T08:00:00.000Z'],
      ['followup:mexico-uk:2@2025-05-14', '2025-05-15T08:00:00.000Z'], // the morning after
    ]);
  });

  it('a message shows the date and the time in both capitals (Mexico City in CST, UTC−6, in July)', () => {
    const july = state([round1, scheduled2('2025-07-10')], '2025-07-01T00:00:00Z');
    const [t1] = reminderOccurrences(july, rules(), new Date('2025-07-09T00:00:00Z'), new Date('2025-07-09T23:00:00Z'));
    expect(t1?.key).toBe('round:mexico-uk:2@2025-07-10:T-1');
    const text = renderText(reminderReply(dialogue, t1!, 'en'));
    expect(text).toContain('Tomorrow: round 2');
    expect(text).toContain('Thursday, 10 July 2025');
    expect(text).toContain('10:00 BST London');
    expect(text).toContain('03:00 CST Mexico City');
    const es = renderText(reminderReply(dialogue, t1!, 'es'));
    expect(es).toContain('jueves 10 de julio de 2025');
    expect(es).toContain('03:00 CST Ciudad de México');
  });

  it('what is due at an instant: on time, late within the catch-up window, stale beyond it', () => {
    const due = planReminders(s, rules(), new Date('2025-04-15T07:00:00Z'));
    const byKey = Object.fromEntries(due.map((d) => [d.key, d.timeliness]));
    // T-30 fired 23 hours ago: within 24 h, still sent (late). T-60 is weeks old: stale.
    expect(byKey).toMatchObject({ 'round:mexico-uk:2@2025-05-14:T-30': 'late' });
    expect(byKey['round:mexico-uk:2@2025-05-14:T-60']).toBeUndefined(); // beyond the skip look-back too
    expect(planReminders(s, rules(), new Date('2025-04-14T08:00:00Z')).at(-1)).toMatchObject({
      key: 'round:mexico-uk:2@2025-05-14:T-30',
      timeliness: 'on-time',
    });
    expect(planReminders(s, rules(), new Date('2025-04-15T08:00:01Z')).at(-1)).toMatchObject({
      key: 'round:mexico-uk:2@2025-05-14:T-30',
      timeliness: 'stale',
    });
    expect(planReminders(s, rules({ catchUpHours: 48 }), new Date('2025-04-15T08:00:01Z')).at(-1)).toMatchObject({
      timeliness: 'late',
    });
  });

  it('a change of date re-plans: keys of the new date (every offset re-armed), the old date’s moments gone', () => {
    const moved = state([round1, scheduled2('2025-06-11')], '2025-01-01T00:00:00Z');
    const before = new Map(between(s, rules(), '2025-01-01T00:00:00Z', '2025-07-01T00:00:00Z'));
    const after = new Map(between(moved, rules(), '2025-01-01T00:00:00Z', '2025-07-01T00:00:00Z'));
    expect([...after.keys()].sort()).toEqual(
      [...before.keys()].map((k) => k.replace('2025-05-14', '2025-06-11')).sort(),
    );
    expect([...after.keys()].some((k) => k.includes('2025-05-14'))).toBe(false);
    expect(after.get('round:mexico-uk:2@2025-06-11:T-0')).toBe('2025-06-11T08:00:00.000Z');
    expect([...after.values()]).not.toContain(before.get('round:mexico-uk:2@2025-05-14:T-7'));
  });
});

describe('DST: 09:00 Europe/London is 08:00Z in summer and 09:00Z in winter', () => {
  // The weekly digest (Mondays) and daily offsets around the last Sundays of March and October.
  const open = [commitment({ id: 'R1-4' })];
  const s = state([round1, expected2], '2025-03-01T00:00:00Z', open);
  const weekly = rules({ weeklyDigest: { enabled: true, weekday: 1 } });

  it.each([
    ['2025-03-24', '2025-03-24T09:00:00.000Z'], // Monday before the change (GMT)
    ['2025-03-31', '2025-03-31T08:00:00.000Z'], // Monday after 30 March (BST)
    ['2025-10-20', '2025-10-20T08:00:00.000Z'], // Monday before 26 October (BST)
    ['2025-10-27', '2025-10-27T09:00:00.000Z'], // Monday after (GMT)
    ['2024-10-21', '2024-10-21T08:00:00.000Z'],
    ['2024-10-28', '2024-10-28T09:00:00.000Z'], // after 27 October 2024
  ])('weekly digest of %s fires at %s', (day, instant) => {
    const got = between(s, weekly, `${day}T00:00:00Z`, `${day}T23:59:59Z`);
    expect(got).toEqual([[expect.stringMatching(/^digest:mexico-uk:\d{4}-W\d{2}$/), instant]]);
  });

  it('daily offsets of a round straddling the March and October changes', () => {
    // Round on Wed 2 April 2025: T-7 = Wed 26 March (GMT), T-1 = Tue 1 April (BST).
    const spring = state([round1, scheduled2('2025-04-02')], '2025-01-01T00:00:00Z');
    expect(new Map(between(spring, rules(), '2025-03-20T00:00:00Z', '2025-04-03T00:00:00Z'))).toEqual(
      new Map([
        ['round:mexico-uk:2@2025-04-02:T-7', '2025-03-26T09:00:00.000Z'],
        ['round:mexico-uk:2@2025-04-02:T-1', '2025-04-01T08:00:00.000Z'],
        ['round:mexico-uk:2@2025-04-02:T-0', '2025-04-02T08:00:00.000Z'],
      ]),
    );
    // Round on Tue 28 October 2025: T-7 = Tue 21 October (BST), T-1 = Mon 27 October (GMT).
    const autumn = state([round1, scheduled2('2025-10-28')], '2025-01-01T00:00:00Z');
    expect(new Map(between(autumn, rules(), '2025-10-20T00:00:00Z', '2025-10-29T00:00:00Z'))).toEqual(
      new Map([
        ['round:mexico-uk:2@2025-10-28:T-7', '2025-10-21T08:00:00.000Z'],
        ['round:mexico-uk:2@2025-10-28:T-1', '2025-10-27T09:00:00.000Z'],
        ['round:mexico-uk:2@2025-10-28:T-0', '2025-10-28T09:00:00.000Z'],
      ]),
    );
  });
});

describe('planReminders: an expected round with no date', () => {
  const s = state([round1, expected2], '2024-06-01T00:00:00Z');

  it('monthly "no date agreed yet" from six months before the projected date, then "record the outcome"', () => {
    const got = between(s, rules(), '2024-06-01T00:00:00Z', '2026-04-01T00:00:00Z');
    const keys = got.map(([k]) => k);
    // Projected date: the anniversary of round 1, 16 January 2025. Six months before: July 2024.
    expect(keys.slice(0, 3)).toEqual([
      'expected:mexico-uk:2:2024-07',
      'expected:mexico-uk:2:2024-08',
      'expected:mexico-uk:2:2024-09',
    ]);
    expect(keys.filter((k) => k.startsWith('expected:'))).toHaveLength(18); // July 2024 … December 2025
    expect(keys.filter((k) => k.startsWith('overdue:'))).toEqual([
      'overdue:mexico-uk:2:2026-01',
      'overdue:mexico-uk:2:2026-02',
      'overdue:mexico-uk:2:2026-03',
    ]);
    // 16 November 2024 is a Saturday: Monday 18th.
    expect(got.find(([k]) => k === 'expected:mexico-uk:2:2024-11')?.[1]).toBe('2024-11-18T09:00:00.000Z');
  });

  it('overdue nudges every N months when configured, and none once the round is scheduled', () => {
    const every3 = rules({ expectedRound: { monthsBefore: 6, overdueEveryMonths: 3 } });
    const keys = between(s, every3, '2026-01-01T00:00:00Z', '2026-12-31T00:00:00Z').map(([k]) => k);
    expect(keys).toEqual([
      'overdue:mexico-uk:2:2026-01',
      'overdue:mexico-uk:2:2026-04',
      'overdue:mexico-uk:2:2026-07',
      'overdue:mexico-uk:2:2026-10',
    ]);
    const scheduled = state([round1, scheduled2('2025-05-14')], '2024-06-01T00:00:00Z');
    expect(
      between(scheduled, rules(), '2024-06-01T00:00:00Z', '2025-01-01T00:00:00Z').filter(([k]) =>
        k.startsWith('expected:'),
      ),
    ).toEqual([]);
  });

  it('a scheduled round whose year passed unrecorded gets the monthly "record the outcome" too', () => {
    const stale = state([round1, scheduled2('2025-05-14')], '2026-01-01T00:00:00Z');
    const got = between(stale, rules(), '2025-05-01T00:00:00Z', '2026-03-01T00:00:00Z').filter(
      ([k]) => k.startsWith('overdue:') || k.startsWith('expected:'),
    );
    expect(got).toEqual([
      ['overdue:mexico-uk:2:2026-01', '2026-01-14T09:00:00.000Z'],
      ['overdue:mexico-uk:2:2026-02', '2026-02-16T09:00:00.000Z'], // Sat 14 → Mon 16
    ]);
  });

  it('the overdue message asks to record the outcome, in English and Spanish', () => {
    const [o] = reminderOccurrences(s, rules(), new Date('2026-01-01T00:00:00Z'), new Date('2026-02-01T00:00:00Z'));
    expect(renderText(reminderReply(dialogue, o!, 'en'))).toMatch(/expected in the United Kingdom in 2025.*nothing/s);
    expect(renderText(reminderReply(dialogue, o!, 'es'))).toContain('Registre lo ocurrido');
  });
});

describe('planReminders: after a round, commitments, digests', () => {
  it('the morning after a round: record the outcome, import the statement, next host and year', () => {
    const held = { ...scheduled2('2025-05-14'), state: 'held' as const };
    const s = state([round1, held], '2025-05-14T15:00:00Z');
    const got = reminderOccurrences(s, rules(), new Date('2025-05-14T12:00:00Z'), new Date('2025-05-16T00:00:00Z'));
    expect(got.map((r) => [r.key, r.fireAt])).toEqual([
      ['followup:mexico-uk:2@2025-05-14', '2025-05-15T08:00:00.000Z'],
    ]);
    const text = renderText(reminderReply(dialogue, got[0]!, 'en'));
    expect(text).toContain('Round 2 was held on 14 May 2025');
    expect(text).toContain('dialogue-bot import');
    expect(text).toContain('Next round: round 3, in Mexico, expected in 2026.');
  });

  it('commitment due dates: a DM to each owner at 09:00 of their own day and side (the channel when none)', () => {
    const owned = commitment({ id: 'R1-6', owners: { MX: 'UMX1', GB: 'UGB1' }, dueDate: '2024-09-30' });
    const orphan = commitment({ id: 'R1-4', dueDate: '2024-10-15' });
    const done = commitment({ id: 'R1-8', dueDate: '2024-10-15', status: 'done' });
    const s = state([round1, expected2], '2024-06-01T00:00:00Z', [owned, orphan, done]);
    const got = reminderOccurrences(s, rules(), new Date('2024-09-01T00:00:00Z'), new Date('2024-10-31T00:00:00Z'))
      .filter((r) => r.kind === 'commitment')
      .map((r) => [r.key, r.audience.id, r.date, r.fireAt]);
    expect(got).toEqual([
      // The British owner: 09:00 London (BST); the Mexican owner: 09:00 Mexico City (CST, UTC−6, no DST).
      ['commitment:mexico-uk:R1-6@2024-09-30:T-14:UGB1', 'UGB1', '2024-09-16', '2024-09-16T08:00:00.000Z'],
      // Monday 16 September is Mexico's Independence Day: the Mexican owner's DM moves to Tuesday.
      ['commitment:mexico-uk:R1-6@2024-09-30:T-14:UMX1', 'UMX1', '2024-09-17', '2024-09-17T15:00:00.000Z'],
      ['commitment:mexico-uk:R1-6@2024-09-30:T-7:UGB1', 'UGB1', '2024-09-23', '2024-09-23T08:00:00.000Z'],
      ['commitment:mexico-uk:R1-6@2024-09-30:T-7:UMX1', 'UMX1', '2024-09-23', '2024-09-23T15:00:00.000Z'],
      // Sunday 29th: the next working day is the due date itself, so Friday 27th.
      ['commitment:mexico-uk:R1-6@2024-09-30:T-1:UGB1', 'UGB1', '2024-09-27', '2024-09-27T08:00:00.000Z'],
      ['commitment:mexico-uk:R1-6@2024-09-30:T-1:UMX1', 'UMX1', '2024-09-27', '2024-09-27T15:00:00.000Z'],
      ['commitment:mexico-uk:R1-4@2024-10-15:T-14:channel', 'C0REMIND', '2024-10-01', '2024-10-01T08:00:00.000Z'],
      ['commitment:mexico-uk:R1-4@2024-10-15:T-7:channel', 'C0REMIND', '2024-10-08', '2024-10-08T08:00:00.000Z'],
      ['commitment:mexico-uk:R1-4@2024-10-15:T-1:channel', 'C0REMIND', '2024-10-14', '2024-10-14T08:00:00.000Z'],
    ]);
  });

  it('overdue commitments: one weekly digest, not a daily flood', () => {
    const late = commitment({ id: 'R1-4', dueDate: '2024-09-02' });
    const s = state([round1, expected2], '2024-06-01T00:00:00Z', [late, commitment({ id: 'R1-8' })]);
    const overdueOnly = between(s, rules(), '2024-09-01T00:00:00Z', '2024-10-01T00:00:00Z').filter(([k]) =>
      k.startsWith('overdue-digest:'),
    );
    // Due Monday 2 September: overdue from the next Monday on, once a week.
    expect(overdueOnly).toEqual([
      ['overdue-digest:mexico-uk:2024-W37', '2024-09-09T08:00:00.000Z'],
      ['overdue-digest:mexico-uk:2024-W38', '2024-09-16T08:00:00.000Z'],
      ['overdue-digest:mexico-uk:2024-W39', '2024-09-23T08:00:00.000Z'],
      ['overdue-digest:mexico-uk:2024-W40', '2024-09-30T08:00:00.000Z'],
    ]);
    // With the weekly digest on, overdue ones are flagged inside it instead.
    const weekly = reminderOccurrences(
      s,
      rules({ weeklyDigest: { enabled: true } }),
      new Date('2024-09-09T00:00:00Z'),
      new Date('2024-09-10T00:00:00Z'),
    );
    expect(weekly.map((r) => r.key)).toEqual(['digest:mexico-uk:2024-W37']);
    const text = renderText(reminderReply(dialogue, weekly[0]!, 'en'));
    expect(text).toContain('2 open commitments, 1 overdue.');
    expect(text).toMatch(/Overdue \(1\)\n• R1-4/);
    // Each commitment once: R1-4 is under Overdue only, not again under its status.
    expect(text).toMatch(/Not started \(1\)\n• R1-8/);
    expect(text.match(/R1-4/g)).toHaveLength(1);
  });

  it('the weekly digest moves off a bank holiday Monday, and stops when nothing is open', () => {
    const s = state([round1, expected2], '2025-04-01T00:00:00Z', [commitment({})]);
    const weekly = rules({ weeklyDigest: { enabled: true } });
    expect(between(s, weekly, '2025-04-20T00:00:00Z', '2025-04-23T00:00:00Z')).toEqual([
      ['digest:mexico-uk:2025-W17', '2025-04-22T08:00:00.000Z'], // Easter Monday → Tuesday
    ]);
    const none = state([round1, expected2], '2025-04-01T00:00:00Z', [commitment({ status: 'done' })]);
    const digests = between(none, weekly, '2025-04-01T00:00:00Z', '2025-05-01T00:00:00Z').filter(([k]) =>
      k.startsWith('digest:'),
    );
    expect(digests).toEqual([]);
  });

  it('nothing at all when reminders are disabled; the rule time and zone are honoured', () => {
    const s = state([round1, scheduled2('2025-05-14')], '2025-01-01T00:00:00Z');
    expect(between(s, rules({ enabled: false }), '2025-01-01T00:00:00Z', '2025-06-01T00:00:00Z')).toEqual([]);
    const mx = rules({ time: '08:30', timezone: 'America/Mexico_City', workingDays: { country: 'MX' } });
    const t0 = reminderOccurrences(s, mx, new Date('2025-05-14T00:00:00Z'), new Date('2025-05-15T00:00:00Z'));
    expect(t0.map((r) => r.fireAt)).toEqual(['2025-05-14T14:30:00.000Z']); // 08:30 CST = 14:30Z
    expect(DateTime.fromISO(t0[0]!.fireAt).setZone('America/Mexico_City').offset).toBe(-360);
  });
});
