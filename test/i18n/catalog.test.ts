import { describe, expect, it } from 'vitest';
import { parseCommitmentStatus } from '../../src/domain/commitments.js';
import { cityName, describeEntry } from '../../src/i18n/describe.js';
import { messages, withPreposition } from '../../src/i18n/index.js';
import { testDialogue } from '../support/dialogue.js';
import { ENGLISH_WORDS, INTERNALS, prose, SPANISH_FAULTS } from '../support/spanish.js';

/**
 * A sample argument that reads as a word, a number, a list or a record,
 * whatever a catalogue function does with it, so that every entry can be
 * rendered without knowing its parameters.
 */
function sample(name: string): unknown {
  const target = () => sample(`${name}()`);
  return new Proxy(target, {
    get(_t, key) {
      if (key === Symbol.toPrimitive) return (hint: string) => (hint === 'number' ? 3 : `Q${name.length}Z`);
      if (key === 'toString' || key === 'valueOf') return () => `Q${name.length}Z`;
      if (key === 'length') return 3;
      if (key === 'join') return () => 'Q1Z, Q2Z';
      if (key === 'map' || key === 'filter') return () => [];
      if (key === Symbol.iterator) return [][Symbol.iterator].bind([]);
      if (typeof key === 'symbol') return undefined;
      return sample(`${name}.${key}`);
    },
  });
}

/** Every rendered string of a catalogue, by path, with a few argument kinds per function. */
function render(node: unknown, path: string, out: Map<string, string[]>): void {
  if (typeof node === 'string') {
    out.set(path, [node]);
    return;
  }
  if (Array.isArray(node)) {
    node.forEach((v, i) => {
      render(v, `${path}[${i}]`, out);
    });
    return;
  }
  if (typeof node === 'function') {
    const texts: string[] = [];
    const arities = Math.max(node.length, 1);
    // Parameters that name a country get one with its article (catches "a el Reino Unido");
    // numbers pick each plural branch.
    const names = (/^\s*\(?([^)=]*)\)?\s*=>/.exec(String(node))?.[1] ?? '').split(',').map((n) => n.trim());
    const country = (i: number) =>
      /host|country|party|parties/i.test(names[i] ?? '') ? 'el Reino Unido' : sample(`a${i}`);
    const kinds: ((i: number) => unknown)[] = [
      (i) => sample(`a${i}`),
      country,
      () => 'texto',
      () => 1,
      () => 0,
      () => 7,
      () => null,
    ];
    for (const kind of kinds) {
      const args = Array.from({ length: arities }, (_, i) => kind(i));
      try {
        const value = (node as (...a: unknown[]) => unknown)(...args);
        if (typeof value === 'string') texts.push(value);
        else if (Array.isArray(value)) texts.push(...value.filter((v): v is string => typeof v === 'string'));
      } catch {
        // This kind of argument does not fit this entry; another one will.
      }
    }
    out.set(path, [...new Set(texts)]);
    return;
  }
  if (node && typeof node === 'object')
    for (const [k, v] of Object.entries(node)) render(v, path ? `${path}.${k}` : k, out);
}

const rendered = (lang: 'en' | 'es') => {
  const out = new Map<string, string[]>();
  render(messages(lang), '', out);
  return out;
};

describe('the message catalogues', () => {
  const en = rendered('en');
  const es = rendered('es');

  it('render every entry in both languages with sample parameters', () => {
    expect(en.size).toBeGreaterThan(150);
    expect([...es.keys()].sort()).toEqual([...en.keys()].sort());
    const silent = [...es].filter(([, texts]) => texts.length === 0).map(([k]) => k);
    expect(silent.join('\n')).toBe('');
  });

  it('has Spanish a Mexican diplomat would sign: no leftovers, no Spain-isms, “ ” quotes', () => {
    const faults: string[] = [];
    for (const [key, texts] of es)
      for (const text of texts)
        for (const [re, why] of SPANISH_FAULTS) if (re.test(text)) faults.push(`${key}: ${why}: ${text}`);
    expect(faults.join('\n')).toBe('');
  });

  it('leaves no English in the Spanish catalogue', () => {
    const leftovers: string[] = [];
    for (const [key, texts] of es)
      for (const text of texts) {
        const m = ENGLISH_WORDS.exec(prose(text));
        if (m) leftovers.push(`${key}: “${m[0]}” in ${text}`);
      }
    expect(leftovers.join('\n')).toBe('');
  });

  it('shows no environment variable or other internal name to users, in either language', () => {
    const shown: string[] = [];
    for (const catalogue of [en, es])
      for (const [key, texts] of catalogue)
        for (const text of texts) if (INTERNALS.test(text)) shown.push(`${key}: ${text}`);
    expect(shown.join('\n')).toBe('');
  });

  it('would catch the faults it looks for (the checks can fail)', () => {
    expect(SPANISH_FAULTS.some(([re]) => re.test('le tocaría a el Reino Unido'))).toBe(true);
    expect(SPANISH_FAULTS.some(([re]) => re.test('Nueva suscripción a calendario y péguelo'))).toBe(true);
    expect(ENGLISH_WORDS.test(prose('Tema: gender-equality'))).toBe(true);
    expect(ENGLISH_WORDS.test(prose('Uso: /commitments update <ID> not-started|in-progress [nota]'))).toBe(false);
  });
});

describe('Spanish as a Mexican reader reads it', () => {
  const dialogue = testDialogue();
  const round = {
    edition: 2,
    year: 2027,
    host: 'GB',
    state: 'scheduled' as const,
    date: '2027-12-25',
    time: '10:00',
    timezone: 'Europe/London',
    city: 'London',
  };

  it('names a capital typed in English in the reader’s language, once', () => {
    expect(cityName(dialogue, 'London', 'es')).toBe('Londres');
    expect(cityName(dialogue, 'londres', 'en')).toBe('London');
    expect(cityName(dialogue, 'Ciudad de México', 'en')).toBe('Mexico City');
    expect(cityName(dialogue, 'Geneva', 'es')).toBe('Geneva');
    const line = describeEntry(dialogue, round as never, 'es');
    expect(line).toContain('programada para el sábado 25 de diciembre de 2027');
    expect(line).toContain('Londres');
    expect(line).not.toContain('London');
  });

  it('contracts a and de before the article, never before a name that carries it', () => {
    expect(withPreposition('a', 'el Reino Unido')).toBe('al Reino Unido');
    expect(withPreposition('de', 'el Reino Unido')).toBe('del Reino Unido');
    expect(withPreposition('a', 'México')).toBe('a México');
    expect(withPreposition('a', 'El Salvador')).toBe('a El Salvador');
    expect(messages('es').next.projected('el Reino Unido', 2025)).toContain('le tocaría al Reino Unido en 2025');
  });

  it('accepts statuses typed in Spanish or English, with or without accents and hyphens', () => {
    expect(parseCommitmentStatus('en-curso')).toBe('in-progress');
    expect(parseCommitmentStatus('En curso')).toBe('in-progress');
    expect(parseCommitmentStatus('cumplido')).toBe('done');
    expect(parseCommitmentStatus('no-iniciado')).toBe('not-started');
    expect(parseCommitmentStatus('sin_iniciar')).toBe('not-started');
    expect(parseCommitmentStatus('descartado')).toBe('dropped');
    expect(parseCommitmentStatus('in-progress')).toBe('in-progress');
    expect(parseCommitmentStatus('DONE')).toBe('done');
    expect(parseCommitmentStatus('terminado?')).toBeNull();
  });
});
