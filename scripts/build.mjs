#!/usr/bin/env node
/**
 * `npm run build` (and `prepare`, so `npm ci` runs it): bundles src/cli.ts
 * and what it imports into dist/cli.js with esbuild, for `npm start` and
 * bin/dialogue-bot.js. Types are checked by `npm run typecheck`, not here;
 * tests run from src/ under vitest.
 *
 * Why a bundle: Node's ESM loader resolves, reads and compiles each module
 * file on its own. The compiled tree was ~1,100 files at start (kysely alone
 * ~260, zod ~95, yaml ~70); one file with only what is used (esbuild drops
 * what nothing imports, e.g. most of kysely and zod/mini) starts faster and
 * holds less code (bench/RESULTS.md, startup).
 *
 * Kept as packages (loaded from node_modules at run time):
 * - @slack/*: Bolt stays exactly the Bolt the bench's bare app loads, and is
 *   CommonJS with optional parts of its own;
 * - better-sqlite3 (native), pg (loaded only for Postgres), date-holidays
 *   (required on first use).
 * Code loaded with `import()` on first use goes to dist/chunks/.
 *
 * `node scripts/build.mjs [--outdir DIR]` (default dist/).
 */
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export const EXTERNAL = ['@slack/*', 'better-sqlite3', 'pg', 'date-holidays'];

/** Builds the app into `outdir` (emptied first); returns the path of its cli.js. */
export async function buildApp(outdir = join(REPO, 'dist')) {
  rmSync(outdir, { recursive: true, force: true });
  await build({
    absWorkingDir: REPO,
    entryPoints: { cli: 'src/cli.ts' },
    outdir,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.11',
    external: EXTERNAL,
    // CommonJS packages in an ES module bundle still call require() (for node: built-ins).
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
    },
    // Whitespace and comments out, names kept (stack traces still name functions; `node
    // --enable-source-maps` maps their positions to src/). Comments in packages' code carry
    // non-Latin-1 characters, and one such character makes V8 hold a file's whole source
    // (kept for lazy compilation) as UTF-16: twice the memory, ~2 MB more at start.
    minifyWhitespace: true,
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  // dist/ may sit outside the repo's package.json scope (the bench builds under node_modules/.cache).
  writeFileSync(join(outdir, 'package.json'), '{ "type": "module" }\n');
  return join(outdir, 'cli.js');
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const { values } = parseArgs({ options: { outdir: { type: 'string' } } });
  await buildApp(values.outdir ? resolve(values.outdir) : undefined);
}
