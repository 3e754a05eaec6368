import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { BenchServer, type Measurement, measure } from './load.js';
import type { BenchOptions, BenchSection, SectionResult } from './types.js';

const SERVER = new URL('./feed-server.ts', import.meta.url);

function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function statusText(m: Measurement): string {
  return Object.entries(m.statuses)
    .map(([code, n]) => `${code}×${fmt(n)}`)
    .join(' ');
}

/**
 * Calendar feed throughput: our feed route (token lookup, revision check,
 * cached bytes) against a plain node:http server answering the very same
 * bytes, for full answers (200) and revalidations (304).
 */
export const feedSection: BenchSection = {
  id: 'feed',
  title: 'Calendar feed: 200 and 304 against plain node:http with the same bytes',
  async run(options: BenchOptions): Promise<SectionResult> {
    const dir = mkdtempSync(join(tmpdir(), 'bench-feed-'));
    const dbUrl = process.env.BENCH_DATABASE_URL ?? `sqlite:${join(dir, 'bench.db')}`;
    const servers: BenchServer[] = [];
    try {
      const app = await BenchServer.start(SERVER, ['app', dbUrl, dir], options.serverCpu);
      servers.push(app);
      const appPath = app.info.path!;
      const first = await fetch(`http://127.0.0.1:${app.port}${appPath}`);
      if (first.status !== 200) throw new Error(`feed answered ${first.status}`);
      const body = Buffer.from(await first.arrayBuffer());
      const etag = first.headers.get('etag')!;
      const file = join(dir, 'feed.ics');
      writeFileSync(file, body);
      const plain = await BenchServer.start(SERVER, ['plain', file, etag], options.serverCpu);
      servers.push(plain);
      const plainBody = Buffer.from(await (await fetch(`http://127.0.0.1:${plain.port}/feed.ics`)).arrayBuffer());
      if (!plainBody.equals(body)) throw new Error('the plain server does not answer the same bytes');
      for (const s of [app, plain]) {
        const path = s === app ? appPath : '/feed.ics';
        const r = await fetch(`http://127.0.0.1:${s.port}${path}`, { headers: { 'if-none-match': etag } });
        if (r.status !== 304) throw new Error(`expected 304 from the ${s === app ? 'feed' : 'plain'} server`);
      }

      const cond = { 'if-none-match': etag };
      // Interleaved, so drift over the run hits both servers alike.
      const app200 = await measure(app, appPath, {}, options);
      const plain200 = await measure(plain, '/feed.ics', {}, options);
      const app304 = await measure(app, appPath, cond, options);
      const plain304 = await measure(plain, '/feed.ics', cond, options);

      const rows: [string, Measurement][] = [
        ['feed route, 200', app200],
        ['plain node:http, 200', plain200],
        ['feed route, 304', app304],
        ['plain node:http, 304', plain304],
      ];
      const ratio200 = app200.reqPerSec / plain200.reqPerSec;
      const ratio304 = app304.reqPerSec / plain304.reqPerSec;
      const cpu200 = app200.cpuPerRequest / plain200.cpuPerRequest;
      const cpu304 = app304.cpuPerRequest / plain304.cpuPerRequest;
      const setup = `body ${fmt(body.length)} bytes, store ${app.info.db}, ${options.connections} connections, ${options.duration} s per case after ${options.warmup} s warm-up${options.serverCpu !== null ? `, server on CPU ${options.serverCpu}, load on CPU ${options.clientCpu}` : ''}`;

      const busy = loadavg()[0]! > cpus().length;
      const caveat = busy
        ? `Taken on a busy machine (load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} CPUs): absolute figures are low and noisy; the CPU-per-request ratio is the steadier comparison.`
        : null;

      const text = [
        setup,
        ...rows.map(
          ([label, m]) =>
            `${label.padEnd(22)} ${fmt(m.reqPerSec).padStart(8)} req/s  p50 ${m.p50} ms  p99 ${m.p99} ms  ${fmt(m.cpuPerRequest, 1)} µs CPU/req  [${statusText(m)}${m.errors ? ` errors×${m.errors}` : ''}]`,
        ),
        `ratio feed/plain: 200 → ${fmt(ratio200, 2)} (CPU/req ×${fmt(cpu200, 2)}), 304 → ${fmt(ratio304, 2)} (CPU/req ×${fmt(cpu304, 2)})`,
        ...(caveat ? [caveat] : []),
      ].join('\n');

      const markdown = [
        setup,
        '',
        '| server | answer | req/s | p50 ms | p99 ms | server CPU µs/req | statuses |',
        '|---|---|---:|---:|---:|---:|---|',
        ...rows.map(([label, m]) => {
          const [who, code] = label.split(', ');
          return `| ${who} | ${code} | ${fmt(m.reqPerSec)} | ${m.p50} | ${m.p99} | ${fmt(m.cpuPerRequest, 1)} | ${statusText(m)}${m.errors ? ` errors×${m.errors}` : ''} |`;
        }),
        '',
        `Throughput ratio feed / plain: **200: ${fmt(ratio200, 2)}**, **304: ${fmt(ratio304, 2)}** (server CPU per request: ×${fmt(cpu200, 2)} and ×${fmt(cpu304, 2)}).`,
        ...(caveat ? ['', caveat] : []),
      ].join('\n');
      return { text, markdown };
    } finally {
      for (const s of servers) await s.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
