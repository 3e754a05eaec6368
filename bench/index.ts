/**
 * `npm run bench [-- --only feed] [--duration 10] [--warmup 2] [--connections 10] [--no-write]`
 *
 * Runs each section (one module per section; add new ones to SECTIONS) and
 * prints its figures. Sections that ran are written into bench/RESULTS.md,
 * each between its own markers, so one section can be re-run alone without
 * losing the others' figures. Timing goals live here, never in tests.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { commandsSection } from './commands.js';
import { feedSection } from './feed.js';
import { hasTaskset, pinSelf } from './load.js';
import { pageSection } from './page.js';
import { scaleSection } from './scale.js';
import { startupSection } from './startup.js';
import type { BenchOptions, BenchSection } from './types.js';

const SECTIONS: readonly BenchSection[] = [feedSection, pageSection, commandsSection, scaleSection, startupSection];

const RESULTS = new URL('./RESULTS.md', import.meta.url);

function positive(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name}: not a number: "${text}"`);
  return n;
}

function machine(): string {
  const list = cpus();
  // The load average says whether other work shared the machine (figures taken under load are lower).
  const load = loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
  return `${list.length} × ${list[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.version}, ${process.platform}, load average ${load}`;
}

/** Replaces (or appends) the block of one section in RESULTS.md. */
function writeSection(id: string, title: string, markdown: string, when: string): void {
  const start = `<!-- bench:${id} -->`;
  const end = `<!-- /bench:${id} -->`;
  const block = `${start}\n## ${title}\n\n_${when} · ${machine()}_\n\n${markdown}\n${end}`;
  let doc = existsSync(RESULTS)
    ? readFileSync(RESULTS, 'utf8')
    : '# Bench results\n\nWritten by `npm run bench` (see bench/index.ts). Absolute figures drift ±10–20 % between runs; ratios hold better.\n';
  const from = doc.indexOf(start);
  const to = doc.indexOf(end);
  doc =
    from !== -1 && to > from
      ? `${doc.slice(0, from)}${block}${doc.slice(to + end.length)}`
      : `${doc.trimEnd()}\n\n${block}\n`;
  writeFileSync(RESULTS, doc);
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      only: { type: 'string', multiple: true },
      duration: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '2' },
      connections: { type: 'string', default: '10' },
      'no-write': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(
      `npm run bench -- [--only ${SECTIONS.map((s) => s.id).join('|')}] [--duration s] [--warmup s] [--connections n] [--no-write]\n`,
    );
    return 0;
  }
  const unknown = (values.only ?? []).filter((id) => !SECTIONS.some((s) => s.id === id));
  if (unknown.length > 0) throw new Error(`--only: no section ${unknown.join(', ')}`);
  const chosen = values.only ? SECTIONS.filter((s) => values.only!.includes(s.id)) : SECTIONS;
  // Two CPUs or more: the server on one, the load generator on another (as docs/performance.md describes).
  const pin = hasTaskset() && cpus().length >= 2;
  const options: BenchOptions = {
    duration: positive('duration', values.duration),
    warmup: positive('warmup', values.warmup),
    connections: Math.max(1, Math.round(positive('connections', values.connections))),
    serverCpu: pin ? '0' : null,
    clientCpu: pin ? '1' : null,
  };
  pinSelf(options.clientCpu);
  process.stdout.write(`${machine()}\n\n`);
  let failed = 0;
  for (const section of chosen) {
    process.stdout.write(`== ${section.title}\n`);
    try {
      const result = await section.run(options);
      process.stdout.write(`${result.text}\n\n`);
      if (!values['no-write']) writeSection(section.id, section.title, result.markdown, new Date().toISOString());
    } catch (error) {
      failed += 1;
      process.stdout.write(`FAILED: ${(error as Error).stack ?? String(error)}\n\n`);
    }
  }
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: Error) => {
    process.stderr.write(`bench: ${error.message}\n`);
    process.exitCode = 2;
  },
);
