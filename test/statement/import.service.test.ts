import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/core.js';
import type { ChangeEvent } from '../../src/services/context.js';
import { ImportRefused } from '../../src/services/import.service.js';
import { listAuditEvents } from '../../src/store/audit.repository.js';
import { insertCommitmentRow } from '../../src/store/commitments.repository.js';
import { DIALECTS, openTestCore } from '../support/store.js';
import { fixture, seedStatement } from './support.js';

const EDITOR = 'ULOCAL';
const AFTER_ROUND_2 = new Date('2025-06-01T09:00:00Z');
const ROUND_2 = fixture('mexico-uk-2025-second-round.txt');

async function snapshot(core: Core) {
  const db = core.store.db;
  const audit = await db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  const revision = await db
    .selectFrom('dialogues')
    .select('revision')
    .where('id', '=', 'mexico-uk')
    .executeTakeFirstOrThrow();
  return {
    rounds: await core.services.cycle.rounds('mexico-uk'),
    commitments: (await core.services.commitments.list('mexico-uk')).map((c) => c.id),
    delegates2: await core.services.cycle.delegates('mexico-uk', 2),
    audit: Number(audit.n),
    revision: Number(revision.revision),
  };
}

describe.each(DIALECTS)('importing a joint statement on %s', (dialect) => {
  let core: Core;
  beforeEach(async () => {
    core = await openTestCore(dialect, { now: new Date('2024-06-01T12:00:00Z'), tag: 'statement_import' });
  });
  afterEach(async () => {
    await core.close();
  });

  it('only reads and proposes without a dialogue', async () => {
    const before = await snapshot(core);
    const proposal = await core.services.imports.propose(ROUND_2, null, AFTER_ROUND_2);
    expect(proposal).toMatchObject({ dialogueId: null, plan: null, problems: [] });
    expect(proposal.json.meeting).toEqual({ date: '2025-05-14', place: 'London', edition: 'second' });
    expect(await snapshot(core)).toEqual(before);
  });

  it('finds the seed statement already recorded: the proposal changes nothing, and applying it neither', async () => {
    const before = await snapshot(core);
    const proposal = await core.services.imports.propose(seedStatement(), 'mexico-uk', AFTER_ROUND_2);
    expect(proposal.problems).toEqual([]);
    expect(proposal.plan).toMatchObject({
      edition: 1,
      roundAction: 'unchanged',
      delegatesAction: 'unchanged',
      nextRound: { edition: 2, host: 'GB', year: 2025, action: 'unchanged' },
      noop: true,
    });
    expect(proposal.plan!.commitments.every((c) => !c.isNew)).toBe(true);
    const result = await core.services.imports.apply('mexico-uk', EDITOR, seedStatement(), AFTER_ROUND_2);
    expect(result.changed).toBe(false);
    expect(await snapshot(core)).toEqual(before);
  });

  it('records round 2 as held with its delegates, new commitments and round 3 expected in Mexico, in one audited change', async () => {
    const events: ChangeEvent[] = [];
    core.services.ctx.onChange((e) => events.push(e));
    const before = await snapshot(core);
    const result = await core.services.imports.apply('mexico-uk', EDITOR, ROUND_2, AFTER_ROUND_2);
    expect(result.changed).toBe(true);

    const rounds = await core.services.cycle.rounds('mexico-uk');
    expect(rounds.find((r) => r.edition === 2)).toMatchObject({
      state: 'held',
      date: '2025-05-14',
      host: 'GB',
      city: 'London',
      year: 2025,
      timezone: 'Europe/London',
      sequence: 1,
    });
    expect(rounds.find((r) => r.edition === 3)).toMatchObject({ state: 'expected', host: 'MX', year: 2026 });
    const sources = await core.store.db
      .selectFrom('rounds')
      .select(['edition', 'source'])
      .where('dialogue_id', '=', 'mexico-uk')
      .orderBy('edition')
      .execute();
    expect(sources.map((r) => r.source)).toEqual([
      'joint statement, paragraphs 1–2',
      'joint statement: Mexico and the United Kingdom hold second Multilateral and Human Rights Dialogue',
      'joint statement: “The third Dialogue is expected to take place in Mexico in 2026.”',
    ]);
    const view = await core.services.cycle.view('mexico-uk', AFTER_ROUND_2);
    expect(view.next).toMatchObject({ edition: 3, host: 'MX', year: 2026, projected: false });
    expect(view.lastHeld).toMatchObject({ edition: 2, date: '2025-05-14' });

    const delegates = await core.services.cycle.delegates('mexico-uk', 2);
    expect(delegates.map((d) => [d.party, d.name, d.lead])).toEqual([
      ['GB', 'Harriet Cole', true],
      ['GB', 'Tomás Whitfield', false],
      ['MX', 'Lucía Ortega Ramírez', true],
      ['MX', 'Andrés Salgado Peña', false],
      ['MX', 'Itzel Marín del Valle', false],
    ]);

    const added = (await core.services.commitments.list('mexico-uk')).filter((c) => c.edition === 2);
    expect(added.map((c) => [c.id, c.paragraph, c.status, c.theme])).toEqual([
      ['R2-5', '5', 'not-started', 'human-rights'],
      ['R2-7', '7', 'not-started', 'human-rights'],
      ['R2-8a', '8', 'not-started', 'gender-equality'],
      ['R2-8b', '8', 'not-started', 'gender-equality'],
      ['R2-8c', '8', 'not-started', 'gender-equality'],
      ['R2-9', '9', 'not-started', 'dialogue'],
    ]);

    const after = await snapshot(core);
    expect(after.revision).toBe(before.revision + 1);
    const roundAudit = await listAuditEvents(core.store.db, 'mexico-uk', 'round', '2');
    expect(
      roundAudit.filter((a) => a.actor === EDITOR).map((a) => [a.action, a.field, a.from_value, a.to_value]),
    ).toEqual([
      ['import', 'state', 'expected', 'held'],
      ['import', 'date', null, '2025-05-14'],
      ['import', 'city', null, 'London'],
      ['import', 'delegates', null, '5'],
    ]);
    const created = await listAuditEvents(core.store.db, 'mexico-uk', 'commitment', 'R2-8b');
    expect(created).toMatchObject([{ action: 'created', actor: EDITOR, at: AFTER_ROUND_2.toISOString() }]);
    expect(events.map((e) => `${e.entity}:${e.entityId}:${e.action}`)).toEqual([
      'round:2:held',
      'commitment:R2-5:created',
      'commitment:R2-7:created',
      'commitment:R2-8a:created',
      'commitment:R2-8b:created',
      'commitment:R2-8c:created',
      'commitment:R2-9:created',
      'round:3:expected',
    ]);
  });

  it('changes nothing when the same statement is imported a second time, and says so', async () => {
    await core.services.imports.apply('mexico-uk', EDITOR, ROUND_2, AFTER_ROUND_2);
    const before = await snapshot(core);
    const proposal = await core.services.imports.propose(ROUND_2, 'mexico-uk', new Date('2025-07-01T00:00:00Z'));
    expect(proposal.plan).toMatchObject({ noop: true, roundAction: 'unchanged', delegatesAction: 'unchanged' });
    const again = await core.services.imports.apply('mexico-uk', EDITOR, ROUND_2, new Date('2025-07-01T00:00:00Z'));
    expect(again.changed).toBe(false);
    expect(await snapshot(core)).toEqual(before);
  });

  it('without a next-meeting sentence or an edition, holds the next open round and projects round 3 to Mexico', async () => {
    const text = ROUND_2.replace('The third Dialogue is expected to take place in Mexico in 2026.', '')
      .replace('The second Multilateral', 'The Multilateral')
      .replace('hold second', 'hold');
    const result = await core.services.imports.apply('mexico-uk', EDITOR, text, AFTER_ROUND_2);
    expect(result.plan).toMatchObject({
      edition: 2,
      nextRound: null,
      upcoming: { edition: 3, host: 'MX', year: 2026 },
    });
    const rounds = await core.services.cycle.rounds('mexico-uk');
    expect(rounds.map((r) => r.edition)).toEqual([1, 2]);
    const view = await core.services.cycle.view('mexico-uk', AFTER_ROUND_2);
    expect(view.next).toMatchObject({ edition: 3, host: 'MX', projected: true });
  });

  it('records a round the store does not hold yet (round 3 after a statement that named no next meeting)', async () => {
    const withoutNext = ROUND_2.replace('The third Dialogue is expected to take place in Mexico in 2026.', '');
    await core.services.imports.apply('mexico-uk', EDITOR, withoutNext, AFTER_ROUND_2);
    const round3 = ROUND_2.replace(/second/g, 'third')
      .replace('in London on 14 May 2025', 'in Mexico City on 10 June 2026')
      .replace('Published 16 May 2025', 'Published 12 June 2026')
      .replace('The third Dialogue is expected to take place in Mexico in 2026.', '');
    const result = await core.services.imports.apply('mexico-uk', EDITOR, round3, new Date('2026-07-01T00:00:00Z'));
    expect(result.plan).toMatchObject({ edition: 3, host: 'MX', roundAction: 'hold' });
    expect((await core.services.cycle.rounds('mexico-uk')).find((r) => r.edition === 3)).toMatchObject({
      state: 'held',
      date: '2026-06-10',
      host: 'MX',
      city: 'Mexico City',
      timezone: 'America/Mexico_City',
    });
    expect((await core.services.commitments.list('mexico-uk')).filter((c) => c.edition === 3).map((c) => c.id)).toEqual(
      ['R3-5', 'R3-7', 'R3-8a', 'R3-8b', 'R3-8c', 'R3-9'],
    );
    const view = await core.services.cycle.view('mexico-uk', new Date('2026-07-01T00:00:00Z'));
    expect(view.next).toMatchObject({ edition: 4, host: 'GB', projected: true });
  });

  it.each([
    ['an empty text', '   \n', 'statement.empty'],
    ['a text with no date', fixture('no-date.txt'), 'statement.no_date'],
    ['a statement between other parties', fixture('japan-eu-2025-we-voice.txt'), 'statement.parties_mismatch'],
  ])('refuses %s and records nothing', async (_what, text, code) => {
    const before = await snapshot(core);
    const error = await core.services.imports.apply('mexico-uk', EDITOR, text, AFTER_ROUND_2).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportRefused);
    expect((error as ImportRefused).proposal.problems.map((p) => p.code)).toEqual([code]);
    expect(await snapshot(core)).toEqual(before);
  });

  it('refuses a meeting date still in the future, a round held on another day, and a non-editor', async () => {
    const before = await snapshot(core);
    await expect(
      core.services.imports.apply('mexico-uk', EDITOR, ROUND_2, new Date('2025-05-13T12:00:00Z')),
    ).rejects.toMatchObject({ proposal: { problems: [{ code: 'statement.date_in_future' }] } });
    const otherDay = seedStatement().replace('On 16 January 2024', 'On 17 January 2024');
    await expect(core.services.imports.apply('mexico-uk', EDITOR, otherDay, AFTER_ROUND_2)).rejects.toMatchObject({
      proposal: { problems: [{ code: 'round.held_on_other_date', params: { edition: 1, recorded: '2024-01-16' } }] },
    });
    await expect(core.services.imports.apply('mexico-uk', 'UNOBODY', ROUND_2, AFTER_ROUND_2)).rejects.toMatchObject({
      code: 'auth.not_editor',
    });
    expect(await snapshot(core)).toEqual(before);
  });

  it('refuses a statement whose edition is ahead of the next open round', async () => {
    const ahead = ROUND_2.replace(/second/g, 'fourth').replace('The third Dialogue', 'The fifth Dialogue');
    const proposal = await core.services.imports.propose(ahead, 'mexico-uk', AFTER_ROUND_2);
    expect(proposal.problems).toEqual([{ code: 'statement.edition_ahead', params: { edition: 4, open: 2 } }]);
  });

  it('rolls everything back when a commitment ID is already taken by other words', async () => {
    await insertCommitmentRow(core.store.db, {
      dialogue_id: 'mexico-uk',
      id: 'R2-7',
      edition: 2,
      paragraph: '7',
      theme: 'general',
      text: 'Something else entirely.',
      summary_en: null,
      summary_es: null,
      status: 'not-started',
      owners: '{}',
      due_date: null,
      sequence: 0,
      created_at: AFTER_ROUND_2.toISOString(),
      updated_at: AFTER_ROUND_2.toISOString(),
    });
    const before = await snapshot(core);
    await expect(core.services.imports.apply('mexico-uk', EDITOR, ROUND_2, AFTER_ROUND_2)).rejects.toMatchObject({
      proposal: { problems: [{ code: 'commitment.conflict', params: { id: 'R2-7' } }] },
    });
    expect(await snapshot(core)).toEqual(before);
    expect((await core.services.cycle.rounds('mexico-uk')).find((r) => r.edition === 2)?.state).toBe('expected');
  });

  it('completes a round already marked held on the same day with what the statement adds', async () => {
    await core.services.cycle.held('mexico-uk', EDITOR, '2025-05-14', AFTER_ROUND_2);
    const result = await core.services.imports.apply('mexico-uk', EDITOR, ROUND_2, AFTER_ROUND_2);
    expect(result.plan).toMatchObject({ roundAction: 'unchanged', delegatesAction: 'record' });
    expect(await core.services.cycle.delegates('mexico-uk', 2)).toHaveLength(5);
    expect((await core.services.commitments.list('mexico-uk')).filter((c) => c.edition === 2)).toHaveLength(6);
  });
});
