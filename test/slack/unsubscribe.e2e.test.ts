import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/store.js';
import {
  allText,
  answerTo,
  blockActionBody,
  commandBody,
  postSigned,
  READER,
  type SlackHarness,
  startSlackApp,
  waitFor,
} from './helpers.js';

// biome-ignore lint/suspicious/noExplicitAny: Slack JSON, inspected freely
type Json = any;

const FEED = /\/calendar\/([A-Za-z0-9_-]{43})\.ics/;

/** `/dialogue unsubscribe` through the real app against the fake Slack: preview, Confirm, Undo, repeats. */
describe.each(DIALECTS)('stopping a calendar feed in Slack (%s)', (dialect) => {
  let h: SlackHarness;
  beforeEach(async () => {
    h = await startSlackApp(dialect, 'unsubscribe_e2e');
  });
  afterEach(async () => {
    await h.close();
  });

  /** A slash command by the reader; its private answer. */
  const command = async (text: string, user = READER): Promise<Json> => {
    const { body, method } = commandBody(h.fake, { text, user_id: user });
    expect((await postSigned(h.url, body)).status).toBe(200);
    return answerTo(h.fake, method);
  };
  /** A button of a message, pressed by the reader; the message that takes its place. */
  const press = async (button: Json): Promise<{ answer: Json; body: string; method: string }> => {
    const click = blockActionBody(h.fake, { actionId: button.action_id, value: button.value, user: READER });
    expect((await postSigned(h.url, click.body)).status).toBe(200);
    const answer = await waitFor(() => h.fake.callsTo(click.method)[0]?.args, 'the answer to a button');
    return { answer, body: click.body, method: click.method };
  };
  const button = (message: Json, prefix: string): Json =>
    message.blocks.flatMap((b: Json) => b.elements ?? []).find((e: Json) => String(e.action_id).startsWith(prefix));
  const status = async (token: string) => (await fetch(`http://127.0.0.1:${h.app.port}/calendar/${token}.ics`)).status;
  const live = async () =>
    (await h.app.core.store.db.selectFrom('subscriptions').selectAll().where('revoked_at', 'is', null).execute())
      .length;

  it('previews and changes nothing; Confirm stops it (once, even if the click arrives twice); Undo brings the same address back', async () => {
    const token = FEED.exec(allText(await command('subscribe')))![1]!;
    expect(await status(token)).toBe(200);

    const preview = await command('unsubscribe');
    expect(allText(preview)).toContain('Stop your calendar feed?');
    expect(allText(preview)).toContain('all dialogues');
    expect(await status(token)).toBe(200);
    expect(await live()).toBe(1);
    const confirm = button(preview, 'change.confirm');
    expect(confirm.text.text).toBe('Confirm');

    const { answer: done, body, method } = await press(confirm);
    expect(done.replace_original).toBe(true);
    expect(allText(done)).toContain('Your calendar feed is stopped');
    expect(await status(token)).toBe(404);
    const undo = button(done, 'change.confirm');
    expect(undo.text.text).toBe('Undo');

    // The same click delivered again (a Slack retry): answered, not applied again.
    await postSigned(h.url, body, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    const replayed = await waitFor(() => h.fake.callsTo(method)[1]?.args, 'the answer to the retried click');
    expect(allText(replayed)).toContain('Your calendar feed is stopped');
    // Another press of the same Confirm: nothing is left to stop.
    const { answer: again } = await press(confirm);
    expect(allText(again)).toContain('Nothing left to stop');
    const audit = await h.app.core.store.db
      .selectFrom('audit_events')
      .selectAll()
      .where('entity', '=', 'subscription')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['unsubscribe']);

    const { answer: back } = await press(undo);
    expect(back.replace_original).toBe(true);
    expect(allText(back)).toContain('works again, at the same address');
    expect(await status(token)).toBe(200);
    expect(FEED.exec(allText(await command('subscribe')))![1]).toBe(token);
    // Nothing of it is announced in a channel: a feed is the user's own.
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('/dialogue undo #N (typed in the channel) brings the feed back: a private answer, nothing to share, nothing announced', async () => {
    const token = FEED.exec(allText(await command('subscribe')))![1]!;
    const { answer: done } = await press(button(await command('unsubscribe'), 'change.confirm'));
    expect(await status(token)).toBe(404);
    const n = /#(\d+)/.exec(JSON.parse(button(done, 'change.confirm').value).t)![1];
    const back = await command(`undo #${n}`);
    expect(back.response_type).toBe('ephemeral');
    expect(allText(back)).toContain(`Undone: change #${n} has been reversed.`);
    expect(allText(back)).toContain('works again, at the same address');
    // The user's own feeds: no Share button, and no channel hears of it.
    expect(button(back, 'reply.share')).toBeUndefined();
    expect(await status(token)).toBe(200);
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(0);
    expect(allText(await command(`undo #${n}`))).toContain(`Change #${n} was already undone; nothing changed.`);
  });

  it('typed confirm works, and a Spanish user is answered in Spanish', async () => {
    await command('lang es');
    const token = FEED.exec(allText(await command('suscribir')))![1]!;
    const preview = await command('desuscribir');
    expect(allText(preview)).toContain('¿Desactivar su calendario?');
    expect(button(preview, 'change.confirm').text.text).toBe('Confirmar');
    expect(await status(token)).toBe(200);
    const done = await command('desuscribir confirmar');
    expect(allText(done)).toContain('Su calendario quedó desactivado');
    expect(button(done, 'change.confirm').text.text).toBe('Deshacer');
    expect(await status(token)).toBe(404);
    expect(allText(await command('desuscribir confirmar'))).toContain('No queda nada por desactivar');
    const { answer: back } = await press(button(done, 'change.confirm'));
    expect(allText(back)).toContain('Su calendario vuelve a funcionar, con la misma dirección.');
    expect(await status(token)).toBe(200);
  });
});
