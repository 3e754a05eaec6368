/**
 * A replica that is killed (SIGKILL) while it makes changes, for the outbox
 * test: it adds notes as Slack would (announced), printing `committed <i>`
 * after each commit, and delivers announcements at once to a file (the
 * outside world); from CRASH_STALL_FROM on, a delivery never returns (a
 * Slack that hangs), so changes committed after it are still in the outbox
 * when the parent kills this process.
 */
import { appendFileSync } from 'node:fs';
import { openCore } from '../../src/core.js';
import type { AnnouncementSender } from '../../src/services/outbox.service.js';

const out = process.env.CRASH_OUT!;
const stallFrom = Number(process.env.CRASH_STALL_FROM ?? '1000000');
const core = await openCore({ schema: process.env.CRASH_SCHEMA || undefined, now: new Date(process.env.CRASH_AT!) });
let delivered = 0;
const sender: AnnouncementSender = {
  async announce(a) {
    if (delivered >= stallFrom) await new Promise(() => {});
    delivered += 1;
    appendFileSync(out, `${JSON.stringify({ by: 'worker', summary: a.reply.summary })}\n`);
  },
};
let pumping = false;
core.services.ctx.onOutbox(() => {
  if (pumping) return;
  pumping = true;
  void core.services.outbox.deliverDue(sender, new Date(process.env.CRASH_AT!)).finally(() => {
    pumping = false;
  });
});
// Bounded, so a worker the test failed to kill does not run on.
for (let i = 0; i < 200; i++) {
  const reply = await core.router.handle({
    command: '/commitments',
    text: `note R1-4 crash note ${i}`,
    userId: 'U0EDITOR',
    channelId: 'C0CHAN',
    now: new Date(process.env.CRASH_AT!),
    announce: true,
  });
  process.stdout.write(`${reply.kind === 'change' ? 'committed' : 'failed'} ${i}\n`);
}
process.exit(0);
