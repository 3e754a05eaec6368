/**
 * Builds what the process benches run as plain JavaScript, so both servers
 * start and run as in production, without tsx's loader in the way of start
 * time or memory: the app exactly as `npm run build` bundles it for `node
 * dist/cli.js start` (scripts/build.mjs), and the bare Bolt app transpiled.
 * The output sits under node_modules/.cache so that packages resolve from the
 * repo's node_modules; the shared dist/ is left alone.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const REPO = fileURLToPath(new URL('..', import.meta.url));
/**
 * One folder per bench process: engineers sharing a checkout run benches at
 * the same time, and a second run's rebuild must not replace (or delete the
 * code cache of) the servers of a run in progress. Removed when the process exits.
 */
const OUT = join(REPO, 'node_modules', '.cache', `dialogue-bench-${process.pid}`);

export interface Build {
  /** `node <cli> start` runs the app as `npm start` does. */
  readonly cli: string;
  /** The bare Bolt app (bench/bare-bolt.ts). */
  readonly bareBolt: string;
}

let built: Build | null = null;

/** Builds once per bench run (type errors are `npm test`'s business, not the bench's). */
export function buildForBench(): Build {
  if (built) return built;
  rmSync(OUT, { recursive: true, force: true });
  process.once('exit', () => rmSync(OUT, { recursive: true, force: true }));
  const app = join(OUT, 'app');
  execFileSync(process.execPath, [join(REPO, 'scripts', 'build.mjs'), '--outdir', app], { stdio: 'inherit' });
  const bare = join(REPO, 'bench', 'bare-bolt.ts');
  const { outputText } = ts.transpileModule(readFileSync(bare, 'utf8'), {
    fileName: bare,
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      verbatimModuleSyntax: true,
      esModuleInterop: true,
    },
  });
  mkdirSync(join(OUT, 'bench'), { recursive: true });
  writeFileSync(join(OUT, 'bench', 'bare-bolt.js'), outputText);
  // ESM like the repo itself.
  writeFileSync(join(OUT, 'package.json'), '{ "type": "module" }\n');
  built = { cli: join(app, 'cli.js'), bareBolt: join(OUT, 'bench', 'bare-bolt.js') };
  return built;
}
