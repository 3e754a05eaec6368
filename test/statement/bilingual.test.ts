/**
 * Statements imported with their translation (`--with`), and Spanish-only imports.
 * The Spanish versions of the two Mexico–UK statements (`*.es.txt`) are translations written for
 * these tests, paragraph for paragraph; the real published statements are scored in corpus.test.ts.
 */
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import type { Core } from '../../src/core.js';
import { commitmentTextFor } from '../../src/domain/commitments.js';
import { matchParagraphs, pairTranslation, translationProblems } from '../../src/domain/statement/pair.js';
import { parseStatement } from '../../src/domain/statement/parse.js';
import { captureIo } from '../support/cli.js';
import { DIALECTS, openTestCore } from '../support/store.js';
import { fixture, fixturePath } from './support.js';

const EN_1 = fixture('mexico-uk-2024-joint-statement.txt');
const ES_1 = fixture('mexico-uk-2024-joint-statement.es.txt');
const EN_2 = fixture('mexico-uk-2025-second-round.txt');
const ES_2 = fixture('mexico-uk-2025-second-round.es.txt');
const AFTER_ROUND_2 = new Date('2025-06-01T09:00:00Z');

describe('pairing a statement with its translation (pure)', () => {
  it('pairs numbered paragraphs by number, and each commitment with the k-th of its paragraph', () => {
    const en = parseStatement(EN_1);
    const es = parseStatement(ES_1);
    expect([en.language, es.language]).toEqual(['en', 'es']);
    const pairs = pairTranslation(en, es);
    expect(pairs).toHaveLength(en.commitments.length);
    expect(pairs[0]).toMatch(/^Intercambiaron puntos de vista .* coincidieron en la necesidad de reformar/);
    expect(pairs[1]).toMatch(/se comprometieron a trabajar juntos/);
    // The three items of ¶7, each in its own words on both sides.
    expect(pairs.slice(2, 5)).toEqual([
      expect.stringMatching(/acordaron intercambiar buenas prácticas .*incluyendo la Política Exterior Feminista\.$/),
      expect.stringMatching(/incluyendo la transversalización de la igualdad de género\.$/),
      expect.stringMatching(/incluyendo la mejor manera de promover los derechos de las mujeres y las niñas/),
    ]);
    expect(pairs[5]).toMatch(/acordaron celebrar anualmente/);
  });

  it('pairs unnumbered paragraphs by order, or by their share of the length when the counts differ', () => {
    const strip = (t: string) => t.replace(/^[ \t]*\d+\.[ \t]+/gm, '');
    const en = parseStatement(strip(EN_2));
    const es = parseStatement(strip(ES_2));
    expect(en.paragraphs.every((p) => p.number === null)).toBe(true);
    expect(pairTranslation(en, es)[1]).toMatch(/^Ambos países organizarán un taller conjunto/);
    // The Spanish text run together into fewer paragraphs: paragraphs still meet where the text does.
    const merged = parseStatement(strip(ES_2).replace(/\n\n(?=Ambos países conversaron|Destacaron)/g, ' '));
    expect(merged.paragraphs.length).toBeLessThan(en.paragraphs.length);
    const match = matchParagraphs(en.paragraphs, merged.paragraphs);
    expect(match.get(en.paragraphs.at(-1)!.position)?.text).toMatch(/reafirmaron su compromiso/);
    expect(match.get(en.paragraphs[0]!.position)?.text).toMatch(/^El segundo Diálogo/);
  });

  it('refuses two texts in one language, or two versions that date the meeting differently', () => {
    const en = parseStatement(EN_2);
    expect(translationProblems(en, parseStatement(EN_2))).toEqual([
      { code: 'translation.same_language', params: { lang: 'en' } },
    ]);
    expect(translationProblems(en, parseStatement(ES_1))).toEqual([
      { code: 'translation.other_meeting', params: { date: '2025-05-14', other: '2024-01-16' } },
    ]);
    expect(translationProblems(en, parseStatement(ES_2))).toEqual([]);
  });

  it('shows a reader their language, else the other marked with it', () => {
    const both = { text: 'agreed', texts: { en: 'agreed', es: 'acordaron' } };
    expect(commitmentTextFor(both, 'es')).toEqual({ text: 'acordaron', foreign: null });
    expect(commitmentTextFor({ text: 'acordaron', texts: { es: 'acordaron' } }, 'en')).toEqual({
      text: 'acordaron',
      foreign: 'es',
    });
    expect(commitmentTextFor({ text: 'old row' }, 'es')).toEqual({ text: 'old row', foreign: null });
  });
});

