import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../support/store.js';

/**
 * The import graph of src/, type-only imports included (a type cycle ties
 * modules together as much as a value cycle does), read from the sources.
 */
function importGraph(): Map<string, string[]> {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) files.push(relative(REPO, path));
    }
  };
  walk(join(REPO, 'src'));
  const graph = new Map<string, string[]>();
  const spec =
    /(?:^|\n)\s*(?:import|export)\s(?:[^'";]*?\sfrom\s)?['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;
  for (const file of files) {
    const source = readFileSync(join(REPO, file), 'utf8');
    const deps = [...source.matchAll(spec)].map((m) =>
      normalize(join(dirname(file), (m[1] ?? m[2])!.replace(/\.js$/, '.ts'))),
    );
    graph.set(file, deps);
  }
  return graph;
}

/** Strongly connected components with more than one module (or a module importing itself): the cycles. */
function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const stack: string[] = [];
  const onStack = new Set<string>();
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const found: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || graph.get(v)?.includes(v)) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return found;
}

/** `src/services/x.ts` → `services`; `src/main.ts` → `main`. */
const layerOf = (file: string) => file.split('/')[1]!.replace(/\.ts$/, '');

/** What each layer may import of ours (README "Layers"): data flows edge → service → domain. */
const MAY_NOT_IMPORT: Record<string, readonly string[]> = {
  domain: ['*'], // nothing of ours but domain
  lib: ['*'], // small neutral helpers (the bounded map every cache uses): nothing of ours
  store: [
    'services',
    'commands',
    'presentation',
    'slack',
    'calendar',
    'page',
    'scheduler',
    'cli',
    'cli.ts',
    'main',
    'core',
    'http',
  ],
  services: ['commands', 'slack', 'calendar', 'page', 'scheduler', 'cli', 'cli.ts', 'main', 'core', 'http'],
  presentation: [
    'commands',
    'slack',
    'calendar',
    'page',
    'scheduler',
    'cli',
    'cli.ts',
    'main',
    'core',
    'http',
    'store',
  ],
  commands: ['slack', 'calendar', 'page', 'scheduler', 'cli', 'cli.ts', 'main', 'core', 'http', 'store'],
  calendar: ['slack', 'commands', 'page', 'scheduler', 'cli', 'cli.ts', 'main', 'core', 'store'],
  // The page's HTTP route, like the calendar's: an edge that reads through services.
  page: ['slack', 'commands', 'calendar', 'scheduler', 'cli', 'cli.ts', 'main', 'core', 'store'],
  scheduler: ['slack', 'commands', 'calendar', 'page', 'scheduler', 'cli', 'cli.ts', 'main', 'core', 'store'],
  slack: ['cli', 'cli.ts', 'main', 'calendar', 'page', 'scheduler', 'store'],
};

/** Packages that do I/O or talk to Slack: never in the pure domain. */
const IMPURE_PACKAGES = /^(?:node:|pg$|better-sqlite3$|kysely$|@slack\/|pino$|node-cron$|date-holidays$)/;

describe('the module structure', () => {
  const graph = importGraph();

  it('reads a graph of the whole of src/', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get('src/main.ts')).toContain('src/core.ts');
  });

  it('has no import cycle anywhere in src/ (type-only imports included)', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('keeps each layer to the imports the README allows', () => {
    const broken: string[] = [];
    for (const [file, deps] of graph) {
      const from = layerOf(file);
      const banned = MAY_NOT_IMPORT[from];
      if (!banned) continue;
      for (const dep of deps) {
        const to = layerOf(dep);
        if (to === from) continue;
        if (banned.includes('*') || banned.includes(to)) broken.push(`${file} → ${dep}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('keeps the domain free of I/O packages (time, storage and calendars are parameters)', () => {
    const broken: string[] = [];
    for (const file of graph.keys()) {
      if (layerOf(file) !== 'domain') continue;
      const source = readFileSync(join(REPO, file), 'utf8');
      for (const m of source.matchAll(/(?:from|import\()\s*['"]([^'".][^'"]*)['"]/g))
        if (IMPURE_PACKAGES.test(m[1]!)) broken.push(`${file} → ${m[1]}`);
    }
    expect(broken).toEqual([]);
  });

  it('would notice a cycle and a layer break (the checks can fail)', () => {
    const fake = new Map([
      ['src/services/a.ts', ['src/commands/b.ts']],
      ['src/commands/b.ts', ['src/services/a.ts']],
    ]);
    expect(cycles(fake)).toEqual([['src/commands/b.ts', 'src/services/a.ts']]);
    expect(MAY_NOT_IMPORT.services).toContain(layerOf('src/commands/b.ts'));
  });
});
