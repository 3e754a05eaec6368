import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verbAliases, verbFacts, verbNames } from '../../src/commands/verbs.js';
import { DIALECTS } from '../support/store.js';
import {
  answerTo,
  blockActionBody,
  commandBody,
  EDITOR,
  postSigned,
  READER,
  type SlackHarness,
  startSlackApp,
} from './helpers.js';

/** Arguments that make each private /dialogue verb a well-formed command (the import form opens a modal instead). */
const ARGS: Record<string, string[]> = {
  subscribe: ['', ' mine'],
  unsubscribe: [''],
  reminders: [''],
  lang: [' en'],
  export: ['', ' md'],
  // Every form of page answers with (or about) a secret address.
  page: ['', ' share minister', ' links', ' reset --yes'],
};
const PREFIXES = ['', '--dialogue mexico-uk ', '--dialogue=mexico-uk ', '  --dialogue   mexico-uk   '];

describe.each(DIALECTS)('Share in channel never carries a private answer (%s)', (dialect) => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackApp(dialect, 'slack_share');
  });
  afterAll(async () => {
    await h.close();
  });

  type Element = { action_id?: string };
  /** The Share buttons of a Slack message. */
  const shareButtons = (reply: unknown): Element[] =>
    ((reply as { blocks?: { elements?: Element[] }[] }).blocks ?? [])
      .flatMap((b) => b.elements ?? [])
      .filter((e) => e.action_id === 'reply.share');

  it('offers Share for an informational answer, with or without the dialogue flag', async () => {
    for (const prefix of PREFIXES) {
      const { body, method } = commandBody(h.fake, { text: `${prefix}next`, user_id: READER });
      await postSigned(h.url, body);
      const reply = await answerTo(h.fake, method);
      expect(shareButtons(reply), prefix).toHaveLength(1);
    }
  });

  it('offers no Share button on any private verb, whatever flags precede it', async () => {
    const privateVerbs = verbNames('/dialogue').filter((v) => verbFacts('/dialogue', v)!.private && v !== 'import');
    expect(privateVerbs.sort()).toEqual(Object.keys(ARGS).sort());
    for (const verb of privateVerbs)
      for (const args of ARGS[verb]!)
        for (const prefix of PREFIXES) {
          const text = `${prefix}${verb}${args}`;
          const { body, method } = commandBody(h.fake, { text, user_id: READER });
          await postSigned(h.url, body);
          const reply = await answerTo(h.fake, method);
          expect(reply.text, text).toBeTruthy();
          expect(shareButtons(reply), text).toHaveLength(0);
        }
  });

  it('treats a Spanish alias as its verb: no Share on a private one, Share on an informational one', async () => {
    const privateAliases = verbAliases('/dialogue').filter(
      ([, verb]) => verbFacts('/dialogue', verb)!.private && verb !== 'import',
    );
    expect(privateAliases.map(([alias]) => alias)).toEqual(
      expect.arrayContaining(['suscribir', 'desuscribir', 'recordatorios', 'exportar', 'idioma']),
    );
    for (const [alias, verb] of privateAliases)
      for (const prefix of PREFIXES.slice(0, 2)) {
        const text = `${prefix}${alias}${ARGS[verb]![0]}`;
        const { body, method } = commandBody(h.fake, { text, user_id: READER });
        await postSigned(h.url, body);
        const reply = await answerTo(h.fake, method);
        expect(reply.text, text).toBeTruthy();
        expect(shareButtons(reply), text).toHaveLength(0);
      }
    for (const text of ['siguiente', '--dialogue mexico-uk Próxima', 'ciclo']) {
      const { body, method } = commandBody(h.fake, { text, user_id: READER });
      await postSigned(h.url, body);
      expect(shareButtons(await answerTo(h.fake, method)), text).toHaveLength(1);
    }
    const list = commandBody(h.fake, { command: '/commitments', text: 'lista abiertos', user_id: READER });
    await postSigned(h.url, list.body);
    expect(shareButtons(await answerTo(h.fake, list.method))).toHaveLength(1);
  });

  it('a Share click carrying a private alias posts nothing to the channel', async () => {
    const before = h.fake.callsTo('chat.postMessage').length;
    const click = blockActionBody(h.fake, {
      actionId: 'reply.share',
      value: JSON.stringify({ c: '/dialogue', t: '--dialogue mexico-uk suscribir' }),
      user: READER,
    });
    expect((await postSigned(h.url, click.body)).status).toBe(200);
    await h.app.idle();
    expect(h.fake.callsTo(click.method)).toHaveLength(0);
    expect(h.fake.callsTo('chat.postMessage').length).toBe(before);
  });

  it('offers no Share on a changing verb, and a Share click carrying one runs nothing (an old "nothing to undo" must not undo a later change)', async () => {
    // "Nothing to undo" is an answer; were it shareable, its button would run `undo` again when clicked.
    const first = commandBody(h.fake, { command: '/commitments', text: 'undo', user_id: EDITOR });
    await postSigned(h.url, first.body);
    expect(shareButtons(await answerTo(h.fake, first.method))).toHaveLength(0);
    const note = commandBody(h.fake, {
      command: '/commitments',
      text: 'note R1-4 kept after the share',
      user_id: EDITOR,
    });
    await postSigned(h.url, note.body);
    await answerTo(h.fake, note.method);
    // The note's channel announcement is posted after the answer.
    await h.app.idle();
    const posts = h.fake.callsTo('chat.postMessage').length;
    const click = blockActionBody(h.fake, {
      actionId: 'reply.share',
      value: JSON.stringify({ c: '/commitments', t: 'undo' }),
      user: EDITOR,
    });
    expect((await postSigned(h.url, click.body)).status).toBe(200);
    await h.app.idle();
    expect(h.fake.callsTo(click.method)).toHaveLength(0);
    expect(h.fake.callsTo('chat.postMessage').length).toBe(posts);
    const show = commandBody(h.fake, { command: '/commitments', text: 'show R1-4', user_id: READER });
    await postSigned(h.url, show.body);
    expect(JSON.stringify(await answerTo(h.fake, show.method))).toContain('kept after the share');
  });

  it('a Share click carrying a private command posts nothing to the channel', async () => {
    const before = h.fake.callsTo('chat.postMessage').length;
    const click = blockActionBody(h.fake, {
      actionId: 'reply.share',
      value: JSON.stringify({ c: '/dialogue', t: '--dialogue mexico-uk subscribe' }),
      user: READER,
    });
    const res = await postSigned(h.url, click.body);
    expect(res.status).toBe(200);
    // A share that is allowed, sent after it, arrives; the private one never did, once all work has settled.
    const ok = blockActionBody(h.fake, {
      actionId: 'reply.share',
      value: JSON.stringify({ c: '/dialogue', t: '--dialogue mexico-uk next' }),
      user: READER,
    });
    await postSigned(h.url, ok.body);
    await h.app.idle();
    expect(h.fake.callsTo(ok.method)[0]?.args).toMatchObject({ response_type: 'in_channel' });
    expect(h.fake.callsTo(click.method)).toHaveLength(0);
    expect(h.fake.callsTo('chat.postMessage').length).toBe(before);
    expect(h.fake.calls.map((c) => JSON.stringify(c.args)).join('\n')).not.toMatch(/\/calendar\/[^"\s]+\.ics/);
  });
});
