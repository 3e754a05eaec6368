import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appEnv, prepareAppStore } from './app-store.js';
import { buildForBench } from './build.js';
import { fmt, ms } from './commands.js';
import { BOT_TOKEN, FakeSlackProc, freePort, Proc, SIGNING_SECRET } from './procs.js';
import { slashLoad } from './slash.js';
import { markdownTable } from './table.js';
import type { BenchOptions, BenchSection, SectionResult } from './types.js';

/** Starts per server (interleaved); the figures are medians. */
const STARTS = 5;
/**
 * The last starts of each server that also take the command load. RSS after
 * load is mostly garbage awaiting the next full GC, so one reading swings by
 * ±20 MB from run to run for the same build: the figure is their median.
 */
const LOADED = 3;
/** Settling time before "RSS after start" is read. */
const SETTLE_MS = 1_000;
const CONNECTIONS = 10;

interface Started {
  readonly proc: Proc;
  readonly port: number;
  readonly startMs: number;
  readonly rss: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const sleep = (t: number) => new Promise((r) => setTimeout(r, t));

/**
 * Process start → first `/healthz` 200, and resident memory after start and
 * after a command load: the app (`node cli.js start`, HTTP mode, SQLite)
 * against the bare Bolt app, both plain JavaScript (bench/build.ts) on the same CPU.
 */
export const startupSection: BenchSection = {
  id: 'startup',
  title: 'Start and memory: the app against a bare Bolt 5.1 app',
  async run(options: BenchOptions): Promise<SectionResult> {
    const build = buildForBench();
    const dir = mkdtempSync(join(tmpdir(), 'bench-startup-'));
    const dbUrl = `sqlite:${join(dir, 'bench.db')}`;
    const live: Proc[] = [];
    let fake: FakeSlackProc | null = null;
    try {
      fake = await FakeSlackProc.start(options.clientCpu);
      const slackUrl = fake.url;
      const bareEnv = (port: number): NodeJS.ProcessEnv => ({
        PATH: process.env.PATH,
        PORT: String(port),
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: slackUrl,
      });
      const start = async (kind: 'bare' | 'app'): Promise<Started> => {
        const port = await freePort();
        const proc =
          kind === 'bare'
            ? Proc.spawn('bare Bolt', build.bareBolt, [], bareEnv(port), options.serverCpu)
            : Proc.spawn('app', build.cli, ['start'], appEnv(port, dbUrl, slackUrl), options.serverCpu);
        live.push(proc);
        const startMs = await proc.healthy(port);
        await sleep(SETTLE_MS);
        return { proc, port, startMs, rss: proc.rss() };
      };

      // First start on an empty store: migrations and the seed from config/ (and, on exit, the code cache: scripts/cli-loader.mjs).
      const first = await start('app');
      await first.proc.stop();
      await prepareAppStore(dbUrl, dir);

      const runs: Record<'bare' | 'app', Started[]> = { bare: [], app: [] };
      const afterLoad: Record<'bare' | 'app', number[]> = { bare: [], app: [] };
      for (let i = 0; i < STARTS; i++) {
        for (const kind of ['bare', 'app'] as const) {
          const s = await start(kind);
          runs[kind].push(s);
          if (i >= STARTS - LOADED) {
            // Signed `/commitments list` (the bare app acks it).
            await fake.reset();
            const r = await slashLoad(
              s.port,
              { command: '/commitments', text: 'list' },
              slackUrl,
              CONNECTIONS,
              options.duration,
            );
            if (kind === 'app') await fake.drain(r.ok - r.answeredInAck);
            await sleep(SETTLE_MS);
            afterLoad[kind].push(s.proc.rss());
          }
          await s.proc.stop();
        }
      }

      const startBare = median(runs.bare.map((s) => s.startMs));
      const startApp = median(runs.app.map((s) => s.startMs));
      const rssBare = median(runs.bare.map((s) => s.rss));
      const rssApp = median(runs.app.map((s) => s.rss));
      const loadBare = median(afterLoad.bare);
      const loadApp = median(afterLoad.app);
      const rows: [string, string, string, string, string][] = [
        ['process start → /healthz 200, ms', ms(startBare), ms(startApp), fmt(startApp / startBare, 2), '≤ 1.5'],
        ['RSS after start, MB', fmt(rssBare, 1), fmt(rssApp, 1), fmt(rssApp / rssBare, 2), '≤ 1.3'],
        [
          `RSS after ${options.duration} s of \`/commitments list\` at ${CONNECTIONS} connections, MB`,
          fmt(loadBare, 1),
          fmt(loadApp, 1),
          fmt(loadApp / loadBare, 2),
          '≤ 1.3',
        ],
        ['first start on an empty store (migrate, seed), ms', '–', ms(first.startMs), '', ''],
      ];
      const verdict = (ratio: number, max: number) => (ratio <= max ? 'met' : 'MISSED');
      const summary = `Start ${fmt(startApp / startBare, 2)}× bare (target ≤ 1.5: ${verdict(startApp / startBare, 1.5)}); memory ${fmt(rssApp / rssBare, 2)}× after start and ${fmt(loadApp / loadBare, 2)}× after load (target ≤ 1.3: ${verdict(Math.max(rssApp / rssBare, loadApp / loadBare), 1.3)}).`;
      const setup = `Medians of ${STARTS} interleaved starts each, JavaScript run by \`node\` (the app: \`cli.js start\` as \`npm run build\` bundles it, in HTTP mode on the seeded SQLite store, its code cache written by the first start; the bare app transpiled, the same Bolt from node_modules), RSS read from /proc ${SETTLE_MS} ms after the event (after load: the median of the last ${LOADED} starts of each, each loaded alone)${options.serverCpu !== null ? `, servers on CPU ${options.serverCpu}` : ''}.`;
      const head = ['', 'bare Bolt', 'app', 'app ÷ bare', 'target'];
      const markdown = [setup, '', markdownTable(head, rows), '', summary].join('\n');
      return { text: markdown, markdown };
    } finally {
      for (const p of live) await p.stop().catch(() => {});
      await fake?.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
