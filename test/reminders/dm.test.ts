import { afterEach, describe, expect, it } from 'vitest';
import { reminderRulesSchema } from '../../src/config/schema.js';
import { type Core, LOCAL_USER } from '../../src/core.js';
import type { Commitment } from '../../src/domain/commitments.js';
import { buildCycle, type Round } from '../../src/domain/cycle.js';
import { type ReminderState, reminderOccurrences } from '../../src/domain/reminders.js';
import { reminderReply } from '../../src/presentation/reminder-messages.js';
import { renderText } from '../../src/presentation/reply.js';
import { createLocalNotifier } from '../../src/scheduler/local-notifier.js';
import { createReminderTick } from '../../src/scheduler/tick.js';
import { workingCalendar } from '../../src/services/working-days.js';
import { testDialogue } from '../support/dialogue.js';
import { DIALECTS, openTestCore } from '../support/store.js';

const dialogue = testDialogue({ reminderChannel: 'C0REMIND' });
const round1: Round = {
  dialogueId: 'mexico-uk',
  edition: 1,
  year: 2024,
  host: 'MX',
  state: 'held',
  date: '2024-01-16',
  time: null,
  timezone: 'America/Mexico_City',
  city: null,
  reason: null,
  hostInferred: null,
  sequence: 0,
  updatedAt: '',
};
const rules = reminderRulesSchema.parse({ weeklyDigest: { enabled: false } });

function dmState(dueDate: string, zones: Record<string, string | null>): ReminderState {
  const c: Commitment = {
    dialogueId: 'mexico-uk',
    id: 'R1-6',
    edition: 1,
    paragraph: '6',
    theme: 'human-rights',
    text: 'Work together.',
    summary: null,
    status: 'in-progress',
    owners: { MX: 'UMX', GB: 'UGB' },
    dueDate,
    sequence: 0,
    createdAt: '',
    updatedAt: '',
  };
  return {
    dialogue,
    cycle: buildCycle(dialogue, [round1], new Date('2025-01-01T00:00:00Z')),
    commitments: [c],
    channel: 'C0REMIND',
    calendar: workingCalendar,
    owners: new Map(Object.entries(zones).map(([id, timezone]) => [id, { timezone }])),
  };
}

function dms(s: ReminderState, from: string, to: string): [string, string][] {
  return reminderOccurrences(s, rules, new Date(from), new Date(to))
    .filter((r) => r.kind === 'commitment')
    .map((r) => [r.key.replace(/^commitment:mexico-uk:R1-6@[\d-]+:/, ''), r.fireAt]);
}

