import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandName } from '../../src/commands/router.js';
import type { Core } from '../../src/core.js';
import { isDomainError } from '../../src/domain/errors.js';
import type { Lang } from '../../src/domain/types.js';
import { errorText } from '../../src/presentation/errors.js';
import { renderText } from '../../src/presentation/reply.js';
import { ConcurrentChange } from '../../src/services/context.js';
import { openTestCore } from '../support/store.js';

/**
 * Errors about changes speak the reader's language: a status or a round's
 * state in words, fields by their names, a round as "round 2" / "la ronda 2"
 * — never the change log's codes (`in-progress`, `due_date`, `owner:mx`).
 */

const ANA = 'U0ANA';
const BEN = 'U0BEN';
const T0 = '2025-07-01T12:00:00Z';
/** What the store and the change log call things; none of it is for people to read. */
const CODES = /in-progress|not-started|due_date|owner:|endTime|page-(?:share|revoke|reset)|viewer:/;

describe('error messages about changes name things in words, in English and Spanish', () => {
  let core: Core;
  beforeEach(async () => {
    core = await openTestCore('sqlite', { env: { EDITORS: `${ANA},${BEN}` }, tag: 'error_words' });
  });
  afterEach(async () => {
    await core.close();
  });

  const ask = async (line: string, userId = ANA, at = T0) => {
    const parsed = core.router.parseLine(line)!;
    const reply = await core.router.handle({
      command: parsed.command as CommandName,
      text: parsed.text,
      userId,
      channelId: 'C0CHAN',
      now: new Date(at),
    });
    return { reply, text: renderText(reply) };
  };
  const changeNo = (reply: { actions?: readonly { id: string; value: string }[] }) =>
    Number(reply.actions?.find((a) => a.id === 'change.undo')?.value.split('|')[1]);
  /** The words of the error a piece of work fails with, in each language. */
  const wordsOf = async (work: Promise<unknown>): Promise<Record<Lang, string>> => {
    const error = await work.then(
      () => null,
      (e: unknown) => e,
    );
    if (!isDomainError(error)) throw new Error(`expected a domain error, got ${String(error)}`);
    return { en: errorText(error, 'en'), es: errorText(error, 'es') };
  };

  it('a status set twice: “already in progress” / “ya está en curso”, not the code', async () => {
    await ask('/commitments update R1-4 in-progress');
    const en = await ask('/commitments update R1-4 in-progress');
    expect(en.reply.kind).toBe('error');
    expect(en.text).toBe('R1-4 is already in progress; nothing changed.');
    await ask('/dialogue lang es', BEN);
    const es = await ask('/commitments update R1-4 en-curso', BEN);
    expect(es.text).toBe('R1-4 ya está en curso; no cambió nada.');
  });

  it('an undo another change builds on names the field, and a round as people say it', async () => {
    await ask('/dialogue lang es');
    const first = await ask('/commitments update R1-4 in-progress');
    const later = await ask('/commitments due R1-4 2025-12-01', BEN);
    await ask('/commitments update R1-4 done', BEN);
    expect(changeNo(later.reply)).toBeGreaterThan(0);
    const refused = await ask(`/commitments undo #${changeNo(first.reply)}`);
    expect(refused.reply.kind).toBe('error');
    expect(refused.text).toContain(`de @${BEN} (R1-4: estado), que depende de él`);
    expect(refused.text).not.toMatch(CODES);

    const scheduled = await ask('/dialogue schedule 2025-09-17 --yes');
    expect(scheduled.reply.kind).toBe('change');
    await ask('/dialogue postpone diaries clash --yes', BEN);
    const round = await ask(`/dialogue undo #${changeNo(scheduled.reply)}`);
    expect(round.text).toContain(`de @${BEN} (la ronda 2: estado, motivo), que depende de él`);
    expect(round.text).not.toMatch(/\bround\b|\breason\b|\bstate\b/);
  });

  it('an undo of a record changed outside the change log names what changed', async () => {
    const status = await ask('/commitments due R1-4 2025-12-01');
    await core.store.db
      .updateTable('commitments')
      .set({ due_date: '2026-01-15' })
      .where('dialogue_id', '=', 'mexico-uk')
      .where('id', '=', 'R1-4')
      .execute();
    const words = await wordsOf(
      core.services.undo.undo('mexico-uk', ANA, 'commitment', changeNo(status.reply), new Date(T0)),
    );
    expect(words.en).toContain('cannot be undone: R1-4 (due date) has been changed since');
    expect(words.es).toContain('no se puede deshacer: R1-4 (fecha límite) cambió desde entonces');
  });

  it('a change that keeps colliding says who changed what and how it is now, in words', async () => {
    await core.services.commitments.updateStatus('mexico-uk', BEN, 'R1-4', 'in-progress', null, new Date(T0));
    const collide = (entity: 'commitment' | 'round', entityId: string) =>
      core.services.ctx.change('mexico-uk', T0, async () => {
        throw new ConcurrentChange({ entity, entityId });
      });
    const commitment = await wordsOf(collide('commitment', 'R1-4'));
    expect(commitment.en).toContain(`@${BEN} changed R1-4 (status) just now`);
    expect(commitment.en).toContain('It is now: status: in progress.');
    expect(commitment.es).toContain(`@${BEN} acaba de cambiar R1-4 (estado)`);
    expect(commitment.es).toContain('Ahora está así: estado: en curso.');

    await core.services.cycle.schedule('mexico-uk', BEN, { date: '2025-09-17', time: null, city: null }, new Date(T0), {
      confirmed: true,
    });
    const [round] =
      (await core.store.db.selectFrom('rounds').select('edition').where('state', '=', 'scheduled').execute()) ?? [];
    const words = await wordsOf(collide('round', String(round!.edition)));
    expect(words.en).toMatch(new RegExp(`@${BEN} changed round 2 \\(state, date[^)]*\\) just now`));
    expect(words.en).toContain('state: scheduled, date: 17 September 2025');
    expect(words.es).toMatch(new RegExp(`@${BEN} acaba de cambiar la ronda 2 \\(estado, fecha[^)]*\\)`));
    expect(words.es).toContain('estado: programada, fecha: 17 de septiembre de 2025');
    for (const text of [...Object.values(commitment), ...Object.values(words)]) expect(text).not.toMatch(CODES);
  });
});
