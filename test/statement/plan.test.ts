import { describe, expect, it } from 'vitest';
import type { Round } from '../../src/domain/cycle.js';
import { parseStatement } from '../../src/domain/statement/parse.js';
import { heldFromStatement, type ImportState, planImport } from '../../src/domain/statement/plan.js';
import { testConfig } from '../support/store.js';
import { fixture } from './support.js';

const dialogue = testConfig().dialogues[0]!.dialogue;
const NOW = new Date('2025-06-01T09:00:00Z');

function round(edition: number, over: Partial<Round> = {}): Round {
  return {
    dialogueId: dialogue.id,
    edition,
    year: 2023 + edition,
    host: edition % 2 === 1 ? 'MX' : 'GB',
    state: 'expected',
    date: null,
    time: null,
    timezone: edition % 2 === 1 ? 'America/Mexico_City' : 'Europe/London',
    city: null,
    reason: null,
    hostInferred: null,
    sequence: 0,
    updatedAt: '2024-01-01T00:00:00Z',
    ...over,
  };
}

const held1 = round(1, { state: 'held', date: '2024-01-16' });
const state = (rounds: Round[]): ImportState => ({ dialogue, rounds, commitments: [], delegates: new Map() });

describe('planning an import (pure)', () => {
  it('holds the expected round where it met, and clears an inferred host once the place says who hosted', () => {
    const inferred = round(2, { hostInferred: 'alternation' });
    const { plan, problems } = planImport(
      parseStatement(fixture('mexico-uk-2025-second-round.txt')),
      state([held1, inferred]),
      NOW,
    );
    expect(problems).toEqual([]);
    expect(plan).toMatchObject({ edition: 2, host: 'GB', hostStated: true, city: 'London', roundAction: 'hold' });
    const after = heldFromStatement(
      dialogue,
      inferred,
      { date: '2025-05-14', host: 'GB', city: 'London', hostStated: true },
      NOW,
    );
    expect(after).toMatchObject({ state: 'held', date: '2025-05-14', hostInferred: null, timezone: 'Europe/London' });
  });

  it('moves the host when the statement says it met in the other capital', () => {
    const text = fixture('mexico-uk-2025-second-round.txt').replace(
      'in London on 14 May 2025',
      'in Mexico City on 14 May 2025',
    );
    const { plan, notes } = planImport(parseStatement(text), state([held1, round(2)]), NOW);
    expect(plan).toMatchObject({ host: 'MX', city: 'Mexico City' });
    expect(notes).toContainEqual({ code: 'round.host_from_place', params: { place: 'Mexico City', host: 'MX' } });
  });

  it('materialises a projected round when nothing is recorded for it yet', () => {
    const { plan } = planImport(parseStatement(fixture('mexico-uk-2025-second-round.txt')), state([held1]), NOW);
    expect(plan).toMatchObject({
      edition: 2,
      roundAction: 'hold',
      nextRound: { edition: 3, host: 'MX', year: 2026, action: 'record' },
      upcoming: { edition: 3, host: 'MX', year: 2026 },
    });
  });

  it('updates an expected next round when the statement names another year', () => {
    const text = fixture('mexico-uk-2025-second-round.txt').replace('in Mexico in 2026', 'in Mexico in 2027');
    const { plan } = planImport(parseStatement(text), state([held1, round(2), round(3, { year: 2026 })]), NOW);
    expect(plan?.nextRound).toMatchObject({ edition: 3, host: 'MX', year: 2027, action: 'update' });
  });

  it('refuses a cancelled round', () => {
    const { plan, problems } = planImport(
      parseStatement(fixture('mexico-uk-2025-second-round.txt')),
      state([held1, round(2, { state: 'cancelled' })]),
      NOW,
    );
    expect(plan).toBeNull();
    expect(problems).toEqual([{ code: 'round.cancelled', params: { edition: 2 } }]);
  });

  it('judges "not in the future" by the host’s calendar, on both sides of London’s clock change', () => {
    const statement = (date: string) =>
      parseStatement(`Mexico and the United Kingdom held the second round of their Dialogue in London on ${date}.`);
    const codes = (date: string, now: string) =>
      planImport(statement(date), state([held1, round(2)]), new Date(now)).problems.map((p) => p.code);
    // Summer (BST, UTC+1): at 23:30 UTC it is already the next day in London.
    expect(codes('14 May 2025', '2025-05-13T23:30:00Z')).toEqual([]);
    expect(codes('14 May 2025', '2025-05-13T22:30:00Z')).toEqual(['statement.date_in_future']);
    // Winter (GMT, UTC+0): at 23:30 UTC it is still the same day in London.
    expect(codes('15 January 2025', '2025-01-14T23:30:00Z')).toEqual(['statement.date_in_future']);
    expect(codes('15 January 2025', '2025-01-15T00:00:00Z')).toEqual([]);
  });

  it('judges a round hosted in Mexico City by its calendar (UTC−6 all year, no DST)', () => {
    const text = 'Mexico and the United Kingdom held the third round of their Dialogue in Mexico City on 10 July 2026.';
    const rounds = [held1, round(2, { state: 'held', date: '2025-05-14', city: 'London' }), round(3)];
    const codes = (now: string) =>
      planImport(parseStatement(text), state(rounds), new Date(now)).problems.map((p) => p.code);
    expect(codes('2026-07-10T05:30:00Z')).toEqual(['statement.date_in_future']);
    expect(codes('2026-07-10T06:00:00Z')).toEqual([]);
  });

  it('starts the record of a dialogue with nothing recorded at the statement’s own edition', () => {
    const party = (code: string, en: string, zone: string, capital: string) => ({
      code,
      name: { en, es: en },
      aliases: [],
      timezone: zone,
      capital: { en: capital, es: capital },
    });
    const iranChina = {
      ...dialogue,
      id: 'iran-china',
      parties: [
        party('IR', 'Iran', 'Asia/Tehran', 'Tehran'),
        party('CN', 'China', 'Asia/Shanghai', 'Beijing'),
      ] as const,
    };
    const { plan, problems } = planImport(
      parseStatement(fixture('iran-china-2012-roman.txt')),
      { dialogue: iranChina, rounds: [], commitments: [], delegates: new Map() },
      NOW,
    );
    expect(problems).toEqual([]);
    expect(plan).toMatchObject({
      edition: 12,
      date: '2012-11-19',
      host: 'IR',
      city: 'Tehran',
      delegatesAction: 'record',
      nextRound: { edition: 13, host: 'CN', year: 2013, action: 'record' },
      upcoming: { edition: 13, host: 'CN', year: 2013 },
    });
    expect(plan!.commitments.map((c) => c.id)).toEqual(['R12-4', 'R12-5']);
    expect(plan!.delegates.map((d) => [d.party, d.name])).toEqual([
      ['IR', 'Reza Karimi'],
      ['CN', 'Li Wen'],
    ]);
  });

  it('reads "met today" as the day of publication', () => {
    const parsed = parseStatement(
      'Joint statement\n\nPublished 14 May 2025\n\nMexico and the United Kingdom met today in London for the second round of their Dialogue. They agreed to meet every year.',
    );
    expect(parsed.meeting).toEqual({ date: '2025-05-14', place: 'London', edition: 'second' });
  });
});
