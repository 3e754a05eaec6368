import { afterEach, describe, expect, it } from 'vitest';
import type { CommandName } from '../../src/commands/router.js';
import type { Core } from '../../src/core.js';
import { DeliveryError } from '../../src/services/notifier.js';
import type { AnnouncementSender, OutgoingAnnouncement } from '../../src/services/outbox.service.js';
import { claimOutboxRow } from '../../src/store/outbox.repository.js';
import { DIALECTS, openReplicaPair } from '../support/store.js';

const EDITOR = 'U0EDITOR';
const NOW = new Date('2025-07-01T12:00:00Z');

/** A sender that records what it was given (the outside world), or fails as told. */
function recorder(fail?: () => Error | null): AnnouncementSender & { sent: OutgoingAnnouncement[] } {
  const sent: OutgoingAnnouncement[] = [];
  return {
    sent,
    async announce(a) {
      const error = fail?.();
      if (error) throw error;
      sent.push(a);
    },
  };
}

/** A change made as Slack makes it (announced), by one replica. */
async function note(core: Core, text: string, at = NOW) {
  return core.router.handle({
    command: '/commitments' as CommandName,
    text: `note R1-4 ${text}`,
    userId: EDITOR,
    channelId: 'C0CHAN',
    now: at,
    announce: true,
  });
}

describe.each(DIALECTS)('announcements through the outbox (%s)', (dialect) => {
  let pair: Awaited<ReturnType<typeof openReplicaPair>> | null = null;
  afterEach(async () => {
    await pair?.close();
    pair = null;
  });
  const open = async () => {
    pair = await openReplicaPair(dialect, { tag: 'changes_outbox', env: { EDITORS: EDITOR }, now: NOW });
    return pair;
  };

  it('are written in the change’s own transaction: a process that dies after commit delays them, never drops them', async () => {
    const { a, b } = await open();
    // Replica a commits the change and "dies" before delivering (nothing listens to its outbox).
    expect((await note(a, 'committed just before the crash')).kind).toBe('change');
    const pending = await b.services.outbox.list('mexico-uk');
    expect(pending.map((r) => [r.channel, r.status])).toEqual([['C0CHAN', 'pending']]);
    expect(pending[0]!.changeId).not.toBeNull();
    // Replica b's tick delivers it, once.
    const sender = recorder();
    expect(await b.services.outbox.deliverDue(sender, NOW)).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(sender.sent.map((s) => [s.channel, s.reply.summary])).toEqual([
      ['C0CHAN', 'R1-4: note added. Reform multilateral institutions and revitalise multilateral processes'],
    ]);
    expect(await a.services.outbox.deliverDue(sender, NOW)).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(sender.sent).toHaveLength(1);
  });

  it('one pass delivers everything due, however much piled up (not one batch and the rest left for the tick)', async () => {
    const { a } = await open();
    // More than one batch of the store's read (50) waits: changes made while nothing delivered.
    for (let i = 0; i < 120; i++) expect((await note(a, `piled up ${i}`)).kind).toBe('change');
    const sender = recorder();
    expect(await a.services.outbox.deliverDue(sender, NOW)).toEqual({ sent: 120, retrying: 0, failed: 0 });
    expect(sender.sent).toHaveLength(120);
    expect((await a.services.outbox.list('mexico-uk')).filter((r) => r.status !== 'sent')).toEqual([]);
  }, 120_000);

  it('a claim held by a process that died is taken over when its lease runs out', async () => {
    const { a, b } = await open();
    await note(a, 'claimed then crashed');
    const [row] = await a.services.outbox.list('mexico-uk');
    const wall = Date.now();
    // The dead process claimed it for five minutes (and never finished).
    expect(
      await claimOutboxRow(
        a.store.db,
        row!.id,
        'dead-process',
        new Date(wall).toISOString(),
        new Date(wall + 300_000).toISOString(),
      ),
    ).toBe(true);
    const sender = recorder();
    expect((await b.services.outbox.deliverDue(sender, NOW, { wallNow: wall + 60_000 })).sent).toBe(0);
    expect((await b.services.outbox.deliverDue(sender, NOW, { wallNow: wall + 301_000 })).sent).toBe(1);
    expect(sender.sent).toHaveLength(1);
  });

  it('a failed post is retried with backoff (Retry-After honoured); a permanent failure is recorded, not retried', async () => {
    const { a } = await open();
    await note(a, 'first');
    let failure: Error | null = new DeliveryError('HTTP 503', true);
    const sender = recorder(() => failure);
    expect(await a.services.outbox.deliverDue(sender, NOW)).toEqual({ sent: 0, retrying: 1, failed: 0 });
    const [row] = await a.services.outbox.list('mexico-uk');
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastError: 'HTTP 503' });
    expect(row!.nextAttemptAt).toBe('2025-07-01T12:01:00.000Z');
    // Not before its time.
    expect((await a.services.outbox.deliverDue(sender, new Date('2025-07-01T12:00:30Z'))).retrying).toBe(0);
    failure = new DeliveryError('rate limited (429)', true, 120_000);
    await a.services.outbox.deliverDue(sender, new Date('2025-07-01T12:01:00Z'));
    expect((await a.services.outbox.list('mexico-uk'))[0]!.nextAttemptAt).toBe('2025-07-01T12:03:00.000Z');
    failure = null;
    expect((await a.services.outbox.deliverDue(sender, new Date('2025-07-01T12:03:00Z'))).sent).toBe(1);

    await note(a, 'second', new Date('2025-07-01T12:05:00Z'));
    failure = new DeliveryError('channel_not_found', false);
    expect((await a.services.outbox.deliverDue(sender, new Date('2025-07-01T12:05:00Z'))).failed).toBe(1);
    const statuses = (await a.services.outbox.list('mexico-uk')).map((r) => r.status);
    expect(statuses).toEqual(['sent', 'failed']);
  });

  it('nothing is written for a change that is not announced (CLI, local mode) or that changed nothing', async () => {
    const { a } = await open();
    await a.router.handle({
      command: '/commitments',
      text: 'note R1-4 from the CLI',
      userId: EDITOR,
      channelId: null,
      now: NOW,
    });
    await a.router.handle({
      command: '/commitments',
      text: 'update R1-4 not-started',
      userId: EDITOR,
      channelId: 'C0CHAN',
      now: NOW,
      announce: true,
    });
    expect(await a.services.outbox.list()).toEqual([]);
  });
});
