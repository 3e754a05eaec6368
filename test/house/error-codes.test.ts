import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGS } from '../../src/domain/types.js';
import { messages } from '../../src/i18n/index.js';
import { REPO } from '../support/store.js';

/**
 * Every domain error code is a promise: somewhere a check raises it, and
 * people read it in English and Spanish. A code declared but never raised is
 * dead text in the catalogue (or a check that went missing); knip cannot see
 * it, since the code is only a string.
 */

/** The codes `DomainErrorParams` declares, read from the source. */
function declaredCodes(source: string): string[] {
  const body = /export interface DomainErrorParams \{([\s\S]*?)\n\}/.exec(source)?.[1] ?? '';
  return [...body.matchAll(/^\s+readonly '([a-z_.]+)':/gm)].map((m) => m[1]!);
}

/** The codes raised anywhere in these sources: `new DomainError('code'`. */
function raisedCodes(sources: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const source of sources) for (const m of source.matchAll(/new DomainError\(\s*'([a-z_.]+)'/g)) out.add(m[1]!);
  return out;
}

/** Declared codes no source raises. */
function neverRaised(errorsSource: string, sources: readonly string[]): string[] {
  const raised = raisedCodes(sources);
  return declaredCodes(errorsSource).filter((code) => !raised.has(code));
}

function sourcesOf(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourcesOf(path));
    else if (entry.name.endsWith('.ts')) out.push(readFileSync(path, 'utf8'));
  }
  return out;
}

describe('domain error codes', () => {
  const errorsSource = readFileSync(join(REPO, 'src/domain/errors.ts'), 'utf8');
  const codes = declaredCodes(errorsSource);
  const sources = sourcesOf(join(REPO, 'src'));

  it('reads the declared codes from src/domain/errors.ts', () => {
    expect(codes.length).toBeGreaterThan(20);
    expect(codes).toContain('commitment.not_found');
    expect(codes).toContain('undo.changed_since');
  });

  it('raises every declared code somewhere in src/', () => {
    expect(neverRaised(errorsSource, sources)).toEqual([]);
  });

  it('has words for every declared code in English and Spanish, and none for a code not declared', () => {
    for (const lang of LANGS) {
      const texts = messages(lang).errors as Record<string, unknown>;
      for (const code of codes) expect(typeof texts[code], `${code} (${lang})`).toBe('function');
      expect(
        Object.keys(texts)
          .filter((k) => k !== 'internal')
          .sort(),
        lang,
      ).toEqual([...codes].sort());
    }
  });

  it('would notice a code declared and never raised (the check can fail)', () => {
    const fake =
      "export interface DomainErrorParams {\n  readonly 'a.raised': NoParams;\n  readonly 'b.dead': NoParams;\n}";
    expect(declaredCodes(fake)).toEqual(['a.raised', 'b.dead']);
    expect(neverRaised(fake, ["throw new DomainError('a.raised');"])).toEqual(['b.dead']);
  });
});
