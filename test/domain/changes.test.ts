import { describe, expect, it } from 'vitest';
import {
  buildCycle,
  editionNumbers,
  heldConfirmations,
  MAX_AHEAD,
  markHeld,
  type Round,
  requireRecorded,
  scheduleConfirmations,
  scheduleRound,
} from '../../src/domain/cycle.js';
import { hasControlChars, NoChange, requireCleanText } from '../../src/domain/errors.js';
import { testDialogue } from '../support/dialogue.js';

const dialogue = testDialogue();
const round = (edition: number, state: Round['state'], date: string | null, year = 2023 + edition): Round => ({
  dialogueId: 'mexico-uk',
  edition,
  year,
  host: edition % 2 ? 'MX' : 'GB',
  state,
  date,
  time: null,
  timezone: 'Europe/London',
  city: null,
  reason: null,
  hostInferred: null,
  sequence: 0,
  updatedAt: '2024-01-01T00:00:00Z',
});
const NOW = new Date('2025-07-01T12:00:00Z');

describe('changes in the domain (pure)', () => {
  it('numbers editions by meetings not cancelled', () => {
    const numbers = editionNumbers([
      round(1, 'held', '2024-01-16'),
      round(3, 'expected', null),
      round(2, 'cancelled', null),
    ]);
    expect([...numbers.entries()].sort()).toEqual([
      [1, 1],
      [2, null],
      [3, 2],
    ]);
    const cycle = buildCycle(dialogue, [round(1, 'held', '2024-01-16'), round(2, 'cancelled', '2025-05-14')], NOW);
    expect(cycle.map((e) => [e.edition, e.number, e.projected])).toEqual([
      [1, 1, false],
      [2, null, false],
      [3, 2, true],
      [4, 3, true],
    ]);
  });

  it('projects at most MAX_AHEAD rounds, whatever is asked', () => {
    const cycle = buildCycle(dialogue, [round(1, 'held', '2024-01-16')], NOW, { ahead: 1000 });
    expect(cycle.filter((e) => e.projected)).toHaveLength(MAX_AHEAD);
    expect(() => requireRecorded(cycle[1]!)).toThrow(expect.objectContaining({ code: 'round.only_projected' }));
  });

  it('held: never in the future, never before the last held, the same date twice is a no-op', () => {
    const last = round(1, 'held', '2024-01-16');
    const next = round(2, 'expected', null);
    expect(() => markHeld(next, '2023-12-31', NOW, last)).toThrow(
      expect.objectContaining({ code: 'round.held_before_last' }),
    );
    expect(() => markHeld(next, '2024-01-16', NOW, last)).toThrow(NoChange);
    expect(() => markHeld(next, '2025-07-02', NOW, last)).toThrow(
      expect.objectContaining({ code: 'round.held_in_future' }),
    );
    expect(markHeld(next, '2025-06-10', NOW, last)).toMatchObject({ state: 'held', date: '2025-06-10', year: 2025 });
  });

  it('asks first when held far from the scheduled date or within days of the last held round', () => {
    const scheduled = round(2, 'scheduled', '2025-05-14');
    const last = round(1, 'held', '2024-01-16');
    expect(heldConfirmations(scheduled, '2025-06-14', last, 1).map((r) => r.code)).toEqual(['held_far_from_scheduled']);
    expect(heldConfirmations(scheduled, '2025-06-13', last, 1)).toEqual([]);
    expect(heldConfirmations(round(2, 'expected', null), '2024-01-20', last, 1).map((r) => r.code)).toEqual([
      'held_soon_after_last',
    ]);
  });

  it('asks first on a weekend or a holiday of either side (the calendar is a parameter)', () => {
    const closed = new Set(['MX:2025-09-16']);
    const working = (date: string, country: string) => !closed.has(`${country}:${date}`);
    expect(scheduleConfirmations(dialogue, '2025-09-13', working).map((r) => r.code)).toEqual(['weekend']);
    expect(scheduleConfirmations(dialogue, '2025-09-16', working)).toEqual([
      { code: 'holiday', date: '2025-09-16', party: { code: 'MX', name: { en: 'Mexico', es: 'México' } } },
    ]);
    expect(scheduleConfirmations(dialogue, '2025-09-17', working)).toEqual([]);
  });

  it('refuses a date beyond the horizon, and the same schedule twice is a no-op', () => {
    const next = round(2, 'expected', null);
    expect(() => scheduleRound(next, { date: '2031-01-01', time: null, city: null }, NOW)).toThrow(
      expect.objectContaining({ code: 'date.too_far' }),
    );
    const scheduled = scheduleRound(next, { date: '2025-09-17', time: '10:00', city: null }, NOW);
    expect(() => scheduleRound(scheduled, { date: '2025-09-17', time: '10:00', city: null }, NOW)).toThrow(NoChange);
  });

  it('finds control characters (NUL and friends), not tabs or line breaks', () => {
    for (const bad of ['a\u0000b', '\u0007', '\u001b[0m', '\u007f', '\u0085']) expect(hasControlChars(bad)).toBe(true);
    for (const ok of ['plain', 'tab\there', 'line\nbreak\r\n', 'ñ “ ” —']) expect(hasControlChars(ok)).toBe(false);
    expect(() => requireCleanText('a\u0000')).toThrow(expect.objectContaining({ code: 'input.control_chars' }));
  });
});
