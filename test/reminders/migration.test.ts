import { describe, expect, it } from 'vitest';
import { rekey } from '../../src/store/migrations/20261202_0011_reminder_occurrence.js';

describe('migration 20261202_0011: existing reminder keys get the date they announced', () => {
  const rounds = new Map([['mexico-uk:2', '2025-03-12']]);
  const dues = new Map<string, string | null>([
    ['mexico-uk:R1-6', '2024-09-30'],
    ['mexico-uk:R1-4', null],
  ]);

  it('round offsets, follow-ups and commitment DMs are re-keyed to the current date; others untouched', () => {
    expect(rekey('round:mexico-uk:2:T-30', rounds, dues)).toBe('round:mexico-uk:2@2025-03-12:T-30');
    expect(rekey('followup:mexico-uk:2', rounds, dues)).toBe('followup:mexico-uk:2@2025-03-12');
    expect(rekey('commitment:mexico-uk:R1-6:T-14:U0MX', rounds, dues)).toBe(
      'commitment:mexico-uk:R1-6@2024-09-30:T-14:U0MX',
    );
    expect(rekey('commitment:mexico-uk:R1-4:T-1:channel', rounds, dues)).toBe(
      'commitment:mexico-uk:R1-4@unknown:T-1:channel',
    );
    expect(rekey('round:mexico-uk:9:T-1', rounds, dues)).toBe('round:mexico-uk:9@unknown:T-1');
    expect(rekey('digest:mexico-uk:2024-W29', rounds, dues)).toBeNull();
    expect(rekey('expected:mexico-uk:2:2024-07', rounds, dues)).toBeNull();
    expect(rekey('round:mexico-uk:2@2025-03-12:T-30', rounds, dues)).toBeNull(); // already new
  });
});
