import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandName } from '../../src/commands/router.js';
import type { Core } from '../../src/core.js';
import { renderText } from '../../src/presentation/reply.js';
import { listAuditEvents } from '../../src/store/audit.repository.js';
import { findCommitmentRow } from '../../src/store/commitments.repository.js';
import { listRoundRows } from '../../src/store/rounds.repository.js';
import { DIALECTS, openTestCore } from '../support/store.js';

const ANA = 'U0ANA';
const BEN = 'U0BEN';
const T0 = '2025-07-01T12:00:00Z';

describe.each(DIALECTS)('undo (%s)', (dialect) => {
  let core: Core;
  beforeEach(async () => {
    core = await openTestCore(dialect, { env: { EDITORS: `${ANA},${BEN}` }, tag: 'changes_undo' });
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
  const commitment = async (id: string) => (await findCommitmentRow(core.store.db, 'mexico-uk', id))!;
  const undoValue = (reply: { actions?: readonly { id: string; value: string }[] }) =>
    reply.actions?.find((a) => a.id === 'change.undo')?.value;

  it('/commitments undo reverses the caller’s last change, audited as a reversal of change N', async () => {
    const change = await ask('/commitments update R1-4 in-progress talks started');
    const value = undoValue(change.reply);
    expect(value).toMatch(/^mexico-uk\|\d+$/);
    const n = Number(value!.split('|')[1]);
    const undone = await ask('/commitments undo');
    expect(undone.reply.kind).toBe('change');
    expect(undone.text).toContain(`Undone: change #${n} has been reversed.`);
    expect(undone.text).toContain('status: in progress → not started');
    expect(undone.reply.announcement).toBeDefined();
    expect((await commitment('R1-4')).status).toBe('not-started');
    const audit = (await listAuditEvents(core.store.db, 'mexico-uk', 'commitment', 'R1-4')).filter(
      (e) => e.action === 'undo',
    );
    expect(audit.map((e) => [e.actor, e.field, e.from_value, e.to_value, Number(e.reverses)])).toEqual([
      [ANA, 'status', 'in-progress', 'not-started', n],
    ]);
    expect((await ask('/commitments history R1-4')).text).toContain(
      `undo of change #${n}: status: in progress → not started`,
    );
    // Undone once: there is nothing of Ana's left to undo.
    expect((await ask('/commitments undo')).text).toBe('You have no change of the last 24 hours to undo here.');
    // Naming it again: already undone.
    expect((await ask(`/commitments undo #${n}`)).text).toContain(`Change #${n} was already undone`);
  });

  it('only the author may undo, within 24 hours', async () => {
    const change = await ask('/commitments due R1-6 2025-09-30');
    const n = Number(undoValue(change.reply)!.split('|')[1]);
    const other = await ask(`/commitments undo #${n}`, BEN);
    expect(other.reply.kind).toBe('error');
    expect(other.text).toBe(`Change #${n} was made by @${ANA}: only they can undo it.`);
    const late = await ask(`/commitments undo #${n}`, ANA, '2025-07-02T12:00:01Z');
    expect(late.text).toContain(`Change #${n} is more than 24 hours old`);
    expect((await commitment('R1-6')).due_date).toBe('2025-09-30');
    expect((await ask(`/commitments undo #${n}`, ANA, '2025-07-02T11:59:00Z')).reply.kind).toBe('change');
    expect((await commitment('R1-6')).due_date).toBeNull();
  });

  it('is refused, with the reason, when a later change builds on it', async () => {
    const first = await ask('/commitments update R1-4 in-progress');
    const n = Number(undoValue(first.reply)!.split('|')[1]);
    const later = await ask('/commitments update R1-4 done', BEN);
    const m = Number(undoValue(later.reply)!.split('|')[1]);
    const refused = await ask(`/commitments undo #${n}`);
    expect(refused.reply.kind).toBe('error');
    expect(refused.text).toBe(
      `Change #${n} cannot be undone: change #${m} by @${BEN} (R1-4: status) was made after it and builds on it. Undo that one first.`,
    );
    expect((await commitment('R1-4')).status).toBe('done');
    // A later change to another field does not stand in the way; nor does a note.
    await ask('/commitments undo', BEN);
    await ask('/commitments due R1-4 2025-12-01', BEN);
    await ask('/commitments note R1-4 still on it', BEN);
    expect((await ask(`/commitments undo #${n}`)).reply.kind).toBe('change');
    expect((await commitment('R1-4')).status).toBe('not-started');
    expect((await commitment('R1-4')).due_date).toBe('2025-12-01');
  });

  it('a note is withdrawn, an added commitment removed', async () => {
    await ask('/commitments note R1-4 wrong commitment, sorry');
    const undone = await ask('/commitments undo');
    expect(undone.text).toContain('R1-4: the note is withdrawn.');
    expect((await ask('/commitments show R1-4')).text).not.toContain('wrong commitment');
    expect((await ask('/commitments history R1-4')).text).toContain('withdrawn');
    await ask('/commitments add Joint workshop');
    expect(await findCommitmentRow(core.store.db, 'mexico-uk', 'A1')).toBeDefined();
    expect((await ask('/commitments undo')).text).toContain('A1 is removed.');
    expect(await findCommitmentRow(core.store.db, 'mexico-uk', 'A1')).toBeUndefined();
  });

  it('/dialogue undo puts a round back, and edition numbers follow', async () => {
    await ask('/dialogue schedule 2025-09-17');
    await ask('/dialogue cancel visas --yes');
    expect((await ask('/dialogue next')).text).toContain('Next: round 2 ');
    const undone = await ask('/dialogue undo');
    expect(undone.text).toContain('Round 2 is back as it was.');
    expect(undone.text).toContain('state: cancelled → scheduled');
    const rows = await listRoundRows(core.store.db, 'mexico-uk');
    expect(rows.map((r) => [Number(r.edition), r.state, r.date, r.number])).toEqual([
      [1, 'held', '2024-01-16', 1],
      [2, 'scheduled', '2025-09-17', 2],
    ]);
    // Then the schedule: round 2 is expected again, with no date.
    await ask('/dialogue undo');
    expect((await listRoundRows(core.store.db, 'mexico-uk')).map((r) => [r.state, r.date])).toEqual([
      ['held', '2024-01-16'],
      ['expected', null],
    ]);
    // Holding a round that was only projected records it; undoing that removes the record again.
    await ask('/dialogue held 2025-06-10');
    await ask('/dialogue held 2026-06-10', ANA, '2026-07-01T12:00:00Z');
    expect((await listRoundRows(core.store.db, 'mexico-uk')).map((r) => Number(r.edition))).toEqual([1, 2, 3]);
    expect((await ask('/dialogue undo', ANA, '2026-07-01T13:00:00Z')).text).toContain('Undone');
    expect((await listRoundRows(core.store.db, 'mexico-uk')).map((r) => Number(r.edition))).toEqual([1, 2]);
    // A change to the cycle is not undone past a later one by someone else.
    await ask('/dialogue schedule 2025-09-17');
    await ask('/dialogue schedule 2025-09-18', BEN);
    expect((await ask('/dialogue undo')).text).toContain('cannot be undone');
  });

  it('a /commitments undo does not reach a change to the cycle, and a reader may not undo', async () => {
    await ask('/dialogue schedule 2025-09-17');
    expect((await ask('/commitments undo')).text).toBe('You have no change of the last 24 hours to undo here.');
    expect((await ask('/dialogue undo', 'U0READER')).reply.kind).toBe('refusal');
    expect((await ask('/dialogue undo nonsense')).text).toContain('Usage: /dialogue undo');
  });
});
