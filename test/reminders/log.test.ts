import { describe, expect, it } from 'vitest';
import { openCore } from '../../src/core.js';
import { createLocalNotifier } from '../../src/scheduler/local-notifier.js';
import { createReminderTick } from '../../src/scheduler/tick.js';
import { testConfig } from '../support/store.js';

describe('a suppressed reminder says why in the log (info level)', () => {
  it('skipped after downtime, and waiting for a channel, each logged with its key and reason', async () => {
    const lines: Record<string, unknown>[] = [];
    const core = await openCore({
      config: testConfig({ LOG_LEVEL: 'info' }),
      now: new Date('2024-06-01T00:00:00Z'),
      logDestination: { write: (l: string) => void lines.push(JSON.parse(l)) } as never,
    });
    try {
      const tick = createReminderTick(core, createLocalNotifier({ write: () => {} }));
      // No channel anywhere: the Monday digest waits (logged once, not every minute) …
      await tick(new Date('2024-07-08T08:00:00Z'));
      await tick(new Date('2024-07-08T08:01:00Z'));
      const waiting = lines.filter((l) => l.msg === 'reminder waiting: no reminder channel set');
      expect(waiting).toEqual([expect.objectContaining({ level: 30, key: 'digest:mexico-uk:2024-W28' })]);
      // … and once too old, it is recorded as skipped, and says why.
      await tick(new Date('2024-07-10T08:00:00Z'));
      const skipped = lines.filter((l) => l.msg === 'reminder skipped');
      expect(skipped).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ level: 30, key: 'digest:mexico-uk:2024-W28', reason: 'no-channel' }),
        ]),
      );
    } finally {
      await core.close();
    }
  });
});
