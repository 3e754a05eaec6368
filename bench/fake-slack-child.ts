/**
 * FakeSlack (test/support/fake-slack.ts) in a process of its own, so Slack's
 * side of a round trip runs beside the load generator, not on the server's
 * CPU. Slash command bodies carry `response_url = <fake>/api/response/<t>`,
 * `t` the instant the request was sent (ms since the epoch); the answer's
 * arrival minus `t` is the full round trip (ack, command, reply posted).
 *
 * IPC: sends `{type: 'ready', url}`; answers `'stats'` with
 * `{type: 'stats', count, p50, p99, last}` and `'reset'` with `{type: 'reset'}`.
 */
import { FakeSlack, type SlackCall } from '../test/support/fake-slack.js';

export type FakeSlackMessage =
  | { readonly type: 'ready'; readonly url: string }
  | {
      readonly type: 'stats';
      readonly count: number;
      readonly p50: number;
      readonly p99: number;
      readonly last: string;
    }
  | { readonly type: 'reset' };

const now = () => performance.timeOrigin + performance.now();
let latencies: number[] = [];
let last = '';

const fake = await new FakeSlack().start();
// Keep no call log (a bench run makes hundreds of thousands); time the answers instead.
fake.calls.push = (...calls: SlackCall[]) => {
  const at = now();
  for (const call of calls) {
    if (!call.method.startsWith('response/')) continue;
    latencies.push(at - Number(call.method.slice('response/'.length)));
    last = JSON.stringify(call.args);
  }
  return 0;
};

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const send = (m: FakeSlackMessage) => process.send?.(m);
process.on('message', (m) => {
  if (m === 'stats') {
    const sorted = Float64Array.from(latencies).sort();
    const list = Array.from(sorted);
    send({ type: 'stats', count: list.length, p50: percentile(list, 50), p99: percentile(list, 99), last });
  } else if (m === 'reset') {
    latencies = [];
    send({ type: 'reset' });
  }
});
process.once('SIGTERM', () => {
  fake.stop().finally(() => process.exit(0));
});
process.once('disconnect', () => {
  fake.stop().finally(() => process.exit(0));
});
send({ type: 'ready', url: fake.url });
