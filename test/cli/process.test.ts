import { type ChildProcessWithoutNullStreams, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { REPO } from '../support/store.js';

/**
 * The dialogue-bot process itself, as a shell runs it: output into a pipe
 * whose reader goes away, local mode's input ending, and the process-level
 * last line of defence. Run from src/ through tsx's loader.
 */
const dir = mkdtempSync(join(tmpdir(), 'dt-process-'));
const env = {
  PATH: process.env.PATH ?? '',
  DATABASE_URL: `sqlite:${join(dir, 'bot.db')}`,
  CONFIG_DIR: join(REPO, 'config'),
  LOG_LEVEL: 'info',
  PORT: '0',
};
const cli = ['--import', pathToFileURL(join(REPO, 'node_modules/tsx/dist/loader.mjs')).href, join(REPO, 'src/cli.ts')];

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `dialogue-bot <args> | head -1` in bash; the bot's own exit status, its stderr, and what head printed. */
function throughHead(args: string): { status: number; stderr: string; out: string } {
  const script = `node ${cli.join(' ')} ${args} 2>"${dir}/stderr" | head -1; echo "status=\${PIPESTATUS[0]}"`;
  const out = execFileSync('bash', ['-c', script], { env, cwd: dir }).toString();
  const stderr = execFileSync('cat', [join(dir, 'stderr')]).toString();
  const status = Number(/status=(\d+)/.exec(out)?.[1]);
  return { status, stderr, out: out.replace(/status=\d+\n$/, '') };
}

// Each case starts a process or two; on a busy machine that alone takes seconds.
describe('output into a pipe that closes', { timeout: 90_000 }, () => {
  it('`reminders --days 3660 | head -1` prints one line and exits 0 with nothing on stderr', () => {
    const r = throughHead('reminders --from 2024-01-01T00:00:00Z --days 3660');
    expect(r.out).toMatch(/^Reminders from 2024-01-01/);
    expect(r.out.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.status).toBe(0);
    expect(r.stderr).not.toMatch(/EPIPE|Error|at /);
  });

  it('`tick --at … | head -1` exits 0 with nothing on stderr', () => {
    const r = throughHead('tick --at 2025-04-14T08:00:00Z');
    expect(r.out.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.status).toBe(0);
    expect(r.stderr).not.toMatch(/EPIPE|Error|at /);
  });

  it('a reader that is gone before the first line: still exit 0, quietly', async () => {
    const child = spawn(process.execPath, [...cli, 'reminders', '--from', '2024-01-01T00:00:00Z', '--days', '3660'], {
      env,
      cwd: dir,
    });
    child.stdout.destroy(); // nobody reads: every write meets EPIPE
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
    expect(stderr).not.toMatch(/EPIPE|Error/);
  });
});

/** A local-mode or Slack-mode `start`, with stdout and stderr kept apart. */
function startBot(extraArgs: string[] = [], extraEnv: Record<string, string> = {}) {
  const child = spawn(process.execPath, [...extraArgs, ...cli, 'start'], { env: { ...env, ...extraEnv }, cwd: dir });
  const seen = { out: '', err: '' };
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    seen.out += d;
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    seen.err += d;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, seen, exited };
}

