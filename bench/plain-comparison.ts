import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { BenchServer, type Measurement, measure } from './load.js';
import type { BenchOptions, SectionResult } from './types.js';

/** How many slices each case's duration is cut into (at most one per second). */
const SLICES = 5;

/** One case measured in slices, as one measurement: totals over the slices; p50 the median slice's, p99 the worst. */
function combine(parts: readonly Measurement[], seconds: number): Measurement {
  const total = parts.reduce((n, m) => n + m.total, 0);
  const cpu = parts.reduce((n, m) => n + m.cpuPerRequest * m.total, 0);
  const statuses: Record<string, number> = {};
  for (const m of parts) for (const [code, n] of Object.entries(m.statuses)) statuses[code] = (statuses[code] ?? 0) + n;
  const p50s = parts.map((m) => m.p50).sort((a, b) => a - b);
  return {
    reqPerSec: total / (seconds * parts.length),
    total,
    p50: p50s[Math.floor(p50s.length / 2)]!,
    p99: Math.max(...parts.map((m) => m.p99)),
    cpuPerRequest: total > 0 ? cpu / total : Number.NaN,
    statuses,
    errors: parts.reduce((n, m) => n + m.errors, 0),
  };
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function statusText(m: Measurement): string {
  return Object.entries(m.statuses)
    .map(([code, n]) => `${code}×${fmt(n)}`)
    .join(' ');
}

/** A route measured against a plain node:http server answering the same bytes. */
export interface PlainComparison {
  /** The bench server module: `app <DATABASE_URL> <dir>` and `plain <file> <etag> <content-type>` modes. */
  readonly server: URL;
  /** What the route is called in the figures (`feed route`, `page route`). */
  readonly label: string;
  /** The file the plain server reads the bytes from (its name is also its path). */
  readonly file: string;
  /** The temporary folder's prefix. */
  readonly prefix: string;
  /** Hears the route's first full answer (e.g. to report its size). */
  readonly onBody?: (body: Buffer) => void;
}

/**
 * Throughput of a route of ours (token lookup, revision check, cached bytes)
 * against a plain node:http server answering the very same bytes, for full
 * answers (200) and revalidations (304).
 */
export async function comparePlain(spec: PlainComparison, options: BenchOptions): Promise<SectionResult> {
  const dir = mkdtempSync(join(tmpdir(), spec.prefix));
  const dbUrl = process.env.BENCH_DATABASE_URL ?? `sqlite:${join(dir, 'bench.db')}`;
  const servers: BenchServer[] = [];
  const plainPath = `/${spec.file}`;
  try {
    const app = await BenchServer.start(spec.server, ['app', dbUrl, dir], options.serverCpu);
    servers.push(app);
    const appPath = app.info.path!;
    const first = await fetch(`http://127.0.0.1:${app.port}${appPath}`);
    if (first.status !== 200) throw new Error(`${spec.label} answered ${first.status}`);
    const body = Buffer.from(await first.arrayBuffer());
    spec.onBody?.(body);
    const etag = first.headers.get('etag')!;
    const file = join(dir, spec.file);
    writeFileSync(file, body);
    const plain = await BenchServer.start(
      spec.server,
      ['plain', file, etag, first.headers.get('content-type') ?? 'application/octet-stream'],
      options.serverCpu,
    );
    servers.push(plain);
    const plainBody = Buffer.from(await (await fetch(`http://127.0.0.1:${plain.port}${plainPath}`)).arrayBuffer());
    if (!plainBody.equals(body)) throw new Error('the plain server does not answer the same bytes');
    for (const s of [app, plain]) {
      const path = s === app ? appPath : plainPath;
      const r = await fetch(`http://127.0.0.1:${s.port}${path}`, { headers: { 'if-none-match': etag } });
      if (r.status !== 304) throw new Error(`expected 304 from the ${s === app ? spec.label : 'plain'} server`);
    }
    const cond = { 'if-none-match': etag };
    // Interleaved in short slices, each pair back to back and in alternating
    // order, so a burst of other work on this shared machine hits both
    // servers alike instead of one whole case (the cases ran one after the
    // other for the whole duration before, which a single burst could skew
    // either way). Each case still gets `duration` seconds in all.
    const slices = Math.max(1, Math.min(SLICES, Math.floor(options.duration)));
    const slice = { ...options, duration: options.duration / slices, warmup: 0 };
    const cases = [
      { server: app, path: appPath, headers: {} },
      { server: plain, path: plainPath, headers: {} },
      { server: app, path: appPath, headers: cond },
      { server: plain, path: plainPath, headers: cond },
    ];
    if (options.warmup > 0)
      for (const c of cases)
        await measure(c.server, c.path, c.headers, { ...options, duration: options.warmup, warmup: 0 });
    const parts: Measurement[][] = cases.map(() => []);
    // feed/plain throughput of each back-to-back pair: [200s, 304s].
    const pairRatios: [number[], number[]] = [[], []];
    for (let round = 0; round < slices; round++) {
      for (const pair of [0, 2]) {
        for (const i of round % 2 === 0 ? [pair, pair + 1] : [pair + 1, pair]) {
          const c = cases[i]!;
          parts[i]!.push(await measure(c.server, c.path, c.headers, slice));
        }
        pairRatios[pair / 2]!.push(parts[pair]!.at(-1)!.reqPerSec / parts[pair + 1]!.at(-1)!.reqPerSec);
      }
    }
    const [app200, plain200, app304, plain304] = parts.map((p) => combine(p, slice.duration)) as [
      Measurement,
      Measurement,
      Measurement,
      Measurement,
    ];

    const rows: [string, Measurement][] = [
      [`${spec.label}, 200`, app200],
      ['plain node:http, 200', plain200],
      [`${spec.label}, 304`, app304],
      ['plain node:http, 304', plain304],
    ];
    const ratio200 = app200.reqPerSec / plain200.reqPerSec;
    const ratio304 = app304.reqPerSec / plain304.reqPerSec;
    const cpu200 = app200.cpuPerRequest / plain200.cpuPerRequest;
    const cpu304 = app304.cpuPerRequest / plain304.cpuPerRequest;
    const spread = (xs: number[]) =>
      `${fmt(Math.min(...xs), 2)}–${fmt(Math.max(...xs), 2)}, median ${fmt(median(xs), 2)}`;
    const slicesLine = `Per slice (each pair back to back): 200 ${spread(pairRatios[0])}; 304 ${spread(pairRatios[1])}.`;
    const setup = `body ${fmt(body.length)} bytes, store ${app.info.db}, ${options.connections} connections, ${options.duration} s per case in ${slices} interleaved slices after ${options.warmup} s warm-up${options.serverCpu !== null ? `, server on CPU ${options.serverCpu}, load on CPU ${options.clientCpu}` : ''}`;

    const busy = loadavg()[0]! > cpus().length;
    const caveat = busy
      ? `Taken on a busy machine (load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} CPUs): absolute figures are low and noisy; the CPU-per-request ratio is the steadier comparison.`
      : null;

    const text = [
      setup,
      ...rows.map(
        ([label, m]) =>
          `${label.padEnd(24)} ${fmt(m.reqPerSec).padStart(8)} req/s  p50 ${m.p50} ms  p99 ${m.p99} ms  ${fmt(m.cpuPerRequest, 1)} µs CPU/req  [${statusText(m)}${m.errors ? ` errors×${m.errors}` : ''}]`,
      ),
      `ratio ${spec.label.split(' ')[0]}/plain: 200 → ${fmt(ratio200, 2)} (CPU/req ×${fmt(cpu200, 2)}), 304 → ${fmt(ratio304, 2)} (CPU/req ×${fmt(cpu304, 2)})`,
      slicesLine,
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
      `Throughput ratio ${spec.label.split(' ')[0]} / plain: **200: ${fmt(ratio200, 2)}**, **304: ${fmt(ratio304, 2)}** (server CPU per request: ×${fmt(cpu200, 2)} and ×${fmt(cpu304, 2)}).`,
      slicesLine,
      ...(caveat ? ['', caveat] : []),
    ].join('\n');
    return { text, markdown };
  } finally {
    for (const s of servers) await s.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
