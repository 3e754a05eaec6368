import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFeedHandler } from '../../src/calendar/route.js';
import type { Core } from '../../src/core.js';
import { createHttpServer, type HttpServer } from '../../src/http.js';
import { type Reply, renderText } from '../../src/presentation/reply.js';
import { hashFeedToken, newFeedToken } from '../../src/services/feed-token.js';
import { insertSubscriptionRow } from '../../src/store/subscriptions.repository.js';
import { DIALECTS, openTestCore } from '../support/store.js';

const T0 = new Date('2024-06-01T12:00:00Z');
const ANA = 'UANA1';
const BEN = 'UBEN1';
const EDITOR = 'UEDITOR1';
const MEXICO_UK = 'Mexico–UK Multilateral and Human Rights Dialogue';

/**
 * `/dialogue unsubscribe`: asks first, names what would stop, stops it on
 * confirmation (audited, in the change log), and Undo brings back the same
 * addresses; a repeated confirm stops nothing more.
 */
describe.each(DIALECTS)('stopping a calendar feed, and undoing it (%s)', (dialect) => {
  let core: Core;
  let http: HttpServer;
  let base: string;

  beforeEach(async () => {
    core = await openTestCore(dialect, {
      tag: 'unsubscribe',
      env: { EDITORS: EDITOR, PUBLIC_URL: 'https://feeds.example.org' },
    });
    const route = createFeedHandler(core.services.feeds, () => T0);
    http = createHttpServer(
      { health: async () => ({ ok: true, db: true, scheduler: true }), calendar: route },
      core.logger,
    );
    base = `http://127.0.0.1:${await http.listen(0)}`;
  });
  afterEach(async () => {
    await http.close();
    await core.close();
  });

  const feeds = () => core.services.feeds;
  const run = (text: string, userId = ANA, now = T0) =>
    core.router.handle({ command: '/dialogue', text, userId, channelId: null, now });
  /** The HTTP status a feed's address answers with, fetched as a calendar app would. */
  const status = async (token: string, mine = false) =>
    (await fetch(`${base}/calendar/${token}.ics${mine ? '?mine=1' : ''}`)).status;
  const subscribe = async (userId = ANA, dialogueId: string | null = null) =>
    (await feeds().subscribe(userId, { lang: 'en', mine: false, dialogueId }, T0)).token;
  const rows = () => core.store.db.selectFrom('subscriptions').selectAll().orderBy('id').execute();
  const audit = () =>
    core.store.db.selectFrom('audit_events').selectAll().where('entity', '=', 'subscription').orderBy('id').execute();
  const revision = () => core.services.ctx.storeRevision();
  /** The command a button carries (Confirm, Undo). */
  const buttonCommand = (reply: Reply, label: string) => {
    const action = reply.actions?.find((a) => a.label === label);
    expect(action?.id).toBe('change.confirm');
    return (JSON.parse(action!.value) as { c: string; t: string }).t;
  };

  describe('the service', () => {
    it('stops a feed (404), audits it, and undo brings back the same token (200 again)', async () => {
      const token = await subscribe();
      const other = await subscribe(ANA, 'mexico-uk');
      expect(await status(token)).toBe(200);

      const stop = await feeds().stop(ANA, { kind: 'scope', dialogueId: null, mine: false }, T0);
      expect(stop.stopped.map((f) => f.dialogueId)).toEqual([null]);
      expect(stop.live.map((f) => f.dialogueId)).toEqual(['mexico-uk']);
      expect(stop.changeId).not.toBeNull();
      expect(await status(token)).toBe(404);
      expect(await status(token, true)).toBe(404);
      expect(await status(other)).toBe(200);
      const [stopped] = await audit();
      expect(stopped).toMatchObject({ action: 'unsubscribe', actor: ANA, dialogue_id: '*', change_id: stop.changeId });
      expect(stopped!.entity_id).toBe(String((await rows())[0]!.id));

      const restore = await feeds().restore(ANA, stop.changeId!, new Date(T0.getTime() + 60_000));
      expect(restore.restored.map((f) => f.dialogueId)).toEqual([null]);
      expect(await status(token)).toBe(200);
      expect(await status(token, true)).toBe(200);
      // The same row, the same token: no new address was made.
      const after = await rows();
      expect(after).toHaveLength(2);
      expect(after.every((r) => r.revoked_at === null)).toBe(true);
      expect(after[0]!.token_hash).toBe(hashFeedToken(token));
      expect((await feeds().subscribe(ANA, { lang: 'en', mine: false, dialogueId: null }, T0)).token).toBe(token);
      const undone = (await audit()).at(-1)!;
      expect(undone).toMatchObject({
        action: 'undo',
        actor: ANA,
        reverses: stop.changeId,
        change_id: restore.changeId,
      });
    });

    it('undo: its author only, once, within 24 hours, and only a change to feeds', async () => {
      await subscribe();
      const { changeId } = await feeds().stop(ANA, { kind: 'every' }, T0);
      await expect(feeds().restore(BEN, changeId!, T0)).rejects.toMatchObject({ code: 'undo.not_author' });
      await expect(feeds().restore(ANA, changeId!, new Date(T0.getTime() + 25 * 3_600_000))).rejects.toMatchObject({
        code: 'undo.too_old',
      });
      await expect(feeds().restore(ANA, changeId! + 100, T0)).rejects.toMatchObject({ code: 'undo.not_found' });
      // A change to the cycle is not a feed's: not undone from here.
      const note = await core.services.commitments.note('mexico-uk', EDITOR, 'R1-4', 'a note', T0);
      await expect(feeds().restore(EDITOR, note.changeId!, T0)).rejects.toMatchObject({ code: 'undo.not_found' });
      await feeds().restore(ANA, changeId!, T0);
      const rev = await revision();
      await expect(feeds().restore(ANA, changeId!, T0)).rejects.toMatchObject({ code: 'undo.already' });
      expect(await revision()).toBe(rev);
    });

    it('nothing left to stop: nothing changes, nothing is audited', async () => {
      const rev = await revision();
      const stop = await feeds().stop(ANA, { kind: 'every' }, T0);
      expect(stop).toEqual({ stopped: [], live: [], changeId: null });
      expect(await revision()).toBe(rev);
      expect(await audit()).toEqual([]);
    });

    it('a Confirm for feeds already stopped does not stop one made since, nor anyone else’s', async () => {
      const first = await subscribe();
      const bens = await subscribe(BEN);
      const [anaRow, benRow] = await rows();
      const ids = [Number(anaRow!.id), Number(benRow!.id)];
      expect((await feeds().stop(ANA, { kind: 'ids', ids }, T0)).stopped).toHaveLength(1);
      expect(await status(bens)).toBe(200);
      const again = await subscribe();
      expect(again).not.toBe(first);
      expect((await feeds().stop(ANA, { kind: 'ids', ids }, T0)).stopped).toEqual([]);
      expect(await status(again)).toBe(200);
    });

    it('“mine” stops a feed made “mine” on its own where there is one, else the feed its ?mine=1 address is', async () => {
      const token = await subscribe();
      const legacy = newFeedToken();
      await insertSubscriptionRow(core.store.db, {
        user_id: ANA,
        dialogue_id: null,
        token_hash: hashFeedToken(legacy),
        token: legacy,
        mine: 1,
        lang: 'en',
        created_at: T0.toISOString(),
        revoked_at: null,
      });
      const preview = renderText(await run('unsubscribe mine'));
      expect(preview).toContain('• all dialogues — your commitments only');
      expect(preview).toContain('These keep working:\n• all dialogues\n');
      await run('unsubscribe mine confirm');
      expect(await status(legacy)).toBe(404);
      expect(await status(token)).toBe(200);
      expect(renderText(await run('unsubscribe mine'))).toContain('• all dialogues\n');
    });
  });

  describe('the command', () => {
    it('previews without changing anything, naming the feed in words and the ones that keep working', async () => {
      const all = await subscribe();
      const one = await subscribe(ANA, 'mexico-uk');
      const rev = await revision();
      const before = await rows();
      const preview = await run('unsubscribe --dialogue mexico-uk');
      expect(preview.kind).toBe('confirm');
      const text = renderText(preview);
      expect(text).toContain(`This feed would stop`);
      expect(text).toContain(`• ${MEXICO_UK} only`);
      expect(text).toContain('These keep working:\n• all dialogues');
      expect(text).toContain('Nothing has changed yet.');
      // Outside Slack there is no button: the typed form, or --yes.
      expect(text).toContain('To go ahead: /dialogue unsubscribe confirm --dialogue mexico-uk (or add --yes)');
      expect(buttonCommand(preview, 'Confirm')).toBe(`unsubscribe confirm feeds:${before[1]!.id}`);
      expect(await rows()).toEqual(before);
      expect(await revision()).toBe(rev);
      expect(await status(all)).toBe(200);
      expect(await status(one)).toBe(200);
      expect(await audit()).toEqual([]);
    });

    it('says clearly when no feed matches, and lists the ones the user has', async () => {
      expect(renderText(await run('unsubscribe'))).toBe(
        'Nothing left to stop: you have no calendar feeds. Nothing changed.',
      );
      await subscribe(ANA, 'mexico-uk');
      const none = await run('unsubscribe');
      expect(none.kind).toBe('answer');
      expect(renderText(none)).toBe(
        [
          'Nothing left to stop: you have no calendar feed for “all dialogues”. Nothing changed.',
          'Your feeds (each with the command that stops it):',
          `• ${MEXICO_UK} only · /dialogue unsubscribe --dialogue mexico-uk`,
        ].join('\n'),
      );
    });

    it('typed confirm stops it, with Undo; confirming again stops nothing more; the typed undo brings it back', async () => {
      const token = await subscribe();
      const done = await run('unsubscribe confirm');
      expect(done.summary).toBe('Your calendar feed is stopped: its address no longer works.');
      expect(renderText(done)).toContain(
        'Your calendar feed is stopped: its address no longer works.\n• all dialogues',
      );
      expect(await status(token)).toBe(404);
      const undo = buttonCommand(done, 'Undo');
      expect(undo).toMatch(/^unsubscribe undo #\d+$/);
      const rev = await revision();
      const again = await run('unsubscribe confirm');
      expect(again.summary).toBe('Nothing left to stop: you have no calendar feeds. Nothing changed.');
      expect(await revision()).toBe(rev);
      expect((await audit()).filter((a) => a.action === 'unsubscribe')).toHaveLength(1);

      const back = await run(undo);
      expect(back.summary).toMatch(/^Undone: change #\d+ has been reversed./);
      expect(renderText(back)).toContain('Your calendar feed works again, at the same address.');
      expect(await status(token)).toBe(200);
      expect((await run(undo)).summary).toMatch(/was already undone; nothing changed/);
      expect(await status(token)).toBe(200);
    });

    it('/dialogue undo #N undoes a stop as `unsubscribe undo #N` does: the same private answer, the same rules', async () => {
      const token = await subscribe();
      const done = await run('unsubscribe confirm');
      const n = Number(/#(\d+)/.exec(buttonCommand(done, 'Undo'))![1]);
      // Only its author; nothing changes for anyone else.
      const rev = await revision();
      expect(renderText(await run(`undo #${n}`, BEN))).toBe(`Change #${n} was made by @${ANA}: only they can undo it.`);
      expect(await revision()).toBe(rev);
      expect(await status(token)).toBe(404);

      const back = await run(`undo #${n}`);
      // A private answer, as `unsubscribe undo` gives: a feed is the user's own, no channel is told.
      expect(back.kind).toBe('answer');
      expect(back.announcement).toBeUndefined();
      expect(renderText(back)).toBe(
        `Undone: change #${n} has been reversed. Your calendar feed works again, at the same address.\n• all dialogues`,
      );
      expect(await status(token)).toBe(200);
      expect((await audit()).at(-1)).toMatchObject({ action: 'undo', actor: ANA, reverses: n });
      // Once: either form now says it was already undone.
      for (const again of [`undo #${n}`, `unsubscribe undo #${n}`])
        expect(renderText(await run(again)), again).toBe(`Change #${n} was already undone; nothing changed.`);

      // Both forms say the same thing, in Spanish too (`deshacer n.º`), and keep the 24-hour window.
      await run('lang es', ANA);
      const stopped = await run('desuscribir confirmar');
      const m = Number(/#(\d+)/.exec(buttonCommand(stopped, 'Deshacer'))![1]);
      const late = new Date(T0.getTime() + 25 * 3_600_000);
      expect(renderText(await run(`deshacer #${m}`, ANA, late))).toBe(
        renderText(await run(`desuscribir deshacer #${m}`, ANA, late)),
      );
      expect(renderText(await run(`deshacer #${m}`, ANA, late))).toMatch(/^El cambio n\.º \d+ tiene más de 24 horas/);
      const typed = renderText(await run(`deshacer #${m}`));
      expect(typed).toContain(`Deshecho: se revirtió el cambio n.º ${m}. Su calendario vuelve a funcionar`);
      expect(await status(token)).toBe(200);
    });

    it('the Confirm button’s command stops exactly the feeds shown, once', async () => {
      const token = await subscribe();
      const confirm = buttonCommand(await run('unsubscribe'), 'Confirm');
      expect((await run(confirm)).summary).toBe('Your calendar feed is stopped: its address no longer works.');
      expect(await status(token)).toBe(404);
      expect((await run(confirm)).summary).toMatch(/^Nothing left to stop/);
    });

    it('`all` previews and stops every feed; --yes confirms too', async () => {
      const all = await subscribe();
      const one = await subscribe(ANA, 'mexico-uk');
      const preview = renderText(await run('unsubscribe all'));
      expect(preview).toContain(`Stop 2 calendar feeds?`);
      expect(preview).toContain(`• all dialogues\n• ${MEXICO_UK} only`);
      expect(await status(all)).toBe(200);
      const done = await run('unsubscribe all --yes');
      expect(done.summary).toBe('2 calendar feeds are stopped: their addresses no longer work.');
      expect(await status(all)).toBe(404);
      expect(await status(one)).toBe(404);
      await run(buttonCommand(done, 'Undo'));
      expect(await status(all)).toBe(200);
      expect(await status(one)).toBe(200);
    });

    it('a Spanish user: desuscribir, confirmar, deshacer — all in Spanish', async () => {
      await run('lang es', BEN);
      const token = await subscribe(BEN);
      const preview = renderText(await run('desuscribir', BEN));
      expect(preview).toContain('¿Desactivar su calendario?');
      expect(preview).toContain('• todos los diálogos');
      expect(preview).toContain('Todavía no se ha cambiado nada.');
      expect(await status(token)).toBe(200);
      const done = await run('desuscribir confirmar', BEN);
      expect(renderText(done)).toContain('Su calendario quedó desactivado: su dirección ya no funciona.');
      expect(await status(token)).toBe(404);
      expect((await run('desuscribir confirmar', BEN)).summary).toBe(
        'No queda nada por desactivar: no tiene ningún calendario. No cambió nada.',
      );
      const n = /#(\d+)/.exec(buttonCommand(done, 'Deshacer'))![1];
      const back = renderText(await run(`desuscribir deshacer #${n}`, BEN));
      expect(back).toContain(`Deshecho: se revirtió el cambio n.º ${n}. Su calendario vuelve a funcionar`);
      expect(await status(token)).toBe(200);
    });

    it('refuses what it cannot read, changing nothing', async () => {
      const token = await subscribe();
      for (const text of [
        'unsubscribe everything',
        'unsubscribe all --dialogue mexico-uk',
        'unsubscribe all mine',
        'unsubscribe confirm confirm',
        'unsubscribe undo',
        'unsubscribe undo soon',
        'unsubscribe feeds:1',
      ]) {
        const reply = await run(text);
        expect(reply.kind, text).toBe('usage');
        expect(reply.summary).toMatch(/^Usage: \/dialogue unsubscribe \[all\|mine\]/);
      }
      expect((await run('unsubscribe confirm --dialogue nowhere')).kind).toBe('error');
      expect(await status(token)).toBe(200);
      expect(await audit()).toEqual([]);
    });
  });
});
