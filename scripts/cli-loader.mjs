// dist/cli.js (copied here by scripts/build.mjs): runs the bundle, dist/app.cjs,
// through V8's code cache, and is what `node dist/cli.js <verb>` and
// bin/dialogue-bot.js load.
//
// Compiling the bundle, and then each of its functions the first time it runs,
// was the largest part of the app's own start-up. The first process after a
// build compiles as usual and, on exit, writes what V8 compiled by then to
// dist/app.cjs.cache; later processes start from it (Node 22's
// module.enableCompileCache() does the same, which Node 20 lacks). V8 rejects a
// cache made for other source, another V8 or other flags; the next exit then
// writes a fresh one. A dist/ that cannot be written just runs uncached. With
// `node --enable-source-maps` the bundle is require()d instead, uncached, so
// that stack traces name src/ files and lines.
import { readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

const here = dirname(fileURLToPath(import.meta.url));
const bundle = join(here, 'app.cjs');
const cacheFile = `${bundle}.cache`;

function load() {
  // Node maps stack traces through source maps for modules it loads itself, not for node:vm scripts.
  if (process.sourceMapsEnabled) return createRequire(import.meta.url)(bundle);
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // None yet.
  }
  // The CommonJS wrapper on a line of its own; lineOffset keeps the bundle's line numbers (source map, traces).
  const source = `(function (exports, require, module, __filename, __dirname) {\n${readFileSync(bundle, 'utf8')}\n})`;
  const script = new Script(source, { filename: bundle, lineOffset: -1, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, here);
  if (cachedData === undefined || script.cachedDataRejected) {
    process.once('exit', () => {
      const tmp = `${cacheFile}.${process.pid}`;
      try {
        writeFileSync(tmp, script.createCachedData());
        renameSync(tmp, cacheFile);
      } catch {
        rmSync(tmp, { force: true });
      }
    });
  }
  return module.exports;
}

export const { runCli, EXIT } = load();

function isEntryPoint() {
  try {
    return realpathSync(process.argv[1] ?? '') === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  process.exitCode = await runCli(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
  });
}
