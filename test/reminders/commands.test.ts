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
    expect(r.out).toMatch(/2024-07-15 09:00 BST {2}#local {2}digest:mexico-uk:2024-W29/);
    expect(r.out).toMatch(/2024-07-16 09:00 BST {2}#local {2}expected:mexico-uk:2:2024-07\n\s+Date not fixed yet/);
    const es = await run(['reminders', '--from', '2024-07-10T00:00:00Z', '--days', '10', '--lang', 'es']);
    expect(es.out).toContain('Fecha aún sin fijar');
  });

  it('tick --at delivers what is due (stdout in local mode), prints it, and never twice', async () => {
    const env = { REMINDER_CHANNEL: 'C0REMIND' };
    const first = await run(['tick', '--at', '2024-07-16T08:00:00Z'], env);
    expect(first.code).toBe(0);
    expect(first.out).toContain('[reminder → #C0REMIND] Date not fixed yet: round 2');
    expect(first.out).toContain('sent → #C0REMIND  expected:mexico-uk:2:2024-07');
    expect(first.out).toMatch(/sent → #C0REMIND {2}digest:mexico-uk:2024-W29 \(late: due 2024-07-15 09:00 BST\)/);
    const again = await run(['tick', '--at', '2024-07-16T08:01:00Z'], env);
    expect(again.out).toContain('0 sent.');
    expect(again.out).not.toContain('[reminder →');
    const preview = await run(['reminders', '--from', '2024-07-15T00:00:00Z', '--days', '2'], env);
    expect(preview.out).toContain('expected:mexico-uk:2:2024-07 [sent]');
  });

  it('bad arguments exit 2 with a specific message', async () => {
    expect((await run(['reminders', '--days', 'many'])).code).toBe(2);
    expect((await run(['reminders', '--from', 'yesterday'])).err).toContain('--from: not an ISO date-time');
    expect((await run(['tick', '--at', '2024-13-01'])).code).toBe(2);
    expect((await run(['reminders', '--dialogue', 'nope'])).err).toContain('no dialogue "nope"');
  });
});
