import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LOCAL_USER } from '../../src/core.js';
import { createLocalNotifier } from '../../src/scheduler/local-notifier.js';
import { createReminderTick } from '../../src/scheduler/tick.js';
import { openTestCore } from '../support/store.js';

const DAY = 86_400_000;
const BASE = Date.parse('2024-11-04T00:00:00Z');

/** One change to round 2: a (re)schedule to a day, or a postponement. */
type Op = { readonly kind: 'schedule'; readonly inDays: number; readonly time: string } | { readonly kind: 'postpone' };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('schedule' as const),
      inDays: fc.integer({ min: 1, max: 120 }),
      time: fc.constantFrom('08:30', '10:00', '15:00'),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'postpone' as const }) },
);

/**
 * For random schedules, moves, postponements and tick instants: every
 * reminder the preview shows as `will send` is sent by a tick at its instant
 * (when nothing changes in between), and no key (which names the date) is
 * ever sent twice.
 */
describe('property: the preview is what the ticks send', () => {
  it('will send ⇒ sent at its instant; no key+date twice', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ gapDays: fc.integer({ min: 0, max: 40 }), change: op }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.integer({ min: 0, max: 40 * 24 }), { maxLength: 6 }),
        async (steps, extraHours) => {
          const core = await openTestCore('sqlite', { now: new Date(BASE), env: { REMINDER_CHANNEL: 'C0REMIND' } });
          try {
            const tick = createReminderTick(core, createLocalNotifier({ write: () => {} }));
            const sentKeys = new Set<string>();
            let now = BASE;
            for (const [n, step] of steps.entries()) {
              now += step.gapDays * DAY + 3_600_000;
              const at = new Date(now);
              if (step.change.kind === 'schedule') {
                const date = new Date(now + step.change.inDays * DAY).toISOString().slice(0, 10);
                await core.services.cycle
                  .schedule('mexico-uk', LOCAL_USER, { date, time: step.change.time, city: null }, at)
                  .catch(() => undefined); // e.g. refused: nothing changes
              } else await core.services.cycle.postpone('mexico-uk', LOCAL_USER, null, at).catch(() => undefined);
              // Until the next change: what the preview promises, and ticks at those instants and at random ones.
              const until = n + 1 < steps.length ? now + steps[n + 1]!.gapDays * DAY + 3_600_000 : now + 45 * DAY;
              const items = await core.services.reminders.preview(at, at, new Date(until - 1));
              const promised = items.filter((i) => i.status.kind === 'will-send');
              const instants = new Set<number>([now, ...promised.map((i) => Date.parse(i.fireAt))]);
              for (const h of extraHours) if (now + h * 3_600_000 < until) instants.add(now + h * 3_600_000);
              const sentAt = new Map<string, number>();
              for (const t of [...instants].sort((a, b) => a - b)) {
                const report = await tick(new Date(t));
                for (const s of report.sent) {
                  expect(sentKeys.has(s.key)).toBe(false); // never the same key (and date) twice
                  sentKeys.add(s.key);
                  sentAt.set(s.key, t);
                }
              }
              for (const p of promised) expect([p.key, sentAt.get(p.key)]).toEqual([p.key, Date.parse(p.fireAt)]);
            }
          } finally {
            await core.close();
          }
        },
      ),
      { numRuns: 12 },
    );
  }, 300_000);
});
