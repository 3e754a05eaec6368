import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_USER } from '../../src/core.js';
import { FakeSlack } from '../support/fake-slack.js';
import { openTestCore, PG_URL, REPO, workerSchema } from '../support/store.js';

const SEED_AT = '2024-06-01T00:00:00Z';

/** A replica in its own process, driven one instant at a time. */
class Replica {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly answers: string[] = [];
  private waiting: ((line: string) => void) | null = null;
  private stderr = '';

  constructor(env: Record<string, string>) {
    this.child = spawn(
      process.execPath,
      [join(REPO, 'node_modules/tsx/dist/cli.mjs'), join(REPO, 'test/reminders/replica-worker.ts')],
      { cwd: REPO, env: { PATH: process.env.PATH ?? '', ...env } },
    );
    this.child.stderr.setEncoding('utf8').on('data', (d: string) => {
      this.stderr = (this.stderr + d).slice(-2000);
    });
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      if (this.waiting) {
        const w = this.waiting;
        this.waiting = null;
        w(line);
      } else this.answers.push(line);
    });
  }

  next(): Promise<Record<string, unknown>> {
    const ready = this.answers.shift();
    if (ready !== undefined) return Promise.resolve(JSON.parse(ready));
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`replica exited (${code}): ${this.stderr}`));
      this.child.once('exit', onExit);
      this.waiting = (line) => {
        this.child.off('exit', onExit);
        resolve(JSON.parse(line));
      };
    });
  }

  async tick(at: string): Promise<string[]> {
    this.child.stdin.write(`tick ${at}\n`);
    const answer = await this.next();
    return answer.sent as string[];
  }

  /** Resolves with the exit signal once the process is gone. */
  exited(): Promise<string> {
    const describe = () => this.child.signalCode ?? `exit ${this.child.exitCode}`;
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve(describe());
    return new Promise((resolve) => this.child.once('exit', () => resolve(describe())));
  }

  /** Sends a tick without waiting for an answer (for a replica that is meant to die). */
  send(at: string): void {
    this.child.stdin.write(`tick ${at}\n`);
  }

  stop(): void {
    this.child.stdin.end();
    setTimeout(() => this.child.kill('SIGKILL'), 5000).unref();
  }
}

