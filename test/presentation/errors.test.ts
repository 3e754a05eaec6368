import { describe, expect, it } from 'vitest';
import { DomainError, type DomainErrorCode, type DomainErrorParams } from '../../src/domain/errors.js';
import { LANGS } from '../../src/domain/types.js';
import { errorReply, errorText } from '../../src/presentation/errors.js';

/** One sample per code: the compiler makes sure no code is left out and each has its own parameters. */
const SAMPLES: { readonly [C in DomainErrorCode]: DomainErrorParams[C] } = {
  'round.already_held': { edition: 2 },
  'round.cancelled': { edition: 2 },
  'round.held_needs_date': { edition: 2 },
  'round.held_in_future': { date: '2031-05-14' },
  'date.in_past': { date: '2020-01-02' },
  'round.already_postponed': { edition: 2 },
  'round.already_cancelled': { edition: 2 },
  'commitment.not_found': { id: 'R9-99' },
  'commitment.same_status': { id: 'R1-7a', status: 'in-progress' },
  'commitment.empty_text': {},
  'commitment.unknown_party': { side: 'fr', sides: 'mx|uk' },
  'commitment.side_required': { id: 'R1-7a', example: 'mx' },
  'dialogue.not_found': { id: 'nope' },
  'dialogue.ambiguous': { ids: 'mexico-uk, japan-china' },
  'auth.not_editor': {},
  'input.control_chars': {},
  'round.held_before_last': { date: '2023-01-01', last: '2024-01-16', edition: 1 },
  'round.only_projected': { edition: 3, year: 2026 },
  'date.too_far': { date: '2040-01-01', years: 5 },
  'change.collided': {
    target: { commitment: 'R1-4' },
    actor: 'UBEN',
    action: 'status',
    fields: [
      { field: 'status', value: 'not-started' },
      { field: 'owner:mx', value: 'UANA' },
    ],
  },
  'undo.nothing': {},
  'undo.not_found': { id: 41 },
  'undo.not_author': { id: 12, actor: 'UBEN' },
  'undo.too_old': { id: 12 },
  'undo.already': { id: 12 },
  'undo.depends': { id: 12, later: 14, actor: 'UBEN', target: { round: 3 }, action: 'postpone', fields: ['state'] },
  'undo.changed_since': { id: 12, target: { commitment: 'R1-4' }, field: 'due_date' },
  'page.already_revoked': { label: 'minister', actor: 'UBEN', change: 17 },
};

const CODES = Object.keys(SAMPLES) as DomainErrorCode[];

/** Builds any code's error from its sample (the loop cannot name each code's type). */
const errorOf = (code: DomainErrorCode): DomainError =>
  new (DomainError as unknown as new (c: DomainErrorCode, p: object) => DomainError)(code, SAMPLES[code]);

describe('errorText: every domain error in words', () => {
  it.each(CODES.flatMap((code) => LANGS.map((lang) => [code, lang] as const)))(
    '%s in %s: a sentence with every parameter filled in',
    (code, lang) => {
      const text = errorText(errorOf(code), lang);
      expect(text.trim().length).toBeGreaterThan(10);
      expect(text).not.toMatch(/undefined|null|NaN|\[object|\$\{|\{[a-z]+\}/);
      // Every parameter the message uses is the sample's own value (a number or a word from it);
      // codes (a status, an action, a field) are worded instead, never shown as they are.
      for (const [key, value] of Object.entries(SAMPLES[code]) as [string, unknown][]) {
        if (typeof value !== 'string' && typeof value !== 'number') continue;
        if (['status', 'action', 'field'].includes(key) || code === 'round.held_needs_date') continue;
        expect(text).toContain(typeof value === 'number' ? String(value) : value.split('|')[0]!);
      }
      expect(text).not.toMatch(/in-progress|not-started|due_date|owner:mx/);
    },
  );

  it('says each error differently in English and Spanish', () => {
    for (const code of CODES) expect(errorText(errorOf(code), 'es')).not.toBe(errorText(errorOf(code), 'en'));
  });

  it('a reply: a refusal when the user may not, an error in what was asked otherwise', () => {
    expect(errorReply(new DomainError('auth.not_editor'), 'en')).toMatchObject({ kind: 'refusal' });
    const reply = errorReply(new DomainError('commitment.not_found', { id: 'R9-99' }), 'es');
    expect(reply).toEqual({
      kind: 'error',
      summary: 'No existe el compromiso “R9-99”. Vea los ID con /commitments list all.',
      blocks: [{ type: 'text', text: 'No existe el compromiso “R9-99”. Vea los ID con /commitments list all.' }],
    });
  });

  it('a viewer link already revoked, with no change on record to name: said plainly, EN and ES', () => {
    const e = new DomainError('page.already_revoked', { label: 'press', actor: null, change: null });
    expect(errorText(e, 'en')).toBe(
      'The viewer address “press” was already revoked, so there was nothing left to revoke; nothing changed.',
    );
    expect(errorText(e, 'es')).toBe(
      'La dirección de consulta “press” ya estaba revocada, por lo que no quedaba nada que revocar; no cambió nada.',
    );
  });

  it('checks a code and its parameters together at compile time', () => {
    // @ts-expect-error undo.not_found needs the change's number
    expect(() => new DomainError('undo.not_found')).not.toThrow();
    // @ts-expect-error a change number is a number, not text
    expect(new DomainError('undo.not_found', { id: 'x' }).code).toBe('undo.not_found');
    // @ts-expect-error dialogue.not_found has no `edition`
    expect(new DomainError('dialogue.not_found', { edition: 2 }).code).toBe('dialogue.not_found');
    const e = new DomainError('undo.depends', {
      id: 1,
      later: 2,
      actor: 'U',
      target: { commitment: 'R1-4' },
      action: 'status',
      fields: ['status'],
    });
    const later: number = e.params.later;
    expect(later).toBe(2);
    expect(new DomainError('auth.not_editor').params).toEqual({});
  });
});
