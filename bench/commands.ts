import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { messages } from '../src/i18n/index.js';
import { appEnv, prepareAppStore } from './app-store.js';
import { buildForBench } from './build.js';
import { BOT_TOKEN, FakeSlackProc, freePort, Proc, SIGNING_SECRET } from './procs.js';
import { type LoadResult, type SlashCommand, slashLoad, stampedRequest } from './slash.js';
import { markdownTable } from './table.js';
import type { BenchOptions, BenchSection, SectionResult } from './types.js';

export const LEVELS = [1, 10, 50] as const;
const NEXT: SlashCommand = { command: '/dialogue', text: 'next' };
const LIST: SlashCommand = { command: '/commitments', text: 'list' };

export function fmt(n: number, digits = 0): string {
  if (!Number.isFinite(n)) return '–';
  return n.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Latency in ms, to the precision it deserves. */
export function ms(n: number): string {
  // autocannon reports whole milliseconds: show those as they are.
  return fmt(n, Number.isInteger(n) ? 0 : n < 10 ? 2 : n < 100 ? 1 : 0);
}

interface Case {
  readonly server: 'bare' | 'app';
  readonly command: SlashCommand;
  readonly connections: number;
  readonly load: LoadResult;
  /** Server CPU per command, µs, including work done after the ack until the answer was posted. */
  readonly cpuPerCommand: number;
  /** Answers (in the ack, or posted to the response_url), per second of load plus the drain after it (app only). */
  readonly answersPerSec: number | null;
  readonly answerP50: number | null;
  readonly answerP99: number | null;
  readonly answered: number | null;
}

async function runCase(
  server: Proc,
  port: number,
  kind: 'bare' | 'app',
  command: SlashCommand,
  connections: number,
  fake: FakeSlackProc,
  options: BenchOptions,
): Promise<Case> {
  if (options.warmup > 0) {
    await slashLoad(port, command, fake.url, connections, options.warmup);
    await fake.drain(Number.POSITIVE_INFINITY, 300, 10_000);
  }
  await fake.reset();
  const before = server.cpu();
  const t0 = performance.now();
  const load = await slashLoad(port, command, fake.url, connections, options.duration);
  let answered: number | null = null;
  let answersPerSec: number | null = null;
  let answerP50: number | null = null;
  let answerP99: number | null = null;
  if (kind === 'app') {
    // Answers not given in the ack go to the response_url: wait for those.
    await fake.drain(load.ok - load.answeredInAck);
    const s = await fake.stats();
    answered = load.answeredInAck + s.count;
    answersPerSec = answered / ((performance.now() - t0) / 1000);
    answerP50 = s.count > 0 ? s.p50 : null;
    answerP99 = s.count > 0 ? s.p99 : null;
  }
  const cpuPerCommand = (server.cpu() - before) / Math.max(1, load.ok);
  return { server: kind, command, connections, load, cpuPerCommand, answersPerSec, answerP50, answerP99, answered };
}

/**
 * Signed `/dialogue next` and `/commitments list` through the real app (HTTP
 * mode, SQLite, the fake Slack on loopback) against a bare Bolt app that only
 * acks, both run as `node` on compiled JavaScript, pinned to the same CPU.
 */
export const commandsSection: BenchSection = {
  id: 'commands',
  title: 'Slash commands: the app against a bare Bolt 5.1 app that only acks',
  async run(options: BenchOptions): Promise<SectionResult> {
    const build = buildForBench();
    const dir = mkdtempSync(join(tmpdir(), 'bench-commands-'));
    const dbUrl = `sqlite:${join(dir, 'bench.db')}`;
    const stops: (() => Promise<void>)[] = [];
    try {
      await prepareAppStore(dbUrl, dir);
      const fake = await FakeSlackProc.start(options.clientCpu);
      stops.push(() => fake.stop());
      const barePort = await freePort();
      const bare = Proc.spawn(
        'bare Bolt',
        build.bareBolt,
        [],
        {
          PATH: process.env.PATH,
          PORT: String(barePort),
          SLACK_BOT_TOKEN: BOT_TOKEN,
          SLACK_SIGNING_SECRET: SIGNING_SECRET,
          SLACK_API_URL: fake.url,
        },
        options.serverCpu,
      );
      stops.push(() => bare.stop());
      const appPort = await freePort();
      const app = Proc.spawn('app', build.cli, ['start'], appEnv(appPort, dbUrl, fake.url), options.serverCpu);
      stops.push(() => app.stop());
      await bare.healthy(barePort);
      await app.healthy(appPort);
      // The app's scheduler ticks on the minute; its first tick after a start plans every
      // dialogue (a few hundred ms, shown in the scale section). Let it pass before measuring
      // commands, or it lands in whichever case runs then.
      await new Promise((r) => setTimeout(r, 60_000 - (Date.now() % 60_000) + 2_000));

      // One answer of each, to show the app answers for real (not an error).
      const samples: string[] = [];
      for (const c of [NEXT, LIST]) {
        await fake.reset();
        const { body, headers } = stampedRequest(c, fake.url);
        const res = await fetch(`http://127.0.0.1:${appPort}/slack/events`, { method: 'POST', headers, body });
        if (res.status !== 200) throw new Error(`${c.command} ${c.text} answered ${res.status}`);
        // In the ack when the user's locale is known, else (the first command) through the response_url.
        let answer = await res.text();
        if (!answer) {
          await fake.drain(1, 5_000);
          const s = await fake.stats();
          if (s.count !== 1) throw new Error(`no answer to ${c.command} ${c.text} reached the fake Slack`);
          answer = s.last;
        }
        if (answer.includes(JSON.stringify(messages('en').errors.internal).slice(1, -1)))
          throw new Error(`${c.command} ${c.text} failed in the app: ${answer}`);
        samples.push(`${c.command} ${c.text} → ${answer.slice(0, 160)}…`);
      }

      const cases: Case[] = [];
      for (const connections of LEVELS) {
        // Interleaved per level, so drift over the run hits every server alike.
        cases.push(await runCase(bare, barePort, 'bare', NEXT, connections, fake, options));
        cases.push(await runCase(app, appPort, 'app', NEXT, connections, fake, options));
        cases.push(await runCase(app, appPort, 'app', LIST, connections, fake, options));
      }
      return report(cases, samples, options);
    } finally {
      for (const stop of stops.reverse()) await stop().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

function report(cases: Case[], samples: string[], options: BenchOptions): SectionResult {
  const setup = `${options.duration} s per case after ${options.warmup} s warm-up, store sqlite (seeded Mexico–UK dialogue: next round fixed, owners and due dates on every commitment), fake Slack in its own process${options.serverCpu !== null ? `, servers on CPU ${options.serverCpu}, load generator and fake Slack on CPU ${options.clientCpu}` : ''}. Measured after the app's first scheduler tick (a once-per-start planning pass). Latency = the HTTP answer (the ack, which carries the reply when it is ready in time); "in ack" = replies given in the ack; "answer p50/p99" = time until a reply reached the response_url, for the others.`;
  const rows = cases.map((c) => {
    const bare = cases.find((b) => b.server === 'bare' && b.connections === c.connections)!;
    const who = c.server === 'bare' ? 'bare Bolt (ack only)' : `app ${c.command.command} ${c.command.text}`;
    const tput = c.load.reqPerSec / bare.load.reqPerSec;
    const p99 = c.load.p99 / bare.load.p99;
    return {
      c,
      cells: [
        who,
        String(c.connections),
        fmt(c.load.reqPerSec),
        ms(c.load.p50),
        ms(c.load.p99),
        c.server === 'bare' ? '1' : fmt(tput, 2),
        c.server === 'bare' ? '1' : fmt(p99, 2),
        c.answersPerSec === null ? '–' : fmt(c.answersPerSec),
        c.server === 'bare' ? '–' : fmt(c.load.answeredInAck),
        c.answerP50 === null ? '–' : ms(c.answerP50),
        c.answerP99 === null ? '–' : ms(c.answerP99),
        fmt(c.cpuPerCommand),
        `${fmt(c.load.ok)}${c.load.total > c.load.ok ? ` (+${fmt(c.load.total - c.load.ok)} non-2xx)` : ''}${c.load.errors ? ` errors×${c.load.errors}` : ''}${c.answered !== null && c.answered < c.load.ok ? `, ${fmt(c.load.ok - c.answered)} unanswered` : ''}${c.load.failedInAck ? `, ${fmt(c.load.failedInAck)} FAILED` : ''}`,
      ],
    };
  });
  const head = [
    'server',
    'conns',
    'req/s',
    'p50 ms',
    'p99 ms',
    'req/s ÷ bare',
    'p99 ÷ bare',
    'answers/s',
    'in ack',
    'answer p50',
    'answer p99',
    'CPU µs/cmd',
    'acked',
  ];
  const appRows = rows.filter((r) => r.c.server === 'app');
  const worstTput = Math.min(
    ...appRows.map(
      (r) =>
        r.c.load.reqPerSec /
        cases.find((b) => b.server === 'bare' && b.connections === r.c.connections)!.load.reqPerSec,
    ),
  );
  const worstP99 = Math.max(
    ...appRows.map(
      (r) => r.c.load.p99 / cases.find((b) => b.server === 'bare' && b.connections === r.c.connections)!.load.p99,
    ),
  );
  const verdict = `Worst case: throughput ${fmt(worstTput, 2)}× bare (target ≥ 0.8: ${worstTput >= 0.8 ? 'met' : 'MISSED'}), p99 ${fmt(worstP99, 2)}× bare (target ≤ 1.25: ${worstP99 <= 1.25 ? 'met' : 'MISSED'}).`;
  const table = markdownTable(
    head,
    rows.map((r) => r.cells),
  );
  const markdown = [setup, '', table, '', verdict].join('\n');
  const text = [setup, ...samples, '', table, '', verdict].join('\n');
  return { text, markdown };
}
