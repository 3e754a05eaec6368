import { describe, expect, it } from 'vitest';
import {
  buildCycle,
  cancelRound,
  markHeld,
  nextHost,
  nextRound,
  postponeRound,
  type Round,
  roundStart,
  scheduleRound,
} from '../../src/domain/cycle.js';
import type { Dialogue } from '../../src/domain/types.js';
import { testDialogue } from '../support/dialogue.js';

const dialogue: Dialogue = testDialogue({ name: { en: 'Mexico–UK', es: 'México–Reino Unido' } });

function round(over: Partial<Round> & Pick<Round, 'edition' | 'host' | 'state' | 'year'>): Round {
  return {
    dialogueId: 'mexico-uk',
    date: null,
    time: null,
    timezone: over.host === 'MX' ? 'America/Mexico_City' : 'Europe/London',
    city: null,
    reason: null,
    hostInferred: null,
    sequence: 0,
    updatedAt: '2024-01-18T00:00:00.000Z',
    ...over,
  };
}

const held1 = round({ edition: 1, host: 'MX', state: 'held', year: 2024, date: '2024-01-16' });
const expected2 = round({ edition: 2, host: 'GB', state: 'expected', year: 2025 });

describe('alternating host', () => {
  it('alternates between the two parties', () => {
    expect(nextHost(dialogue, 'MX')).toBe('GB');
    expect(nextHost(dialogue, 'GB')).toBe('MX');
  });

  it('keeps the same host when the dialogue does not alternate', () => {
    expect(nextHost({ ...dialogue, alternateHost: false }, 'GB')).toBe('GB');
  });
});

describe('projection', () => {
  it('projects annual rounds with alternating hosts after the last recorded round', () => {
    const cycle = buildCycle(dialogue, [held1, expected2], new Date('2024-06-01T00:00:00Z'));
    expect(cycle.map((e) => [e.edition, e.year, e.host, e.state, e.projected])).toEqual([
      [1, 2024, 'MX', 'held', false],
      [2, 2025, 'GB', 'expected', false],
      [3, 2026, 'MX', 'expected', true],
      [4, 2027, 'GB', 'expected', true],
    ]);
  });

  it('projects from a held round when nothing else is recorded', () => {
    const cycle = buildCycle(dialogue, [held1], new Date('2024-06-01T00:00:00Z'), { ahead: 1 });
    expect(cycle.at(-1)).toMatchObject({
      edition: 2,
      year: 2025,
      host: 'GB',
      projected: true,
      projectedDate: '2025-01-16',
    });
  });

  it('projects from a scheduled round, using its year', () => {
    const scheduled = round({ edition: 2, host: 'GB', state: 'scheduled', year: 2026, date: '2026-03-10' });
    const cycle = buildCycle(dialogue, [held1, scheduled], new Date('2025-06-01T00:00:00Z'), { ahead: 1 });
    expect(cycle.at(-1)).toMatchObject({ edition: 3, year: 2027, host: 'MX', projectedDate: '2027-03-10' });
  });

  it('after a cancelled round, the next host follows the last round that was not cancelled', () => {
    const cancelled = round({ edition: 2, host: 'GB', state: 'cancelled', year: 2025 });
    const cycle = buildCycle(dialogue, [held1, cancelled], new Date('2025-06-01T00:00:00Z'), { ahead: 1 });
    expect(cycle.at(-1)).toMatchObject({ edition: 3, host: 'GB', year: 2026 });
  });

  it('uses the cadence for years between rounds', () => {
    const cycle = buildCycle({ ...dialogue, cadenceYears: 2 }, [held1], new Date('2024-06-01T00:00:00Z'), { ahead: 2 });
    expect(cycle.slice(1).map((e) => e.year)).toEqual([2026, 2028]);
  });

  it('projects 29 February to the 28th in a common year', () => {
    const leap = round({ edition: 1, host: 'MX', state: 'held', year: 2024, date: '2024-02-29' });
    const cycle = buildCycle(dialogue, [leap], new Date('2024-06-01T00:00:00Z'), { ahead: 1 });
    expect(cycle.at(-1)?.projectedDate).toBe('2025-02-28');
  });
});

describe('overdue and next round', () => {
  it('the next round is the first neither held nor cancelled', () => {
    const cycle = buildCycle(dialogue, [held1, expected2], new Date('2024-06-01T00:00:00Z'));
    expect(nextRound(cycle)).toMatchObject({ edition: 2, host: 'GB', year: 2025, overdue: false });
  });

  it('an expected round whose year has passed unrecorded is overdue, not dropped', () => {
    const cycle = buildCycle(dialogue, [held1, expected2], new Date('2026-11-28T12:00:00Z'));
    const next = nextRound(cycle);
    expect(next).toMatchObject({ edition: 2, year: 2025, overdue: true, projected: false });
    expect(cycle.find((e) => e.edition === 3)).toMatchObject({ year: 2026, overdue: false });
  });

  it('"this year" is reckoned in the dialogue zone: 31 Dec 23:30 in London is not yet next year', () => {
    const stillDec = buildCycle(dialogue, [held1, expected2], new Date('2025-12-31T23:30:00Z'));
    expect(nextRound(stillDec).overdue).toBe(false);
    const newYear = buildCycle(dialogue, [held1, expected2], new Date('2026-01-01T00:00:00Z'));
    expect(nextRound(newYear).overdue).toBe(true);
  });

  it('a scheduled round whose day passed without being recorded awaits its outcome', () => {
    const scheduled = round({ edition: 2, host: 'GB', state: 'scheduled', year: 2025, date: '2025-05-14' });
    const cycle = buildCycle(dialogue, [held1, scheduled], new Date('2025-05-15T10:00:00Z'));
    expect(nextRound(cycle)).toMatchObject({ edition: 2, awaitingOutcome: true, overdue: false });
  });

  it('a held round is never next; with every recorded round held, the next is projected', () => {
    const held2 = round({ edition: 2, host: 'GB', state: 'held', year: 2025, date: '2025-05-14' });
    const cycle = buildCycle(dialogue, [held1, held2], new Date('2025-06-01T00:00:00Z'));
    expect(nextRound(cycle)).toMatchObject({ edition: 3, host: 'MX', year: 2026, projected: true });
  });
});

