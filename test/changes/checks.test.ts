import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import type { CommandName } from '../../src/commands/router.js';
import type { Core } from '../../src/core.js';
import { renderText } from '../../src/presentation/reply.js';
import { listAuditEvents } from '../../src/store/audit.repository.js';
import { findCommitmentRow } from '../../src/store/commitments.repository.js';
import { listRoundRows } from '../../src/store/rounds.repository.js';
import { captureIo } from '../support/cli.js';
import { DIALECTS, openTestCore, REPO } from '../support/store.js';

const EDITOR = 'U0EDITOR';

describe.each(DIALECTS)('checks that match how dialogues work (%s)', (dialect) => {
  let core: Core;
  beforeEach(async () => {
    core = await openTestCore(dialect, { env: { EDITORS: EDITOR }, tag: 'changes_checks' });
  });
  afterEach(async () => {
    await core.close();
  });

  const ask = async (line: string, at = '2025-07-01T12:00:00Z', userId = EDITOR) => {
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
  const rounds = async () =>
    (await listRoundRows(core.store.db, 'mexico-uk')).map((r) => [Number(r.edition), r.state, r.date, r.number]);

  it('the same outcome twice is a no-op that says so', async () => {
    const first = await ask('/dialogue held 2025-06-10');
    expect(first.reply.kind).toBe('change');
    expect(first.text).toContain('Round 2 recorded as held on 10 June 2025');
    const before = await rounds();
    const again = await ask('/dialogue held 2025-06-10');
    expect(again.reply.kind).toBe('answer');
    expect(again.text).toBe('Round 2 was already recorded as held on 10 June 2025; nothing changed.');
    expect(await rounds()).toEqual(before);
  });

  it('a held date before the last round held is refused, naming it; nothing changes', async () => {
    const before = await rounds();
    const { reply, text } = await ask('/dialogue held 2023-01-01');
    expect(reply.kind).toBe('error');
    expect(text).toContain('2023-01-01 is before the last round held (round 1, on 2024-01-16)');
    expect(await rounds()).toEqual(before);
    expect((await ask('/dialogue next')).text).toContain('Last round: round 1, held 16 January 2024');
  });

  it('a held date in the future is refused', async () => {
    const { reply, text } = await ask('/dialogue held 2025-07-02');
    expect(reply.kind).toBe('error');
    expect(text).toContain('2025-07-02 is in the future');
  });

  it('held far (more than 30 days) from the scheduled date asks first; --yes goes ahead', async () => {
    await ask('/dialogue schedule 2027-03-10', '2026-11-01T12:00:00Z');
    const asked = await ask('/dialogue held 2026-11-30', '2026-11-30T18:00:00Z');
    expect(asked.reply.kind).toBe('confirm');
    expect(asked.text).toContain(
      '30 November 2026 is 100 days from the date the round was scheduled for (10 March 2027)',
    );
    expect(asked.text).toContain('--yes');
    expect((await rounds()).find((r) => r[0] === 2)?.[1]).toBe('scheduled');
    const done = await ask('/dialogue held 2026-11-30 --yes', '2026-11-30T18:00:00Z');
    expect(done.reply.kind).toBe('change');
    expect((await rounds()).find((r) => r[0] === 2)?.slice(1, 3)).toEqual(['held', '2026-11-30']);
  });

  it('a schedule on a weekend or a public holiday of either side asks first', async () => {
    const saturday = await ask('/dialogue schedule 2025-09-13');
    expect(saturday.reply.kind).toBe('confirm');
    expect(saturday.text).toContain('13 September 2025 falls on a weekend.');
    // 16 September: Mexico's Independence Day (a Tuesday).
    const mx = await ask('/dialogue schedule 2025-09-16');
    expect(mx.text).toContain('16 September 2025 is a public holiday in Mexico.');
    // 25 May 2026: the UK's Spring bank holiday (a Monday).
    const uk = await ask('/dialogue schedule 2026-05-25');
    expect(uk.text).toContain('25 May 2026 is a public holiday in the United Kingdom.');
    expect(uk.text).not.toContain('Mexico');
    expect((await rounds()).find((r) => r[0] === 2)?.[1]).toBe('expected');
    expect((await ask('/dialogue schedule 2025-09-16 --yes')).reply.kind).toBe('change');
    // A working day asks nothing.
    expect((await ask('/dialogue schedule 2025-09-17')).reply.kind).toBe('change');
  });

  it('postpone and cancel apply to a recorded round only, never a projection; cancel asks first', async () => {
    await ask('/dialogue held 2025-06-10');
    // Round 3 is only projected now.
    for (const verb of ['postpone', 'cancel']) {
      const { reply, text } = await ask(`/dialogue ${verb} budget`);
      expect(reply.kind).toBe('error');
      expect(text).toContain('Round 3 (2026) is only projected');
    }
    await ask('/dialogue schedule 2026-05-13');
    const asked = await ask('/dialogue cancel budget');
    expect(asked.reply.kind).toBe('confirm');
    expect(asked.text).toContain('Cancelling round 3 (2026)');
    const done = await ask('/dialogue cancel budget --yes');
    expect(done.text).toContain('Round 3 cancelled. Reason: budget');
    // Cancelling again reaches only a projection: refused, never out to the year 2140.
    expect((await ask('/dialogue cancel --yes')).reply.kind).toBe('error');
    expect((await rounds()).length).toBe(3);
    const cycle = await ask('/dialogue cycle');
    expect(cycle.text.split('\n').filter((l) => l.startsWith('•')).length).toBeLessThanOrEqual(6);
  });

  it('edition numbers follow the meetings held: after a cancelled round the next one held is still the second', async () => {
    await ask('/dialogue schedule 2025-09-17');
    await ask('/dialogue cancel --yes');
    const next = await ask('/dialogue next');
    expect(next.text).toContain('Next: round 2');
    const cycle = await ask('/dialogue cycle');
    expect(cycle.text).toContain('Cancelled meeting · 2025 · The United Kingdom · cancelled');
    // The host whose turn was cancelled keeps it; the number goes to the next meeting held.
    expect(cycle.text).toContain('Round 2 · 2026 · The United Kingdom · projected');
    await ask('/dialogue held 2026-05-20', '2026-06-01T12:00:00Z');
    expect(await rounds()).toEqual([
      [1, 'held', '2024-01-16', 1],
      [2, 'cancelled', '2025-09-17', null],
      [3, 'held', '2026-05-20', 2],
    ]);
    expect((await ask('/dialogue next', '2026-06-01T12:00:00Z')).text).toContain(
      'Last round: round 2, held 20 May 2026',
    );
  });

  it('a date more than five years ahead is refused (a typo, not a plan)', async () => {
    const { reply, text } = await ask('/dialogue schedule 2140-05-14');
    expect(reply.kind).toBe('error');
    expect(text).toContain('2140-05-14 is more than 5 years ahead');
  });

  it('assigning the current owner is a no-op that names the side; sides come from the dialogue', async () => {
    await ask('/commitments assign R1-7b <@U0DAN> mx');
    const again = await ask('/commitments assign R1-7b <@U0DAN> mx');
    expect(again.reply.kind).toBe('answer');
    expect(again.text).toBe('@U0DAN already owns R1-7b for Mexico; nothing changed.');
    const uk = await ask('/commitments assign R1-7b <@U0ANA> uk');
    expect(uk.text).toContain('R1-7b: owner for the United Kingdom set to @U0ANA.');
    expect(uk.text).not.toContain('GB');
    const bad = await ask('/commitments assign R1-7b <@U0ANA> fr');
    expect(bad.text).toContain('“fr” is not a side of this dialogue (try mx or uk)');
    expect((await ask('/commitments help')).text).toContain('/commitments assign <ID> @user [mx|uk]');
    const history = await ask('/commitments history R1-7b');
    expect(history.text).toContain('owner (the United Kingdom): — → @U0ANA');
  });

  it('control characters are refused with a usage hint, and nothing is stored', async () => {
    for (const text of ['note R1-4 a\u0000b', 'add x\u0007y', 'note R1-4 \u001b[31mred']) {
      const { reply, text: out } = await ask(`/commitments ${text}`);
      expect(reply.kind).toBe('usage');
      expect(out).toContain('control characters');
    }
    const notes = (await listAuditEvents(core.store.db, 'mexico-uk', 'commitment', 'R1-4')).filter((e) => e.note);
    expect(notes).toHaveLength(0);
    expect(await findCommitmentRow(core.store.db, 'mexico-uk', 'A1')).toBeUndefined();
    // The same refusal below the router (a modal, a future front end): a domain error, never an internal one.
    await expect(
      core.services.commitments.note('mexico-uk', EDITOR, 'R1-4', 'a\u0000b', new Date('2025-07-01T12:00:00Z')),
    ).rejects.toMatchObject({ code: 'input.control_chars' });
    // Tabs and line breaks are text.
    expect((await ask('/commitments note R1-4 line one\nline two\ttabbed')).reply.kind).toBe('change');
  });

  it('dropping a commitment asks first', async () => {
    const asked = await ask('/commitments update R1-4 dropped');
    expect(asked.reply.kind).toBe('confirm');
    expect((await findCommitmentRow(core.store.db, 'mexico-uk', 'R1-4'))?.status).toBe('not-started');
    await ask('/commitments update R1-4 dropped --yes');
    expect((await findCommitmentRow(core.store.db, 'mexico-uk', 'R1-4'))?.status).toBe('dropped');
  });
});

describe('the CLI: confirmations exit 2 until --yes', () => {
  it('ask with a change that asks first exits 2 and changes nothing; --yes applies it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-confirm-'));
    try {
      const a = captureIo(dir, { EDITORS: 'U0EDITOR' });
      const code = await runCli(
        ['ask', '/dialogue schedule 2025-09-13', '--user', 'U0EDITOR', '--at', '2025-07-01T12:00:00Z'],
        a.io,
      );
      expect(code).toBe(2);
      expect(a.out.join('')).toContain('falls on a weekend');
      expect(a.out.join('')).toContain('--yes');
      const b = captureIo(dir, { EDITORS: 'U0EDITOR' });
      const yes = await runCli(
        ['ask', '/dialogue schedule 2025-09-13', '--yes', '--user', 'U0EDITOR', '--at', '2025-07-01T12:00:00Z'],
        b.io,
      );
      expect(yes).toBe(0);
      expect(b.out.join('')).toContain('Round 2 scheduled for Saturday, 13 September 2025');
      const c = captureIo(dir);
      expect(await runCli(['ask', '/dialogue held 2023-01-01', '--at', '2025-07-01T12:00:00Z'], c.io)).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.each(DIALECTS)('sides of another dialogue (%s)', (dialect) => {
  it('a Japan–China dialogue answers to jp|cn in help and errors, shown by party name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jpcn-'));
    cpSync(join(REPO, 'config', 'default.yml'), join(dir, 'default.yml'));
    cpSync(join(REPO, 'config', 'dialogues'), join(dir, 'dialogues'), { recursive: true });
    rmSync(join(dir, 'dialogues', 'mexico-uk.yml'));
    writeFileSync(
      join(dir, 'dialogues', 'japan-china.yml'),
      [
        'id: japan-china',
        'name: { en: Japan–China Dialogue, es: Diálogo Japón–China }',
        'parties:',
        '  - { code: JP, name: { en: Japan, es: Japón }, aliases: [jp, japan], timezone: Asia/Tokyo, capital: { en: Tokyo, es: Tokio } }',
        '  - { code: CN, name: { en: China, es: China }, aliases: [cn, china], timezone: Asia/Shanghai, capital: { en: Beijing, es: Pekín } }',
        'rounds:',
        '  - { edition: 1, state: held, date: 2024-03-01, host: JP }',
        'commitments:',
        '  - { id: R1-1, edition: 1, theme: trade, text: Keep talking about trade. }',
        '',
      ].join('\n'),
    );
    const core = await openTestCore(dialect, { env: { EDITORS: EDITOR, CONFIG_DIR: dir }, tag: 'changes_jpcn' });
    try {
      const ask = async (command: CommandName, text: string) =>
        renderText(
          await core.router.handle({
            command,
            text,
            userId: EDITOR,
            channelId: null,
            now: new Date('2025-07-01T12:00:00Z'),
          }),
        );
      expect(await ask('/commitments', 'help')).toContain('/commitments assign <ID> @user [jp|cn]');
      expect(await ask('/commitments', 'assign R1-1 <@U0ANA> mx')).toContain(
        '“mx” is not a side of this dialogue (try jp or cn)',
      );
      expect(await ask('/commitments', 'assign R1-1 <@U0ANA> cn')).toContain('R1-1: owner for China set to @U0ANA.');
      expect(await ask('/commitments', 'assign R1-1 <@U0ANA> china')).toContain('@U0ANA already owns R1-1 for China');
      expect(await ask('/commitments', 'assign R1-1')).toContain('Usage: /commitments assign <ID> @user [jp|cn]');
    } finally {
      await core.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
