/**
 * Compiles what the process benches run (src/** and the bare Bolt app) to
 * plain JavaScript, so both servers start and run as in production (`node
 * dist/cli.js start`), without tsx's loader in the way of start time or
 * memory. The output sits under node_modules/.cache so that packages resolve
 * from the repo's node_modules; the shared dist/ is left alone.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const REPO = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(REPO, 'node_modules', '.cache', 'dialogue-bench');

export interface Build {
  /** `node <cli> start` runs the app as `npm start` does. */
  readonly cli: string;
  /** The bare Bolt app (bench/bare-bolt.ts). */
  readonly bareBolt: string;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return tsFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

let built: Build | null = null;

/** Transpiles once per bench run (type errors are `npm test`'s business, not the bench's). */
export function buildForBench(): Build {
  if (built) return built;
  rmSync(OUT, { recursive: true, force: true });
  const files = [...tsFiles(join(REPO, 'src')), join(REPO, 'bench', 'bare-bolt.ts')];
  for (const file of files) {
    const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
      fileName: file,
      compilerOptions: {
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.ESNext,
        verbatimModuleSyntax: true,
        esModuleInterop: true,
      },
    });
    const out = join(OUT, relative(REPO, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, outputText);
  }
  // ESM like the repo itself.
  writeFileSync(join(OUT, 'package.json'), '{ "type": "module" }\n');
  built = { cli: join(OUT, 'src', 'cli.js'), bareBolt: join(OUT, 'bench', 'bare-bolt.js') };
  return built;
}