describe.each(DIALECTS)('importing with a translation on %s', (dialect) => {
  let core: Core;
  beforeEach(async () => {
    core = await openTestCore(dialect, { now: new Date('2024-06-01T12:00:00Z'), tag: 'statement_bilingual' });
  });
  afterEach(async () => {
    await core.close();
  });

  it('stores each commitment’s words in both languages; a repeat changes nothing', async () => {
    const proposal = await core.services.imports.propose(EN_2, 'mexico-uk', AFTER_ROUND_2, ES_2);
    expect(proposal.problems).toEqual([]);
    expect(proposal.translation?.language).toBe('es');
    const result = await core.services.imports.apply('mexico-uk', 'ULOCAL', EN_2, AFTER_ROUND_2, { translation: ES_2 });
    expect(result.changed).toBe(true);
    const stored = (await core.services.commitments.list('mexico-uk')).filter((c) => c.edition === 2);
    expect(stored.map((c) => c.id)).toEqual(['R2-5', 'R2-7', 'R2-8a', 'R2-8b', 'R2-8c', 'R2-9']);
    const r27 = stored.find((c) => c.id === 'R2-7')!;
    expect(r27.text).toMatch(/^The two countries will organise a joint workshop/);
    expect(r27.texts).toEqual({ en: r27.text, es: expect.stringMatching(/^Ambos países organizarán un taller/) });
    const again = await core.services.imports.apply('mexico-uk', 'ULOCAL', EN_2, AFTER_ROUND_2, { translation: ES_2 });
    expect(again.changed).toBe(false);
  });

  it('refuses a translation of another statement and records nothing', async () => {
    const before = (await core.services.commitments.list('mexico-uk')).length;
    await expect(
      core.services.imports.apply('mexico-uk', 'ULOCAL', EN_2, AFTER_ROUND_2, { translation: ES_1 }),
    ).rejects.toMatchObject({
      name: 'ImportRefused',
      proposal: { problems: [{ code: 'translation.other_meeting' }] },
    });
    expect(await core.services.commitments.list('mexico-uk')).toHaveLength(before);
  });

  it('stores a Spanish-only import in Spanish', async () => {
    await core.services.imports.apply('mexico-uk', 'ULOCAL', ES_2, AFTER_ROUND_2);
    const r25 = (await core.services.commitments.list('mexico-uk')).find((c) => c.id === 'R2-5')!;
    expect(r25.text).toMatch(/^México y el Reino Unido acordaron copatrocinar/);
    expect(r25.texts).toEqual({ es: r25.text });
  });
});

describe('dialogue-bot import --with', () => {
  function session() {
    const dir = mkdtempSync(join(tmpdir(), 'dt-bilingual-'));
    copyFileSync(fixturePath('mexico-uk-2025-second-round.txt'), join(dir, 'en.txt'));
    copyFileSync(fixturePath('mexico-uk-2025-second-round.es.txt'), join(dir, 'es.txt'));
    const { io, out, err } = captureIo(dir);
    return async (...args: string[]) => {
      out.length = 0;
      err.length = 0;
      const code = await runCli(args, io);
      return { code, out: out.join(''), err: err.join('') };
    };
  }
  const AT = ['--at', '2025-06-01T09:00:00Z'];

  it('records both versions; each reader lists the commitments in their own language', async () => {
    const run = session();
    const r = await run('import', 'en.txt', '--with', 'es.txt', '--dialogue', 'mexico-uk', '--apply', ...AT);
    expect(r.code).toBe(0);
    const en = await run('ask', '/commitments list all', ...AT);
    expect(en.out).toContain('The two countries will organise a joint workshop');
    expect(en.out).not.toContain('Ambos países organizarán');
    expect((await run('ask', '/dialogue lang es', ...AT)).code).toBe(0);
    const es = await run('ask', '/commitments list all', ...AT);
    expect(es.out).toContain('Ambos países organizarán un taller conjunto');
    expect(es.out).not.toContain('The two countries will organise');
  });

  it('shows a Spanish-only import to English readers marked as Spanish', async () => {
    const run = session();
    expect((await run('import', 'es.txt', '--dialogue', 'mexico-uk', '--apply', ...AT)).code).toBe(0);
    const en = await run('ask', '/commitments list all', ...AT);
    expect(en.out).toContain(
      'Ambos países organizarán un taller conjunto sobre empresas y derechos humanos en la Ciudad de México antes de que termine 2025. (in Spanish)',
    );
  });

  it('refuses two texts in the same language, changing nothing (exit 2)', async () => {
    const run = session();
    const r = await run('import', 'en.txt', '--with', 'en.txt', '--dialogue', 'mexico-uk', '--apply', ...AT);
    expect(r.code).toBe(2);
    expect(r.err).toContain('Both texts are in English');
    const list = await run('ask', '/commitments list all', ...AT);
    expect(list.out).not.toContain('R2-');
  });

  it('says which file it cannot read', async () => {
    const run = session();
    const r = await run('import', 'en.txt', '--with', 'missing.txt', ...AT);
    expect(r.code).toBe(2);
    expect(r.err).toContain('missing.txt');
  });
});
