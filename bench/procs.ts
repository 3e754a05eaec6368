/**
 * Server processes for the command, memory and start benches, watched from
 * outside (/proc) so the very entry point production runs (`node cli.js
 * start`) can be measured as is, beside a bare Bolt app run the same way.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { FakeSlackMessage } from './fake-slack-child.js';
import { hasTaskset } from './load.js';

/** Clock ticks per second of /proc/<pid>/stat (100 on Linux). */
const CLK_TCK = 100;

export const SIGNING_SECRET = 'bench-signing-secret-0123456789abcdef';
export const BOT_TOKEN = 'xoxb-bench-token';

/** A free loopback port (the servers are told which one, so they can be polled from their first instant). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

function pinned(cpu: string | null, argv: string[]): [string, string[]] {
  const all = cpu !== null && hasTaskset() ? ['taskset', '-c', cpu, ...argv] : argv;
  return [all[0]!, all.slice(1)];
}

export class Proc {
  readonly startedAt: number;
  private constructor(
    readonly child: ChildProcess,
    readonly label: string,
  ) {
    this.startedAt = performance.now();
  }

  /** `node <script> ...args`, pinned to `cpu` (taskset execs node: same pid). */
  static spawn(label: string, script: string, args: string[], env: NodeJS.ProcessEnv, cpu: string | null): Proc {
    const extra = process.env.BENCH_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? [];
    const [cmd, argv] = pinned(cpu, [process.execPath, ...extra, script, ...args]);
    const child = spawn(cmd, argv, { env, stdio: ['ignore', 'ignore', 'inherit'] });
    return new Proc(child, label);
  }

  get pid(): number {
    return this.child.pid!;
  }

  get exited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  /** Process CPU time so far (user + system), µs; 10 ms resolution. */
  cpu(): number {
    const stat = readFileSync(`/proc/${this.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of stat(5), counted after "pid (comm)".
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / CLK_TCK;
  }

  /** Resident set size, MB. */
  rss(): number {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${this.pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : Number.NaN;
  }

  /** Polls GET /healthz until 200; the ms from spawn to that answer. */
  async healthy(port: number, timeoutMs = 30_000): Promise<number> {
    const until = performance.now() + timeoutMs;
    for (;;) {
      if (this.exited) throw new Error(`${this.label} exited with ${this.child.exitCode ?? this.child.signalCode}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/healthz`);
        await res.arrayBuffer();
        if (res.status === 200) return performance.now() - this.startedAt;
      } catch {
        // Not listening yet.
      }
      if (performance.now() > until) throw new Error(`${this.label}: no /healthz 200 within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 2));
    }
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    const done = once(this.child, 'exit');
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await done;
    clearTimeout(timer);
  }
}

/** FakeSlack in its own process (bench/fake-slack-child.ts), on the load generator's CPU. */
export class FakeSlackProc {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {}

  static async start(cpu: string | null): Promise<FakeSlackProc> {
    const script = fileURLToPath(new URL('./fake-slack-child.ts', import.meta.url));
    const [cmd, argv] = pinned(cpu, [process.execPath, '--import', 'tsx', script]);
    const child = spawn(cmd, argv, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const exited = once(child, 'exit').then(([code]) => {
      throw new Error(`fake Slack exited with ${code}`);
    });
    const ready = new Promise<string>((resolve) => {
      child.on('message', (m: FakeSlackMessage) => {
        if (m.type === 'ready') resolve(m.url);
      });
    });
    return new FakeSlackProc(child, await Promise.race([ready, exited]));
  }

  private ask<T extends FakeSlackMessage['type']>(what: T): Promise<Extract<FakeSlackMessage, { type: T }>> {
    return new Promise((resolve) => {
      const on = (m: FakeSlackMessage) => {
        if (m.type !== what) return;
        this.child.off('message', on);
        resolve(m as Extract<FakeSlackMessage, { type: T }>);
      };
      this.child.on('message', on);
      this.child.send(what);
    });
  }

  stats() {
    return this.ask('stats');
  }

  async reset(): Promise<void> {
    await this.ask('reset');
  }

  /** Waits until `count` answers arrived, or none came for `quietMs`; returns the ms waited. */
  async drain(count: number, quietMs = 1_000, maxMs = 20_000): Promise<number> {
    const start = performance.now();
    let seen = -1;
    let since = start;
    for (;;) {
      const s = await this.stats();
      const t = performance.now();
      if (s.count >= count) return t - start;
      if (s.count !== seen) {
        seen = s.count;
        since = t;
      }
      if (t - since > quietMs || t - start > maxMs) return t - start;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const done = once(this.child, 'exit');
    this.child.kill('SIGTERM');
    await done;
  }
}
