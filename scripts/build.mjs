#!/usr/bin/env node
/**
 * `npm run build` (and `prepare`, so `npm ci` runs it): bundles src/cli.ts
 * and what it imports into dist/app.cjs with esbuild, beside dist/cli.js
 * (scripts/cli-loader.mjs), which runs it for `npm start` and
 * bin/dialogue-bot.js through V8's code cache. Types are checked by
 * `npm run typecheck`, not here; tests run from src/ under vitest.
 *
 * Why a bundle: Node's ESM loader resolves, reads and compiles each module
 * file on its own. The compiled tree was ~1,100 files at start (kysely alone
 * ~260, zod ~95, yaml ~70); one file with only what is used (esbuild drops
 * what nothing imports) starts faster and holds less code (bench/RESULTS.md,
 * startup). Why CommonJS: V8's code cache is open to scripts (node:vm), not
 * to ES modules, on Node 20.
 *
 * Kept as packages (loaded from node_modules at run time):
 * - @slack/*: Bolt stays exactly the Bolt the bench's bare app loads, and is
 *   CommonJS with optional parts of its own;
 * - better-sqlite3 (native), pg (loaded only for Postgres), date-holidays
 *   (required on first use), docx (the briefing pack's import() on first
 *   use: ~450 KB bundled, which the source held from start cost every process
 *   ~2 MB of RSS; bench/RESULTS.md, startup).
 * Modules that src/ import() on first use stay unevaluated until then.
 *
 * `node scripts/build.mjs [--outdir DIR]` (default dist/).
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export const EXTERNAL = ['@slack/*', 'better-sqlite3', 'pg', 'date-holidays', 'docx'];

/** Builds the app into `outdir`; returns the path of its cli.js. */
export async function buildApp(outdir = join(REPO, 'dist')) {
  // Emptied, but for the code cache: V8 accepts it only for the very source it was made from, so
  // it survives a rebuild of unchanged sources (`npm start` builds first) and is replaced otherwise.
  mkdirSync(outdir, { recursive: true });
  for (const entry of readdirSync(outdir)) {
    if (entry !== 'app.cjs.cache') rmSync(join(outdir, entry), { recursive: true, force: true });
  }
  await build({
    absWorkingDir: REPO,
    entryPoints: ['src/cli.ts'],
    outfile: join(outdir, 'app.cjs'),
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20.11',
    external: EXTERNAL,
    // import() of a package or built-in becomes require(): the loader runs the bundle as a
    // script (node:vm), which has no module loader for import().
    supported: { 'dynamic-import': false },
    // import.meta in CommonJS: the bundle's own URL (src/ uses it with createRequire and to spot its entry point).
    define: { 'import.meta.url': '__importMetaUrl' },
    // ("use strict" first: src/ is ES modules, strict throughout, and a directive after the banner would be none.)
    banner: { js: "'use strict';\nvar __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    // Whitespace and comments out, names kept (stack traces still name functions; `node
    // --enable-source-maps` maps their positions to src/). Comments in packages' code carry
    // non-Latin-1 characters, and one such character makes V8 hold a file's whole source
    // (kept for lazy compilation) as UTF-16: twice the memory, ~2 MB more at start.
    minifyWhitespace: true,
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  // src/cli.ts's #! line is kept by esbuild and is a syntax error inside the loader's wrapper:
  // blanked, so that line numbers (and the source map) stay as they are.
  const app = join(outdir, 'app.cjs');
  writeFileSync(app, readFileSync(app, 'utf8').replace(/^#!.*/, ''));
  copyFileSync(join(REPO, 'scripts', 'cli-loader.mjs'), join(outdir, 'cli.js'));
  // dist/ may sit outside the repo's package.json scope (the bench builds under node_modules/.cache).
  writeFileSync(join(outdir, 'package.json'), '{ "type": "module" }\n');
  return join(outdir, 'cli.js');
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const { values } = parseArgs({ options: { outdir: { type: 'string' } } });
  await buildApp(values.outdir ? resolve(values.outdir) : undefined);
}