describe('commitment DMs at 09:00 in the owner’s own zone', () => {
  it('across London’s spring change (30 March 2025): the London owner moves from 09:00Z to 08:00Z; Mexico City stays 15:00Z', () => {
    // Due Thursday 3 April: T-7 = Thu 27 March (GMT), T-1 = Wed 2 April (BST).
    const s = dmState('2025-04-03', { UMX: 'America/Mexico_City', UGB: 'Europe/London' });
    expect(dms(s, '2025-03-25T00:00:00Z', '2025-04-03T00:00:00Z')).toEqual([
      ['T-7:UGB', '2025-03-27T09:00:00.000Z'],
      ['T-7:UMX', '2025-03-27T15:00:00.000Z'],
      ['T-1:UGB', '2025-04-02T08:00:00.000Z'],
      ['T-1:UMX', '2025-04-02T15:00:00.000Z'],
    ]);
  });

  it('across London’s autumn change (26 October 2025): 08:00Z before, 09:00Z after; Mexico City (no DST since 2022) 15:00Z', () => {
    // Due Thursday 30 October: T-7 = Thu 23 October (BST), T-1 = Wed 29 October (GMT).
    const s = dmState('2025-10-30', { UMX: 'America/Mexico_City', UGB: 'Europe/London' });
    expect(dms(s, '2025-10-20T00:00:00Z', '2025-10-30T00:00:00Z')).toEqual(
      [
        ['T-7:UGB', '2025-10-23T08:00:00.000Z'],
        ['T-7:UMX', '2025-10-23T15:00:00.000Z'],
        ['T-1:UMX', '2025-10-29T15:00:00.000Z'],
        ['T-1:UGB', '2025-10-29T09:00:00.000Z'],
      ].sort((a, b) => a[1]!.localeCompare(b[1]!)),
    );
  });

  it('an owner whose zone Slack never gave: their side’s capital; a British owner in Mexico City: Mexico City', () => {
    const unknown = dmState('2025-10-30', { UMX: null, UGB: null });
    expect(dms(unknown, '2025-10-23T00:00:00Z', '2025-10-24T00:00:00Z')).toEqual([
      ['T-7:UGB', '2025-10-23T08:00:00.000Z'],
      ['T-7:UMX', '2025-10-23T15:00:00.000Z'],
    ]);
    const travelling = dmState('2025-10-30', { UMX: null, UGB: 'America/Mexico_City' });
    expect(dms(travelling, '2025-10-23T00:00:00Z', '2025-10-24T00:00:00Z')).toEqual([
      ['T-7:UGB', '2025-10-23T15:00:00.000Z'],
      ['T-7:UMX', '2025-10-23T15:00:00.000Z'],
    ]);
  });

  it('holidays of the owner’s own side: 16 September moves the Mexican owner’s DM only; the August bank holiday the British one’s', () => {
    // Due 30 September 2025 (Tue): T-14 = Tue 16 September, Mexico's Independence Day.
    const sept = dmState('2025-09-30', { UMX: 'America/Mexico_City', UGB: 'Europe/London' });
    expect(dms(sept, '2025-09-15T00:00:00Z', '2025-09-18T00:00:00Z')).toEqual([
      ['T-14:UGB', '2025-09-16T08:00:00.000Z'],
      ['T-14:UMX', '2025-09-17T15:00:00.000Z'],
    ]);
    // Due 1 September 2025 (Mon): T-7 = Mon 25 August, England's summer bank holiday.
    const aug = dmState('2025-09-01', { UMX: 'America/Mexico_City', UGB: 'Europe/London' });
    expect(dms(aug, '2025-08-24T00:00:00Z', '2025-08-27T00:00:00Z')).toEqual([
      ['T-7:UMX', '2025-08-25T15:00:00.000Z'],
      ['T-7:UGB', '2025-08-26T08:00:00.000Z'],
    ]);
  });
});

describe('wording follows the moment of sending', () => {
  const round: Round = {
    ...round1,
    edition: 2,
    host: 'GB',
    state: 'scheduled',
    date: '2025-05-14',
    time: '10:00',
    timezone: 'Europe/London',
    year: 2025,
  };
  const s = {
    ...dmState('2025-05-14', {}),
    cycle: buildCycle(dialogue, [round1, round], new Date('2025-05-01T00:00:00Z')),
  };
  const [t1] = reminderOccurrences(s, rules, new Date('2025-05-13T00:00:00Z'), new Date('2025-05-13T23:00:00Z')).filter(
    (r) => r.key.startsWith('round:'),
  );

  it('a T-1 sent on time says tomorrow; sent late on the day, today; after the start, that it has begun', () => {
    expect(t1?.key).toBe('round:mexico-uk:2@2025-05-14:T-1');
    expect(renderText(reminderReply(dialogue, t1!, 'en'))).toContain('Tomorrow: round 2');
    const lateSameDay = renderText(
      reminderReply(dialogue, t1!, 'en', { late: true, sentAt: new Date('2025-05-14T07:30:00Z') }),
    );
    expect(lateSameDay).toContain('Today: round 2 takes place');
    expect(lateSameDay).toContain('Sent late: this was due 13 May 2025 09:00 BST.');
    const afterStart = renderText(
      reminderReply(dialogue, t1!, 'es', { late: true, sentAt: new Date('2025-05-14T09:30:00Z') }),
    );
    expect(afterStart).toContain('La ronda 2 ya comenzó');
  });

  it('a commitment reminder sent late on its due day says today; after it, that it was due', () => {
    const [c1] = reminderOccurrences(
      s,
      rules,
      new Date('2025-05-13T00:00:00Z'),
      new Date('2025-05-13T23:00:00Z'),
    ).filter((r) => r.kind === 'commitment');
    expect(renderText(reminderReply(dialogue, c1!, 'en'))).toContain('R1-6 is due tomorrow');
    expect(renderText(reminderReply(dialogue, c1!, 'en', { sentAt: new Date('2025-05-14T10:00:00Z') }))).toContain(
      'R1-6 is due today',
    );
    expect(renderText(reminderReply(dialogue, c1!, 'es', { sentAt: new Date('2025-05-15T10:00:00Z') }))).toContain(
      'R1-6 venció el',
    );
  });
});

