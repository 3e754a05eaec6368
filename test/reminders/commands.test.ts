import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import type { CommandName } from '../../src/commands/router.js';
import type { Core } from '../../src/core.js';
import { renderText } from '../../src/presentation/reply.js';
import { upsertUserTimezone } from '../../src/store/users.repository.js';
import { captureIo } from '../support/cli.js';
import { DIALECTS, openTestCore } from '../support/store.js';

const EDITOR = 'U0EDITOR';
const READER = 'U0READER';

describe.each(DIALECTS)('/dialogue reminders and remind-here (%s)', (dialect) => {
  let core: Core;
  beforeEach(async () => {
    core = await openTestCore(dialect, { env: { EDITORS: EDITOR }, tag: 'rem_cmd' });
  });
  afterEach(async () => {
    await core.close();
  });

  const ask = async (text: string, opts: { at?: string; user?: string; channel?: string | null } = {}) => {
    const reply = await core.router.handle({
      command: '/dialogue' as CommandName,
      text,
      userId: opts.user ?? EDITOR,
      channelId: opts.channel === undefined ? 'C0TEAM' : opts.channel,
      now: new Date(opts.at ?? '2024-07-01T12:00:00Z'),
    });
    return { reply, text: renderText(reply) };
  };

  it('remind-here: an editor sets the channel (audited); others are refused and nothing changes', async () => {
    const refused = await ask('remind-here', { user: READER });
    expect(refused.reply.kind).toBe('refusal');
    expect((await core.services.dialogues.get('mexico-uk')).reminderChannel).toBeNull();

    const ok = await ask('remind-here');
    expect(ok.reply.kind).toBe('change');
    expect(ok.text).toContain('will be posted in this channel');
    expect((await core.services.dialogues.get('mexico-uk')).reminderChannel).toBe('C0TEAM');
    const audit = await core.store.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'reminder-channel')
      .execute();
    expect(audit).toMatchObject([{ actor: EDITOR, to_value: 'C0TEAM' }]);
  });

  it('remind-here outside a channel, or with arguments: a usage hint, nothing changed', async () => {
    const none = await ask('remind-here', { channel: null });
    expect(none.reply.kind).toBe('usage');
    expect(none.text).toContain('inside the channel');
    const extra = await ask('remind-here now please');
    expect(extra.reply.kind).toBe('usage');
    expect((await core.services.dialogues.get('mexico-uk')).reminderChannel).toBeNull();
  });

  it('reminders: what is coming, in the user’s zone and language', async () => {
    await ask('remind-here');
    const en = await ask('reminders 20');
    expect(en.reply.kind).toBe('answer');
    expect(en.text).toContain('Coming reminders · Mexico–UK');
    // Monday 8 July, 09:00 London.
    expect(en.text).toContain('8 Jul 2024 09:00 BST → #C0TEAM: Weekly digest');
    expect(en.text).toContain('16 Jul 2024 09:00 BST → #C0TEAM: Date not fixed yet: round 2');
    expect(en.text).toContain('Reminder channel: #C0TEAM');

    // A Spanish speaker in Mexico City sees Mexico City times (CST, UTC−6) in Spanish.
    await core.services.users.setLang(READER, 'es', new Date());
    await upsertUserTimezone(core.store.db, READER, 'America/Mexico_City', new Date().toISOString());
    const es = await ask('reminders 20', { user: READER });
    expect(es.text).toContain('Próximos recordatorios');
    expect(es.text).toMatch(/16 jul 2024 02:00 CST → #C0TEAM: Fecha aún sin fijar: ronda 2/);
    expect(es.text).toContain('America/Mexico_City (CST)');
  });

  it('reminders: bad days are a usage hint; without a channel it says how to set one', async () => {
    expect((await ask('reminders soon')).reply.kind).toBe('usage');
    expect((await ask('reminders 0')).reply.kind).toBe('usage');
    expect((await ask('reminders 999')).reply.kind).toBe('usage');
    const { text } = await ask('reminders');
    expect(text).toContain('(no channel set)');
    expect(text).toContain('/dialogue remind-here');
  });

  it('precedence: the dialogue’s own channel wins over REMINDER_CHANNEL, the default for dialogues without one', async () => {
    await core.close();
    core = await openTestCore(dialect, {
      env: { EDITORS: EDITOR, REMINDER_CHANNEL: 'C0DEFAULT' },
      tag: 'rem_cmd',
    });
    expect((await core.services.dialogues.get('mexico-uk')).reminderChannel).toBe('C0DEFAULT');
    const before = await ask('reminders 20');
    expect(before.text).toContain('8 Jul 2024 09:00 BST → #C0DEFAULT: Weekly digest');
    expect(before.text).toContain('A dialogue’s own channel (/dialogue remind-here, or its config) wins');
    const set = await ask('remind-here');
    expect(set.text).toContain('This channel now wins over the server’s default reminder channel (#C0DEFAULT)');
    expect((await core.services.dialogues.get('mexico-uk')).reminderChannel).toBe('C0TEAM');
    expect((await ask('reminders 20')).text).toMatch(/8 Jul 2024 09:00 BST → #C0TEAM: Weekly digest .* · will send\n/);
  });

  it('help lists remind-here', async () => {
    expect((await ask('help')).text).toContain('/dialogue remind-here');
  });
});

describe('dialogue-bot reminders and tick', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rem-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = async (args: string[], env: Record<string, string> = {}) => {
    const { io, out, err } = captureIo(dir, env);
    const code = await runCli(args, io);
    return { code, out: out.join(''), err: err.join('') };
  };

  it('reminders --from --days previews what will be sent, when and where', async () => {
    const r = await run(['reminders', '--from', '2024-07-10T00:00:00Z', '--days', '10']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Reminders from 2024-07-10 01:00 BST for 10 days (Europe/London)');
    expect(r.out).toMatch(/2024-07-15 09:00 BST {2}#local {2}digest:mexico-uk:2024-W29 {2}will send\n/);
    expect(r.out).toMatch(
      /2024-07-16 09:00 BST {2}#local {2}expected:mexico-uk:2:2024-07 {2}will send\n\s+Date not fixed yet/,
    );
    const es = await run(['reminders', '--from', '2024-07-10T00:00:00Z', '--days', '10', '--lang', 'es']);
    expect(es.out).toContain('Fecha aún sin fijar');
  });

  it('reminders over ten years prints every one, each once, and says how many', async () => {
    const r = await run(['reminders', '--from', '2024-07-10T00:00:00Z', '--days', '3660']);
    expect(r.code).toBe(0);
    const keys = [...r.out.matchAll(/^ {2}\d{4}-\d\d-\d\d \d\d:\d\d \S+ {2}\S+ {2}(\S+) {2}/gm)].map((m) => m[1]!);
    const total = Number(/^(\d+) reminders in all\.$/m.exec(r.out)![1]);
    expect(keys).toHaveLength(total);
    expect(new Set(keys).size).toBe(total);
    // A weekly digest for every week of the ten years: nothing cut at some round number.
    expect(keys.filter((k) => k.startsWith('digest:')).length).toBeGreaterThanOrEqual(520);
  });

  it('tick --at only shows what it would send and changes nothing; the preview still says "will send"', async () => {
    const env = { REMINDER_CHANNEL: 'C0REMIND' };
    // Next January's digest, tried out ahead of time: nothing posted, nothing recorded.
    const dry = await run(['tick', '--at', '2027-01-04T09:00:00Z'], env);
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('(preview: nothing posted or recorded; add --send to deliver): 1 would be sent.');
    expect(dry.out).toContain('would send → #C0REMIND  digest:mexico-uk:2027-W01');
    expect(dry.out).not.toContain('[reminder →');
    const again = await run(['tick', '--at', '2027-01-04T09:00:00Z'], env);
    expect(again.out).toContain('1 would be sent.');
    const preview = await run(['reminders', '--from', '2027-01-04T00:00:00Z', '--days', '1'], env);
    expect(preview.out).toMatch(/digest:mexico-uk:2027-W01 {2}will send/);
  });

  it('tick --at --send delivers what is due (stdout in local mode), prints it, and never twice', async () => {
    const env = { REMINDER_CHANNEL: 'C0REMIND' };
    const first = await run(['tick', '--at', '2024-07-16T08:00:00Z', '--send'], env);
    expect(first.code).toBe(0);
    expect(first.out).toContain('[reminder → #C0REMIND] Date not fixed yet: round 2');
    expect(first.out).toContain('sent → #C0REMIND  expected:mexico-uk:2:2024-07');
    expect(first.out).toMatch(/sent → #C0REMIND {2}digest:mexico-uk:2024-W29 \(late: due 2024-07-15 09:00 BST\)/);
    const again = await run(['tick', '--at', '2024-07-16T08:01:00Z', '--send'], env);
    expect(again.out).toContain('0 sent.');
    expect(again.out).not.toContain('[reminder →');
    const preview = await run(['reminders', '--from', '2024-07-15T00:00:00Z', '--days', '2'], env);
    expect(preview.out).toContain('expected:mexico-uk:2:2024-07  sent 2024-07-16 09:00 BST');
    expect(preview.out).toContain('digest:mexico-uk:2024-W29  sent 2024-07-16 09:00 BST');
    const history = await run(['reminders', '--history'], env);
    expect(history.code).toBe(0);
    expect(history.out).toMatch(
      /2024-07-15 09:00 BST {2}sent {5}digest:mexico-uk:2024-W29 → #C0REMIND {2}at 2024-07-16 09:00 BST \(late\)/,
    );
    expect(history.out).toMatch(
      /skipped {2}digest:mexico-uk:2024-W28 → #C0REMIND {2}— missed by more than the catch-up window \(24 h\)/,
    );
  });

  it('bad arguments exit 2 with a specific message', async () => {
    expect((await run(['reminders', '--days', 'many'])).code).toBe(2);
    expect((await run(['reminders', '--from', 'yesterday'])).err).toContain('--from: not an ISO date-time');
    expect((await run(['tick', '--at', '2024-13-01'])).code).toBe(2);
    expect((await run(['reminders', '--dialogue', 'nope'])).err).toContain('no dialogue "nope"');
  });
});
