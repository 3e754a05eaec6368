import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { BenchOptions } from './types.js';

/** Messages a bench server child sends back over IPC. */
export type ServerMessage =
  | { readonly type: 'ready'; readonly port: number; readonly info: Record<string, string> }
  | { readonly type: 'cpu'; readonly user: number; readonly system: number };

export function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Pins this process (the load generator) to a CPU, as docs/performance.md describes. */
export function pinSelf(cpu: string | null): void {
  if (cpu === null || !hasTaskset()) return;
  execFileSync('taskset', ['-cp', cpu, String(process.pid)], { stdio: 'ignore' });
}

/**
 * A server under test in its own process (own event loop, own CPU): the load
 * generator must not share a thread with what it measures. `script` is a
 * bench module that calls `serve()` from ./serve.ts.
 */
export class BenchServer {
  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    readonly info: Record<string, string>,
  ) {}

  static async start(script: URL, args: string[], cpu: string | null): Promise<BenchServer> {
    // BENCH_NODE_ARGS: extra flags for the server process, e.g. `--cpu-prof` to see where its time goes.
    const extra = process.env.BENCH_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? [];
    const node = [process.execPath, ...extra, '--import', 'tsx', fileURLToPath(script), ...args];
    const [cmd, ...argv] = cpu !== null && hasTaskset() ? ['taskset', '-c', cpu, ...node] : node;
    const child = spawn(cmd!, argv, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const exited = once(child, 'exit').then(([code]) => {
      throw new Error(`bench server ${script.pathname} exited with ${code}`);
    });
    const ready = new Promise<ServerMessage & { type: 'ready' }>((resolve) => {
      child.on('message', (m: ServerMessage) => {
        if (m.type === 'ready') resolve(m);
      });
    });
    const m = await Promise.race([ready, exited]);
    return new BenchServer(child, m.port, m.info);
  }

  /** The child's CPU time so far, µs. */
  cpu(): Promise<number> {
    return new Promise((resolve) => {
      const on = (m: ServerMessage) => {
        if (m.type !== 'cpu') return;
        this.child.off('message', on);
        resolve(m.user + m.system);
      };
      this.child.on('message', on);
      this.child.send('cpu');
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = once(this.child, 'exit');
    this.child.kill('SIGTERM');
    await exited;
  }
}

export interface Measurement {
  readonly reqPerSec: number;
  readonly total: number;
  readonly p50: number;
  readonly p99: number;
  /** Server CPU per request, µs. */
  readonly cpuPerRequest: number;
  readonly statuses: Record<string, number>;
  readonly errors: number;
}

/** A warm-up, then a measured run of autocannon against one server. */
export async function measure(
  server: BenchServer,
  path: string,
  headers: Record<string, string>,
  options: BenchOptions,
): Promise<Measurement> {
  const url = `http://127.0.0.1:${server.port}${path}`;
  const { connections } = options;
  if (options.warmup > 0) await autocannon({ url, headers, connections, duration: options.warmup });
  const before = await server.cpu();
  const r = await autocannon({ url, headers, connections, duration: options.duration });
  const after = await server.cpu();
  const statuses = Object.fromEntries(Object.entries(r.statusCodeStats).map(([code, s]) => [code, s.count]));
  const total = Object.values(statuses).reduce((a, b) => a + b, 0);
  return {
    reqPerSec: r.requests.average,
    total,
    p50: r.latency.p50,
    p99: r.latency.p99,
    cpuPerRequest: total > 0 ? (after - before) / total : Number.NaN,
    statuses,
    errors: r.errors + r.timeouts,
  };
}