describe('transitions', () => {
  const now = new Date('2024-06-01T12:00:00Z');

  it('expected → scheduled with date, time and city; the year follows the date', () => {
    const r = scheduleRound(expected2, { date: '2025-05-14', time: '10:00', city: 'London' }, now);
    expect(r).toMatchObject({ state: 'scheduled', date: '2025-05-14', time: '10:00', city: 'London', year: 2025 });
  });

  it('refuses a date in the past (in the host zone)', () => {
    expect(() => scheduleRound(expected2, { date: '2024-05-31', time: null, city: null }, now)).toThrow(
      expect.objectContaining({ code: 'date.in_past' }),
    );
  });

  it('refuses a time earlier today', () => {
    expect(() => scheduleRound(expected2, { date: '2024-06-01', time: '09:00', city: null }, now)).toThrow(
      expect.objectContaining({ code: 'date.in_past' }),
    );
    expect(scheduleRound(expected2, { date: '2024-06-01', time: '18:00', city: null }, now).state).toBe('scheduled');
  });

  it('a held round cannot be re-scheduled, postponed or cancelled', () => {
    expect(() => scheduleRound(held1, { date: '2025-01-01', time: null, city: null }, now)).toThrow(
      expect.objectContaining({ code: 'round.already_held' }),
    );
    expect(() => postponeRound(held1, null)).toThrow(expect.objectContaining({ code: 'round.already_held' }));
    expect(() => cancelRound(held1, null)).toThrow(expect.objectContaining({ code: 'round.already_held' }));
    expect(() => markHeld(held1, '2024-01-16', now)).toThrow(expect.objectContaining({ code: 'round.already_held' }));
  });

  it('held needs a date that is not in the future', () => {
    expect(() => markHeld(expected2, null, now)).toThrow(expect.objectContaining({ code: 'round.held_needs_date' }));
    expect(() => markHeld(expected2, '2024-06-02', now)).toThrow(
      expect.objectContaining({ code: 'round.held_in_future' }),
    );
    expect(markHeld(expected2, '2024-06-01', now)).toMatchObject({ state: 'held', date: '2024-06-01', year: 2024 });
  });

  it('postponing keeps the old date so people can see what moved; scheduling again clears the reason', () => {
    const scheduled = scheduleRound(expected2, { date: '2025-05-14', time: '10:00', city: null }, now);
    const postponed = postponeRound(scheduled, 'elections');
    expect(postponed).toMatchObject({ state: 'postponed', date: '2025-05-14', reason: 'elections' });
    expect(() => postponeRound(postponed, null)).toThrow(expect.objectContaining({ code: 'round.already_postponed' }));
    expect(scheduleRound(postponed, { date: '2025-09-01', time: null, city: null }, now)).toMatchObject({
      state: 'scheduled',
      date: '2025-09-01',
      reason: null,
    });
  });

  it('a cancelled round stays cancelled', () => {
    const cancelled = cancelRound(expected2, 'no agreement');
    expect(() => cancelRound(cancelled, null)).toThrow(expect.objectContaining({ code: 'round.already_cancelled' }));
    expect(() => scheduleRound(cancelled, { date: '2025-01-01', time: null, city: null }, now)).toThrow(
      expect.objectContaining({ code: 'round.cancelled' }),
    );
  });
});

describe('round start instant', () => {
  it('London 10:00 is 09:00Z in summer (BST) and 10:00Z in winter (GMT), on both sides of each change', () => {
    const at = (date: string) => roundStart({ date, time: '10:00', timezone: 'Europe/London' })!.toUTC().toISO();
    expect(at('2025-03-29')).toBe('2025-03-29T10:00:00.000Z'); // Saturday before the last Sunday of March
    expect(at('2025-03-31')).toBe('2025-03-31T09:00:00.000Z'); // Monday after
    expect(at('2025-10-25')).toBe('2025-10-25T09:00:00.000Z'); // Saturday before the last Sunday of October
    expect(at('2025-10-27')).toBe('2025-10-27T10:00:00.000Z'); // Monday after
  });

  it('Mexico City is UTC−6 all year (no DST since October 2022)', () => {
    const july = roundStart({ date: '2025-07-15', time: '10:00', timezone: 'America/Mexico_City' })!;
    const january = roundStart({ date: '2025-01-15', time: '10:00', timezone: 'America/Mexico_City' })!;
    expect(july.toUTC().toISO()).toBe('2025-07-15T16:00:00.000Z');
    expect(january.toUTC().toISO()).toBe('2025-01-15T16:00:00.000Z');
    expect(july.offset).toBe(-360);
  });
});