async function until(check: () => boolean, what: string, child: ChildProcessWithoutNullStreams): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!check()) {
    if (child.exitCode !== null) throw new Error(`exited (${child.exitCode}) before ${what}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('local mode ends with its input', { timeout: 90_000 }, () => {
  let child: ChildProcessWithoutNullStreams | null = null;
  afterEach(() => {
    child?.kill('SIGKILL');
    child = null;
  });

  it('answers what was typed, then stops cleanly (exit 0) at end of input; logs stay off stdout', async () => {
    const bot = startBot();
    child = bot.child;
    await until(() => bot.seen.out.includes('LOCAL MODE'), 'the banner', bot.child);
    bot.child.stdin.end('/dialogue next\n'); // and then end of input, like Ctrl-D or a file piped in
    expect(await bot.exited).toBe(0);
    expect(bot.seen.out).toContain('Next: round 2');
    expect(bot.seen.out).not.toContain('"level"'); // no JSON log line among the human output
    expect(bot.seen.err).toContain('"msg":"started"');
    expect(bot.seen.err).toContain('"msg":"stopped"');
  });

  it('stops on `quit`', async () => {
    const bot = startBot();
    child = bot.child;
    await until(() => bot.seen.out.includes('LOCAL MODE'), 'the banner', bot.child);
    bot.child.stdin.write('quit\n');
    expect(await bot.exited).toBe(0);
    expect(bot.seen.err).toContain('"msg":"stopped"');
  });
});

describe('the last line of defence (dialogue-bot start)', { timeout: 90_000 }, () => {
  let child: ChildProcessWithoutNullStreams | null = null;
  afterEach(() => {
    child?.kill('SIGKILL');
    child = null;
  });

  // Faults planted from outside the app: a preloaded module that, on a signal, leaves a promise
  // rejected with nobody to hear it, or throws from a callback.
  const preload = join(dir, 'faults.mjs');
  writeFileSync(
    preload,
    [
      "process.on('SIGUSR2', () => { Promise.reject(new Error('probe: a rejection nobody awaited')); });",
      "process.on('SIGHUP', () => { setImmediate(() => { throw new Error('probe: thrown from a callback'); }); });",
    ].join('\n'),
  );

  it('logs an unhandled rejection with its stack and keeps serving', async () => {
    const bot = startBot(['--import', pathToFileURL(preload).href]);
    child = bot.child;
    await until(() => bot.seen.out.includes('Health: http://localhost:'), 'the start', bot.child);
    const port = /Health: http:\/\/localhost:(\d+)/.exec(bot.seen.out)![1];
    bot.child.kill('SIGUSR2');
    await until(() => bot.seen.err.includes('unhandled promise rejection'), 'the log line', bot.child);
    const line = bot.seen.err.split('\n').find((l) => l.includes('unhandled promise rejection'))!;
    expect(line).toContain('probe: a rejection nobody awaited');
    expect(line).toContain('"stack"');
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
  });

  it('on an uncaught exception logs it, stops cleanly and exits 1 for the supervisor', async () => {
    const bot = startBot(['--import', pathToFileURL(preload).href]);
    child = bot.child;
    await until(() => bot.seen.out.includes('Health: http://localhost:'), 'the start', bot.child);
    bot.child.kill('SIGHUP');
    expect(await bot.exited).toBe(1);
    expect(bot.seen.err).toMatch(/"level":60.*uncaught exception; stopping/);
    expect(bot.seen.err).toContain('probe: thrown from a callback');
    expect(bot.seen.err).toContain('"msg":"stopped"');
  });
});

describe('a signal while starting (dialogue-bot start)', { timeout: 90_000 }, () => {
  let child: ChildProcessWithoutNullStreams | null = null;
  afterEach(() => {
    child?.kill('SIGKILL');
    child = null;
  });

  // A preloaded module sends the process SIGTERM at the moment the HTTP server is
  // asked to listen (inside startApp, before it returns) and holds the listen back a
  // little, so the signal surely lands in the start-up window. A supervisor that
  // stops a replica just after launching it does exactly this.
  const preload = join(dir, 'term-while-starting.mjs');
  writeFileSync(
    preload,
    [
      "import http from 'node:http';",
      'const listen = http.Server.prototype.listen;',
      'let first = true;',
      'http.Server.prototype.listen = function (...args) {',
      '  if (!first) return listen.apply(this, args);',
      '  first = false;',
      "  process.kill(process.pid, 'SIGTERM');",
      '  setTimeout(() => listen.apply(this, args), 300);',
      '  return this;',
      '};',
    ].join('\n'),
  );

  it('is kept: the app finishes starting, then stops cleanly and exits 0 (not killed half-started)', async () => {
    const bot = startBot(['--import', pathToFileURL(preload).href]);
    child = bot.child;
    const code = await bot.exited;
    expect(bot.seen.err).toContain('"signal":"SIGTERM"');
    expect(bot.seen.err).toContain('"msg":"stopped"');
    expect(code).toBe(0);
  });
});
