import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/core.js';
import { ConcurrentChange } from '../../src/services/context.js';
import { DIALECTS, openTestCore } from '../support/store.js';

const ANA = 'U0ANA';
const BEN = 'U0BEN';
const NOW = new Date('2025-07-01T12:00:00Z');

describe.each(DIALECTS)('a change that truly collides (%s)', (dialect) => {
  let core: Core;
  beforeEach(async () => {
    core = await openTestCore(dialect, { env: { EDITORS: `${ANA},${BEN}` }, tag: 'changes_collision' });
  });
  afterEach(async () => {
    await core.close();
  });

  it('is tried again with backoff, then says who changed what just now and what it is now', async () => {
    await core.services.commitments.updateStatus('mexico-uk', BEN, 'R1-4', 'in-progress', null, NOW);
    let attempts = 0;
    // A writer that always finds the row changed under it (as when another replica keeps winning).
    const work = core.services.ctx.change('mexico-uk', NOW.toISOString(), async () => {
      attempts += 1;
      throw new ConcurrentChange({ entity: 'commitment', entityId: 'R1-4' });
    });
    await expect(work).rejects.toMatchObject({
      code: 'change.collided',
      params: {
        target: { commitment: 'R1-4' },
        actor: BEN,
        action: 'status',
        fields: [{ field: 'status', value: 'in-progress' }],
      },
    });
    expect(attempts).toBe(8);
    const reply = await core.router.handle({
      command: '/commitments',
      text: 'show R1-4',
      userId: ANA,
      channelId: null,
      now: NOW,
    });
    expect(reply.summary).toContain('R1-4');
  });

  it('concurrent status changes on one commitment are applied one after another, none lost', async () => {
    const statuses = ['in-progress', 'done', 'not-started', 'dropped'] as const;
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) =>
        core.services.commitments.updateStatus('mexico-uk', i % 2 ? ANA : BEN, 'R1-6', statuses[i % 4]!, `n${i}`, NOW, {
          confirmed: true,
        }),
      ),
    );
    // Each either applied or was refused as "already that status": never an internal error.
    for (const r of results)
      if (r.status === 'rejected') expect((r.reason as { code?: string }).code).toBe('commitment.same_status');
    expect(results.some((r) => r.status === 'fulfilled')).toBe(true);
  });
});
