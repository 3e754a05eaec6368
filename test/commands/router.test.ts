import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandName } from '../../src/commands/router.js';
import type { Core } from '../../src/core.js';
import { renderText } from '../../src/presentation/reply.js';
import { DIALECTS, openTestCore } from '../support/store.js';

const EDITOR = 'U0EDITOR';
const READER = 'U0READER';

describe.each(DIALECTS)('command router on %s', (dialect) => {
  let core: Core;
  beforeEach(async () => {
    core = await openTestCore(dialect, { env: { EDITORS: EDITOR }, tag: 'router' });
  });
  afterEach(async () => {
    await core.close();
  });

  const ask = async (line: string, at = '2024-06-01T12:00:00Z', userId = EDITOR, locale: string | null = null) => {
    const parsed = core.router.parseLine(line)!;
    const reply = await core.router.handle({
      command: parsed.command as CommandName,
      text: parsed.text,
      userId,
      channelId: 'C0CHAN',
      now: new Date(at),
      locale,
    });
    return { reply, text: renderText(reply) };
  };

  it('/dialogue next before 2025: round 2, expected in the UK in 2025, date not fixed', async () => {
    const { reply, text } = await ask('/dialogue next');
    expect(reply.kind).toBe('answer');
    expect(text).toContain('round 2');
    expect(text).toContain('Expected in the United Kingdom in 2025 — date not fixed yet.');
    expect(text).not.toContain('Overdue');
    expect(text).toContain('Last round: round 1, held 16 January 2024, hosted by Mexico.');
  });

  it('/dialogue next after 2025: says round 2 is overdue', async () => {
    const { text } = await ask('/dialogue next', '2026-11-28T12:00:00Z');
    expect(text).toContain('Expected in the United Kingdom in 2025');
    expect(text).toContain('Overdue: 2025 has passed and round 2 has not been recorded.');
  });

  it('/dialogue cycle lists held, expected and projected rounds', async () => {
    const { text } = await ask('/dialogue cycle');
    expect(text).toContain('Round 1 · 2024 · Mexico · held 16 January 2024');
    expect(text).toContain('Round 2 · 2025 · The United Kingdom · expected, date not fixed');
    expect(text).toContain('Round 3 · 2026 · Mexico · projected');
  });

  it('schedule shows the time in both capitals and the countdown; next follows', async () => {
    const { reply, text } = await ask('/dialogue schedule 2025-05-14 10:00 Lancaster House, London');
    expect(reply.kind).toBe('change');
    expect(text).toContain('Round 2 scheduled for Wednesday, 14 May 2025, 10:00 BST London · 03:00 CST Mexico City.');
    expect(text).toContain('Venue: Lancaster House, London.');
    expect(reply.announcement).toBeDefined();
    const next = await ask('/dialogue next', '2025-05-04T12:00:00Z');
    expect(next.text).toContain('In 10 days.');
  });

  it('answers in Spanish for a user whose Slack locale is es-LA, and after /dialogue lang es', async () => {
    const { text } = await ask('/dialogue next', '2024-06-01T12:00:00Z', READER, 'es-LA');
    expect(text).toContain('Prevista en el Reino Unido en 2025; fecha aún sin fijar.');
    expect(text).toContain('16 de enero de 2024');
    await ask('/dialogue lang es', '2024-06-01T12:00:00Z', READER);
    const list = await ask('/commitments list', '2024-06-01T12:00:00Z', READER, 'en-US');
    expect(list.text).toContain('Compromisos · todos (6)');
    expect(list.text).toContain('R1-4 (¶4) · sin iniciar');
  });

  it('/commitments list shows every seeded commitment with ID, paragraph and status', async () => {
    const { text } = await ask('/commitments');
    for (const line of ['R1-4 (¶4) · not started', 'R1-6 (¶6)', 'R1-7a (¶7)', 'R1-7b (¶7)', 'R1-7c (¶7)', 'R1-8 (¶8)'])
      expect(text).toContain(line);
  });

  it('/commitments show gives the full text in the statement’s words and the statement link', async () => {
    const { text } = await ask('/commitments show r1-6');
    expect(text).toContain('“Mexico and the UK committed to work together to address these challenges discussed.”');
    expect(text).toContain('round 1, ¶6');
    expect(text).toContain(
      'https://www.gov.uk/government/publications/mexico-and-the-united-kingdom-hold-first-multilateral',
    );
  });

  it('update, assign, due and note change data, and history shows who did what', async () => {
    expect((await ask('/commitments update R1-6 in-progress first call held')).text).toContain(
      'R1-6: not started → in progress.',
    );
    expect((await ask('/commitments assign R1-6 <@U0ANA|ana> mx')).reply.kind).toBe('change');
    expect((await ask('/commitments assign R1-6 @U0BEN')).reply.kind).toBe('change'); // the only side left: UK
    expect((await ask('/commitments due R1-6 2024-09-30')).text).toContain('due 30 September 2024');
    expect((await ask('/commitments note R1-6 Draft shared with FCDO')).reply.kind).toBe('change');
    const show = await ask('/commitments show R1-6');
    expect(show.text).toContain('Owners: Mexico: @U0ANA · The United Kingdom: @U0BEN');
    expect(show.text).toContain('Draft shared with FCDO');
    const history = await ask('/commitments history R1-6');
    expect(history.text).toContain('status: not started → in progress · note: “first call held”');
    expect(history.text).toContain('owner (Mexico): — → @U0ANA');
    expect(history.text).toContain('due date: — → 2024-09-30');
  });

  it('refuses changes from non-editors politely and changes nothing', async () => {
    const { reply } = await ask('/commitments update R1-4 done', '2024-06-01T12:00:00Z', READER);
    expect(reply.kind).toBe('refusal');
    expect(reply.summary).toMatch(/only the dialogue’s editors/);
    expect((await core.services.commitments.get('mexico-uk', 'R1-4')).status).toBe('not-started');
  });

  it.each([
    ['/dialogue frobnicate', '“frobnicate” is not a /dialogue command. Type /dialogue help for the list.'],
    ['/dialogue schedule 2025-02-30', '“2025-02-30” is not a date: use YYYY-MM-DD'],
    ['/dialogue schedule', 'Usage: /dialogue schedule YYYY-MM-DD [HH:MM[-HH:MM]] [city…]'],
    ['/dialogue schedule 2025-05-14 25:00', '“25:00” is not a time'],
    ['/dialogue schedule 2024-01-01', '2024-01-01 is in the past.'],
    ['/dialogue held 2030-01-01', '2030-01-01 is in the future'],
    ['/commitments show R9-9', 'There is no commitment “R9-9”.'],
    ['/commitments update R1-4 finished', '“finished” is not a status'],
    ['/commitments update', 'Usage: /commitments update <ID>'],
    ['/commitments assign R1-4 alice', '“alice” is not a Slack user'],
    ['/commitments assign R1-4 @U0ANA fr', '“fr” is not a side of this dialogue'],
    ['/commitments list nonsense', '“nonsense” is not a filter'],
    ['/commitments assign R1-4 @U0ANA', 'Both sides of R1-4 have (or lack) an owner: say which side'],
    ['/dialogue lang fr', '“fr” is not a language'],
    ['/dialogue next --dialogue nope', 'There is no dialogue “nope”.'],
  ])('%s → a specific hint, nothing changed', async (line, hint) => {
    const before = await core.store.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const { reply, text } = await ask(line);
    expect(['usage', 'error']).toContain(reply.kind);
    expect(text).toContain(hint);
    const after = await core.store.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('a held round cannot be re-scheduled', async () => {
    await ask('/dialogue held 2024-05-30');
    // Round 2 is held; the next open round is round 3 — but scheduling a past date for it is refused too.
    const { text } = await ask('/dialogue schedule 2024-05-01');
    expect(text).toContain('2024-05-01 is in the past.');
    const cycle = await ask('/dialogue cycle');
    expect(cycle.text).toContain('Round 2 · 2024 · The United Kingdom · held 30 May 2024');
    expect(cycle.text).toContain('Round 3 · 2025 · Mexico · projected');
  });

  it('help answers both commands', async () => {
    expect((await ask('/dialogue')).text).toContain('/dialogue next');
    expect((await ask('/commitments help')).text).toContain('/commitments show <ID>');
  });

  it('takes a status typed in Spanish and answers a Spanish reader in Spanish, with Spanish hints', async () => {
    const { reply, text } = await ask('/commitments update R1-4 en-curso', undefined, EDITOR, 'es-LA');
    expect(reply.kind).toBe('change');
    expect(text).toContain('R1-4: sin iniciar → en curso.');
    const bad = await ask('/commitments update R1-4 terminado', undefined, EDITOR, 'es-LA');
    expect(bad.reply.kind).toBe('usage');
    expect(bad.text).toContain('use no-iniciado, en-curso, cumplido o descartado');
    expect((await ask('/commitments update R1-4 done')).text).toContain('R1-4: in progress → done.');
  });
});