describe.each(DIALECTS)('DMs through the tick (%s)', (dialect) => {
  let core: Core | null = null;
  afterEach(async () => {
    await core?.close();
    core = null;
  });

  it('the owner’s stored zone and Slack locale decide the hour and the language; Snooze brings that one back in 7 days', async () => {
    const seed = new Date('2025-03-01T00:00:00Z');
    core = await openTestCore(dialect, { tag: 'rem_dm', now: seed, env: { REMINDER_CHANNEL: 'C0REMIND' } });
    const { commitments, users, reminders } = core.services;
    await commitments.assign('mexico-uk', LOCAL_USER, 'R1-6', 'U0MX', 'mx', seed);
    await commitments.setDue('mexico-uk', LOCAL_USER, 'R1-6', '2025-04-03', seed);
    await users.rememberProfile('U0MX', { timezone: 'America/Mexico_City', locale: 'es-LA' }, seed);
    const printed: string[] = [];
    const tick = createReminderTick(core, createLocalNotifier({ write: (t: string) => printed.push(t) }));
    await tick(new Date('2025-03-27T14:00:00Z'));
    const dms = () => printed.filter((p) => p.startsWith('[reminder → @U0MX (DM)]'));
    expect(dms()).toEqual([]);
    const at = await tick(new Date('2025-03-27T15:00:00Z')); // 09:00 Mexico City
    const key = 'commitment:mexico-uk:R1-6@2025-04-03:T-7:U0MX';
    expect(at.sent.map((s) => s.key)).toEqual([key]);
    expect(dms()[0]).toContain('R1-6 vence dentro de 7 días');

    // Snoozed by someone else: refused. By the owner: recorded and audited; once more in 7 days.
    expect(await reminders.snooze(key, 'U0OTHER', new Date('2025-03-27T16:00:00Z'))).toBeNull();
    const snoozed = await reminders.snooze(key, 'U0MX', new Date('2025-03-27T16:00:00Z'));
    expect(snoozed).toEqual({ until: '2025-04-03T16:00:00.000Z', changed: true });
    const audit = await core.store.db.selectFrom('audit_events').selectAll().where('action', '=', 'snooze').execute();
    expect(audit).toMatchObject([{ actor: 'U0MX', entity_id: 'R1-6', from_value: key }]);
    const back: string[] = [];
    for (let t = Date.parse('2025-03-28T00:00:00Z'); t <= Date.parse('2025-04-05T00:00:00Z'); t += 3_600_000)
      back.push(
        ...(await tick(new Date(t))).sent
          .filter((s) => s.key.includes('~snooze'))
          .map((s) => `${s.key}@${new Date(t).toISOString()}`),
      );
    expect(back).toEqual([`${key}~snooze@2025-04-03@2025-04-03T16:00:00.000Z`]);
    expect(dms().at(-1)).toContain('R1-6 vence hoy');
    expect(dms().at(-1)).toContain('Usted pospuso este recordatorio');
  });
});
