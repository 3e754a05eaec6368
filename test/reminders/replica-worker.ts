/**
 * One replica of the bot for the multi-process test: its own process, its own
 * Postgres connections, posting to the fake Slack. Reads `tick <ISO>` lines on
 * stdin, runs one scheduler pass as of that instant, and answers with one JSON
 * line: the keys it sent.
 */
import { createInterface } from 'node:readline';
import { openCore } from '../../src/core.js';
import { createReminderTick } from '../../src/scheduler/tick.js';
import { createSlackNotifier, reminderWebClient } from '../../src/slack/notifier.js';

const core = await openCore({ schema: process.env.REPLICA_SCHEMA, now: new Date(process.env.REPLICA_SEED_AT!) });
const notifier = createSlackNotifier(reminderWebClient({ token: 'xoxb-replica', apiUrl: process.env.SLACK_API_URL }));
// REPLICA_CRASH_AFTER_CLAIM: die (SIGKILL, no cleanup at all) right after claiming, before sending.
// REPLICA_CRASH_AFTER_POST: die (SIGKILL) right after Slack took the message, before it is recorded.
const tick = createReminderTick(core, notifier, {
  afterClaim: process.env.REPLICA_CRASH_AFTER_CLAIM ? () => void process.kill(process.pid, 'SIGKILL') : undefined,
  afterPost: process.env.REPLICA_CRASH_AFTER_POST ? () => void process.kill(process.pid, 'SIGKILL') : undefined,
});
process.stdout.write(`${JSON.stringify({ ready: core.services.reminders.instanceId })}\n`);

const lines = createInterface({ input: process.stdin, terminal: false });
for await (const line of lines) {
  const m = /^tick (\S+)$/.exec(line.trim());
  if (!m) break;
  const report = await tick(new Date(m[1]!));
  process.stdout.write(`${JSON.stringify({ at: m[1], sent: report.sent.map((s) => s.key) })}\n`);
}
await core.close();
