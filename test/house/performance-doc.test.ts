import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../support/store.js';

/**
 * docs/performance.md lists every cache, memo and piece of long-lived state
 * in src/ (one row each, first cell `` `file` · `name` ``). This keeps it from
 * rotting: whatever is found here must have a row, and every row must name
 * something that exists.
 */

const KEPT = 'Map|Set|WeakMap|WeakSet|BoundedMap|TtlCache';

/**
 * What lives longer than a call, in one file's source:
 * - `const|let name = new Map()` (and the other kinds) at module level, made
 *   empty (a Map or Set made from a literal list is a constant table);
 * - a class field `private readonly name = new Map()` (or declared with a
 *   BoundedMap/TtlCache type and made in the constructor);
 * - any `new BoundedMap(` or `new TtlCache(` anywhere (closures keep them);
 * - a module-level `let` (a memo or a flag).
 */
function keptIn(source: string): string[] {
  const names = new Set<string>();
  const empty = new RegExp(
    `^(?:export )?(?:const|let) (\\w+)(?:: [^=]+)? = new (?:${KEPT})(?:<[^\\n]*>)?\\(\\s*\\)`,
    'gm',
  );
  const bounded = /(?:const|let|var) (\w+)(?:: [^=]+)? = new (?:BoundedMap|TtlCache)\b/g;
  const field = new RegExp(
    `^\\s+(?:(?:private|protected|public|static|readonly) )+(\\w+)(?:: [^=;]+)? = new (?:${KEPT})\\b`,
    'gm',
  );
  const typedField = /^\s+(?:(?:private|protected|public|static|readonly) )+(\w+): (?:BoundedMap|TtlCache)</gm;
  const moduleLet = /^(?:export )?let (\w+)/gm;
  const multiLine = new RegExp(`^(?:export )?const (\\w+) = new (?:${KEPT})<\\s*$`, 'gm');
  for (const re of [empty, bounded, field, typedField, moduleLet, multiLine])
    for (const m of source.matchAll(re)) names.add(m[1]!);
  return [...names];
}

function sources(): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) out.set(relative(REPO, path), readFileSync(path, 'utf8'));
    }
  };
  walk(join(REPO, 'src'));
  return out;
}

/** `file · name` of every row of the doc's tables. */
function rows(doc: string): { file: string; name: string }[] {
  return [...doc.matchAll(/^\| `([^`]+)` · `([^`]+)` \|/gm)].map((m) => ({ file: m[1]!, name: m[2]! }));
}

describe('docs/performance.md', () => {
  const doc = readFileSync(join(REPO, 'docs', 'performance.md'), 'utf8');
  const listed = rows(doc);
  const src = sources();

  it('has a row for every cache, memo and long-lived map or set in src/', () => {
    const missing: string[] = [];
    for (const [file, source] of src)
      for (const name of keptIn(source))
        if (!listed.some((r) => r.file === file && r.name === name)) missing.push(`${file} · ${name}`);
    expect(
      missing,
      'add a row to docs/performance.md for each (what it keeps, key, what clears it, bench row)',
    ).toEqual([]);
  });

  it('names only things that exist', () => {
    const stale = listed.filter((r) => {
      let text: string;
      try {
        text = readFileSync(join(REPO, r.file), 'utf8');
      } catch {
        return true;
      }
      return !text.includes(r.name);
    });
    expect(stale).toEqual([]);
  });

  it('labels every test that counts queries as a perf guard', () => {
    const unlabelled: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (entry.name.endsWith('.test.ts')) {
          const text = readFileSync(path, 'utf8');
          if (text.includes('query-counter.js') && !text.includes("'perf guard: "))
            unlabelled.push(relative(REPO, path));
        }
      }
    };
    walk(join(REPO, 'test'));
    expect(unlabelled).toEqual([]);
  });

  it('finds what it looks for (the check can fail)', () => {
    expect(listed.length).toBeGreaterThan(30);
    const sample = [
      'const cache = new Map<string, string | null>();',
      'let installed = false;',
      'const pending = new TtlCache<{ text: string }>(30 * 60_000, 200);',
      'const constants = new Set([1, 2]);',
      'class A {',
      '  private readonly tokens = new BoundedMap<string, number>(10);',
      '  private readonly seen: BoundedMap<string, number>;',
      '  run() {',
      '    const local = new Map<string, number>();',
      '    const statements = new BoundedMap<string, number>(max);',
      '  }',
      '}',
    ].join('\n');
    expect(keptIn(sample).sort()).toEqual(['cache', 'installed', 'pending', 'seen', 'statements', 'tokens']);
  });
});