describe.skipIf(!PG_URL)('two bot processes on one Postgres', () => {
  const tag = 'rem_repl';
  const slack = new FakeSlack();
  const replicas: Replica[] = [];

  beforeAll(async () => {
    await slack.start();
    // Slack answers a little slowly, so both processes are often mid-send at once.
    slack.on('chat.postMessage', () => ({ delayMs: 15 }));
    const core = await openTestCore('postgres', { tag, now: new Date(SEED_AT), env: { REMINDER_CHANNEL: 'C0REMIND' } });
    await core.services.commitments.assign('mexico-uk', LOCAL_USER, 'R1-6', 'U0MXOWNER', 'mx', new Date(SEED_AT));
    await core.services.commitments.setDue('mexico-uk', LOCAL_USER, 'R1-6', '2024-07-31', new Date(SEED_AT));
    await core.close();
    replicas.push(new Replica(envFor()), new Replica(envFor()));
    const ready = await Promise.all(replicas.map((r) => r.next()));
    expect(new Set(ready.map((r) => r.ready)).size).toBe(2);
  }, 60_000);

  const envFor = (extra: Record<string, string> = {}) => ({
    DATABASE_URL: PG_URL!,
    REPLICA_SCHEMA: workerSchema(tag),
    REPLICA_SEED_AT: SEED_AT,
    CONFIG_DIR: join(REPO, 'config'),
    REMINDER_CHANNEL: 'C0REMIND',
    SLACK_API_URL: slack.url,
    LOG_LEVEL: 'silent',
    ...extra,
  });

  afterAll(async () => {
    for (const r of replicas) r.stop();
    await slack.stop();
  });

  it('ticking the same instants at the same time, they post every reminder exactly once', async () => {
    const sent: string[] = [];
    const byReplica = [0, 0];
    for (let ms = Date.parse('2024-07-01T00:00:00Z'); ms <= Date.parse('2024-08-10T00:00:00Z'); ms += 3_600_000) {
      const at = new Date(ms).toISOString();
      const answers = await Promise.all(replicas.map((r) => r.tick(at)));
      answers.forEach((keys, i) => {
        byReplica[i]! += keys.length;
        sent.push(...keys);
      });
    }
    // Written out from the rules: Monday digests, the monthly nudge, R1-6's DMs before 31 July.
    const expected = [
      'digest:mexico-uk:2024-W27',
      'digest:mexico-uk:2024-W28',
      'digest:mexico-uk:2024-W29',
      'digest:mexico-uk:2024-W30',
      'digest:mexico-uk:2024-W31',
      'digest:mexico-uk:2024-W32',
      'expected:mexico-uk:2:2024-07',
      'commitment:mexico-uk:R1-6@2024-07-31:T-14:U0MXOWNER',
      'commitment:mexico-uk:R1-6@2024-07-31:T-7:U0MXOWNER',
      'commitment:mexico-uk:R1-6@2024-07-31:T-1:U0MXOWNER',
    ];
    expect([...sent].sort()).toEqual([...expected].sort());
    // Slack received one post per reminder: none twice, none lost.
    expect(slack.callsTo('chat.postMessage')).toHaveLength(expected.length);
    expect(byReplica[0]! + byReplica[1]!).toBe(expected.length);
  }, 180_000);

  it('a process killed (SIGKILL) between claim and send: another delivers it once, after the lease', async () => {
    const posts = () =>
      slack.callsTo('chat.postMessage').filter((c) => String(c.args.text).includes('Date not fixed yet'));
    const before = posts().length;
    const doomed = new Replica(envFor({ REPLICA_CRASH_AFTER_CLAIM: '1' }));
    await doomed.next(); // ready
    doomed.send('2025-01-16T09:00:00.000Z'); // the January "no date agreed yet" nudge (projected date 16 January)
    // tsx runs the script in a child process and reports its SIGKILL as exit status 137 (128 + 9).
    expect(['SIGKILL', 'exit 137']).toContain(await doomed.exited());
    const [survivor] = replicas;
    expect(await survivor!.tick('2025-01-16T09:01:00.000Z')).toEqual([]); // the dead claim's lease holds
    expect(await survivor!.tick('2025-01-16T09:04:00.000Z')).toEqual([]);
    expect(await survivor!.tick('2025-01-16T09:06:00.000Z')).toEqual(['expected:mexico-uk:2:2025-01']);
    expect(await survivor!.tick('2025-01-16T09:07:00.000Z')).toEqual([]);
    expect(posts().length - before).toBe(1);
  }, 120_000);

  it('a process killed (kill -9) after Slack took the message but before recording it: one message, not two', async () => {
    slack.now = () => new Date('2025-02-17T09:00:00Z');
    const before = slack.callsTo('chat.postMessage').length;
    const newPosts = () => slack.callsTo('chat.postMessage').slice(before);
    const doomed = new Replica(envFor({ REPLICA_CRASH_AFTER_POST: '1' }));
    await doomed.next(); // ready
    // Monday 17 February 2025, 09:00 GMT: the weekly digest and the February nudge are due.
    doomed.send('2025-02-17T09:00:00.000Z');
    expect(['SIGKILL', 'exit 137']).toContain(await doomed.exited());
    // Slack took the first one; the store still says "claimed".
    expect(newPosts()).toHaveLength(1);
    const key = newPosts()[0]!.args.metadata?.event_payload?.key as string;
    expect(key).toBe('digest:mexico-uk:2025-W08');
    const [survivor] = replicas;
    // The lease holds: the survivor sends the other one, not the dead claim's.
    expect(await survivor!.tick('2025-02-17T09:02:00.000Z')).toEqual(['expected:mexico-uk:2:2025-02']);
    // Expired: before posting again, the survivor looks for the bot's own message with that key in
    // the channel (conversations.history, message metadata), finds it and records it as sent instead.
    expect(await survivor!.tick('2025-02-17T09:06:00.000Z')).toEqual([]);
    expect(await survivor!.tick('2025-02-17T09:30:00.000Z')).toEqual([]);
    const keys = newPosts().map((c) => c.args.metadata?.event_payload?.key);
    expect(keys.sort()).toEqual(['digest:mexico-uk:2025-W08', 'expected:mexico-uk:2:2025-02']); // one each
    expect(slack.callsTo('conversations.history').map((c) => c.args.channel)).toContain('C0REMIND');
    const core = await openTestCoreNoReset();
    try {
      const row = await core.store.db
        .selectFrom('reminder_deliveries')
        .selectAll()
        .where('key', '=', key)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        status: 'sent',
        channel: 'C0REMIND',
        message_ts: newPosts()[0]!.args && expect.any(String),
      });
    } finally {
      await core.close();
    }
  }, 120_000);

  /** A core on the replicas' schema, without emptying it. */
  async function openTestCoreNoReset() {
    const { openCore } = await import('../../src/core.js');
    const { testConfig } = await import('../support/store.js');
    return openCore({
      config: testConfig({ REMINDER_CHANNEL: 'C0REMIND' }, 'postgres'),
      schema: workerSchema(tag),
      now: new Date(SEED_AT),
      logDestination: { write: () => {} } as never,
    });
  }
});
