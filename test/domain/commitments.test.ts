import { describe, expect, it } from 'vitest';
import {
  type Commitment,
  changeStatus,
  isOpenCommitment,
  matchesFilter,
  normaliseCommitmentId,
} from '../../src/domain/commitments.js';
import { parseClockTime, parseIsoDate } from '../../src/domain/dates.js';

const base: Commitment = {
  dialogueId: 'mexico-uk',
  id: 'R1-7a',
  edition: 1,
  paragraph: '7',
  theme: 'gender-equality',
  text: 'agreed to exchange good practices',
  summary: null,
  status: 'not-started',
  owners: { MX: 'UANA', GB: null },
  dueDate: null,
  sequence: 0,
  createdAt: '',
  updatedAt: '',
};

describe('commitments', () => {
  it('normalises typed IDs so case does not matter', () => {
    expect(normaliseCommitmentId('r1-7A')).toBe('R1-7a');
    expect(normaliseCommitmentId(' a12 ')).toBe('A12');
    expect(normaliseCommitmentId('R10-12b')).toBe('R10-12b');
  });

  it('a status change to the same status is refused (so a double click changes nothing)', () => {
    expect(changeStatus(base, 'done').status).toBe('done');
    expect(() => changeStatus(base, 'not-started')).toThrow(
      expect.objectContaining({ code: 'commitment.same_status' }),
    );
  });

  it('filters by open, done, theme and owner', () => {
    const done = { ...base, id: 'R1-8', status: 'done' as const, theme: 'dialogue', owners: {} };
    expect([base, done].filter((c) => matchesFilter(c, { kind: 'open' })).map((c) => c.id)).toEqual(['R1-7a']);
    expect([base, done].filter((c) => matchesFilter(c, { kind: 'done' })).map((c) => c.id)).toEqual(['R1-8']);
    expect([base, done].filter((c) => matchesFilter(c, { kind: 'theme', theme: 'Dialogue' })).map((c) => c.id)).toEqual(
      ['R1-8'],
    );
    expect([base, done].filter((c) => matchesFilter(c, { kind: 'owner', userId: 'UANA' })).map((c) => c.id)).toEqual([
      'R1-7a',
    ]);
    expect(isOpenCommitment({ status: 'dropped' })).toBe(false);
  });
});

describe('strict dates and times', () => {
  it('rejects impossible dates', () => {
    expect(parseIsoDate('2025-02-30')).toBeNull();
    expect(parseIsoDate('2025-13-01')).toBeNull();
    expect(parseIsoDate('14/05/2025')).toBeNull();
    expect(parseIsoDate('2024-02-29')).toBe('2024-02-29');
  });

  it('accepts 24-hour times and normalises them', () => {
    expect(parseClockTime('9:05')).toBe('09:05');
    expect(parseClockTime('24:00')).toBeNull();
    expect(parseClockTime('10:60')).toBeNull();
  });
});
