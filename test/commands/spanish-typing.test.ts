import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandName } from '../../src/commands/router.js';
import type { Core } from '../../src/core.js';
import { partyByWord, partyWords } from '../../src/domain/types.js';
import { parseListFilter, parseTheme, themeName } from '../../src/i18n/typed.js';
import { renderText } from '../../src/presentation/reply.js';
import { testDialogue } from '../support/dialogue.js';
import { DIALECTS, openTestCore } from '../support/store.js';

const EDITOR = 'U0EDITOR';
const AT = '2024-06-01T12:00:00Z';

describe('typed in either language', () => {
  const themes = ['gender-equality', 'human-rights', 'multilateralism', 'dialogue', 'custom-thing'];

  it('a theme by its key or its name in either language, accents and case optional', () => {
    for (const word of [
      'gender-equality',
      'Gender_Equality',
      'gender equality',
      'igualdad-de-genero',
      'igualdad-de-género',
      'Igualdad de Género',
    ])
      expect(parseTheme(word, themes), word).toBe('gender-equality');
    expect(parseTheme('derechos-humanos', themes)).toBe('human-rights');
    expect(parseTheme('diálogo', themes)).toBe('dialogue');
    expect(parseTheme('custom thing', themes)).toBe('custom-thing');
    expect(parseTheme('clima', themes)).toBeNull(); // a known theme this dialogue does not have
    expect(parseTheme('constructor', themes)).toBeNull();
  });

  it('shows a theme in the reader’s language', () => {
    expect(themeName('gender-equality', 'es')).toBe('igualdad de género');
    expect(themeName('gender-equality', 'en')).toBe('gender equality');
    expect(themeName('custom-thing', 'es')).toBe('custom thing');
  });

  it('a list filter in either language', () => {
    expect(parseListFilter('abiertos')).toBe('open');
    expect(parseListFilter('Cumplidos')).toBe('done');
    expect(parseListFilter('todas')).toBe('all');
    expect(parseListFilter('open')).toBe('open');
    expect(parseListFilter('toString')).toBeNull();
  });

  it('a side by any word derived from the dialogue’s parties', () => {
    const d = testDialogue();
    for (const word of ['mx', 'MX', 'mexico', 'México', 'MÉXICO']) expect(partyByWord(d, word)?.code, word).toBe('MX');
    for (const word of ['uk', 'gb', 'ru', 'reino-unido', 'Reino Unido', 'el Reino Unido', 'united-kingdom'])
      expect(partyByWord(d, word)?.code, word).toBe('GB');
    expect(partyByWord(d, 'francia')).toBeUndefined();
    expect(partyWords(d.parties[1])).toEqual(expect.arrayContaining(['uk', 'reino-unido', 'ru', 'gb']));
  });

  it('a word both sides would answer to names neither', () => {
    const d = testDialogue({
      parties: [
        { ...testDialogue().parties[0], code: 'CR', name: { en: 'Costa Rica', es: 'Costa Rica' }, aliases: [] },
        { ...testDialogue().parties[1], code: 'HR', name: { en: 'Croatia', es: 'Croacia' }, aliases: ['cr'] },
      ],
    });
    expect(partyByWord(d, 'cr')).toBeUndefined();
    expect(partyByWord(d, 'costa-rica')?.code).toBe('CR');
  });
});

describe.each(DIALECTS)('Spanish typing through the router (%s)', (dialect) => {
  let core: Core;
  beforeEach(async () => {
    core = await openTestCore(dialect, { env: { EDITORS: EDITOR }, tag: 'spanish_typing' });
  });
  afterEach(async () => {
    await core.close();
  });

  const ask = async (line: string, lang: 'en' | 'es' = 'es') => {
    const parsed = core.router.parseLine(line)!;
    const reply = await core.router.handle({
      command: parsed.command as CommandName,
      text: parsed.text,
      userId: EDITOR,
      channelId: 'C0CHAN',
      now: new Date(AT),
      locale: lang === 'es' ? 'es-MX' : 'en-GB',
    });
    return { reply, text: renderText(reply) };
  };

  it('lists by a theme typed in Spanish, and names themes in Spanish', async () => {
    for (const word of ['igualdad-de-genero', 'igualdad-de-género', 'gender-equality']) {
      const { reply, text } = await ask(`/commitments lista ${word}`);
      expect(reply.kind, word).toBe('answer');
      expect(text).toContain('tema “igualdad de género”');
      expect(text).toContain('igualdad de género');
      expect(text).not.toContain('gender-equality');
    }
    const en = await ask('/commitments list igualdad-de-genero', 'en');
    expect(en.text).toContain('theme “gender equality”');
  });

  it('shows a commitment’s theme, status and sides in Spanish', async () => {
    const { text } = await ask('/commitments mostrar R1-7a');
    expect(text).toContain('Tema: igualdad de género');
    expect(text).toContain('Estado: sin iniciar');
    expect(text).toContain('México: ');
    expect(text).not.toMatch(/Tema: gender/);
  });

  it('filters typed in Spanish', async () => {
    expect((await ask('/commitments lista abiertos')).text).toContain('Compromisos · abiertos');
    expect((await ask('/commitments lista cumplidos')).text).toContain('Compromisos · cumplidos');
    const bad = await ask('/commitments lista nada');
    expect(bad.reply.kind).toBe('usage');
    expect(bad.text).toContain('igualdad de género');
    expect(bad.text).not.toContain('gender-equality');
  });

  it('assigns a side typed in Spanish, by name or abbreviation, accents optional', async () => {
    const mx = await ask('/commitments asignar R1-4 <@U0ANA> méxico');
    expect(mx.reply.kind).toBe('change');
    expect(mx.text).toContain('México');
    const uk = await ask('/commitments asignar R1-4 <@U0BEN> reino unido');
    expect(uk.reply.kind).toBe('change');
    expect(uk.text).toContain('Reino Unido');
    const ru = await ask('/commitments asignar R1-6 <@U0BEN> ru');
    expect(ru.reply.kind).toBe('change');
  });

  it('updates with a Spanish verb and status, and answers in Spanish', async () => {
    const { reply, text } = await ask('/commitments actualizar R1-4 en-curso primera reunión');
    expect(reply.kind).toBe('change');
    expect(text).toContain('en curso');
    expect((await ask('/commitments historial R1-4')).text).toContain('en curso');
    expect((await ask('/dialogue ayuda')).text).toContain('/dialogue siguiente|next');
    expect((await ask('/dialogue idioma español')).text).toMatch(/español/i);
  });
});
