#!/usr/bin/env node
// Entry point of the `dialogue-bot` command. The TypeScript is bundled into
// dist/ by `npm ci` (prepare) or `npm run build` (scripts/build.mjs).
import { runCli } from '../dist/cli.js';

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
