import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS, REPO } from '../support/store.js';
import {
  allText,
  CHANNEL,
  commandBody,
  postSigned,
  READER,
  type SlackHarness,
  startSlackApp,
  viewSubmissionBody,
  waitFor,
} from './helpers.js';

const STATEMENT = readFileSync(`${REPO}test/fixtures/statements/mexico-uk-2025-second-round.txt`, 'utf8');
/** The same statement in Spanish (a translation written for the tests). */
const STATEMENT_ES = readFileSync(`${REPO}test/fixtures/statements/mexico-uk-2025-second-round.es.txt`, 'utf8');
/** After the second round (14 May 2025), so the statement can be recorded. */
const AFTER_ROUND_2 = new Date('2025-06-01T12:00:00Z');

describe.each(DIALECTS)('/dialogue import modal (%s)', (dialect) => {
  let h: SlackHarness;
  beforeEach(async () => {
    h = await startSlackApp(dialect, 'slack_import', { at: AFTER_ROUND_2 });
  });
  afterEach(async () => {
    await h.close();
  });

  const openModal = async (user?: string) => {
    const { body, method } = commandBody(h.fake, { text: 'import', ...(user ? { user_id: user } : {}) });
    expect((await postSigned(h.url, body)).status).toBe(200);
    const open = await waitFor(() => h.fake.callsTo('views.open').at(-1)?.args, 'views.open');
    expect(open.view.callback_id).toBe('statement.import');
    return { open, method };
  };

  const preview = async (meta: string, user?: string, translation: string | null = null) => {
    const submission = viewSubmissionBody({
      callbackId: 'statement.import',
      viewId: 'VIMPORT',
      privateMetadata: meta,
      values: {
        text: { value: { type: 'plain_text_input', value: STATEMENT } },
        more: { value: { value: null } },
        translation: { value: { value: translation } },
      },
      ...(user ? { user } : {}),
    });
    const res = await postSigned(h.url, submission);
    // The ack itself turns the modal into "Reading…"; the proposal follows through views.update.
    expect(await res.json()).toMatchObject({ response_action: 'update' });
    return waitFor(() => h.fake.callsTo('views.update').at(-1)?.args, 'views.update');
  };

  it('previews the statement, then records it once for an editor, announcing it in the channel', async () => {
    const { open, method } = await openModal();
    const update = await preview(open.view.private_metadata);
    expect(update.view_id).toBe('VIMPORT');
    const text = allText(update.view);
    expect(text).toContain('R2-7');
    expect(text).toContain('Round 2: held on 14 May 2025');
    expect(update.view.callback_id).toBe('statement.import.apply');
    expect(update.view.submit.text).toBe('Record it');
    const rounds = () =>
      h.app.core.store.db
        .selectFrom('rounds')
        .selectAll()
        .where('dialogue_id', '=', 'mexico-uk')
        .orderBy('edition')
        .execute();
    expect((await rounds()).find((r) => Number(r.edition) === 2)?.state).toBe('expected');

    const apply = viewSubmissionBody({
      callbackId: 'statement.import.apply',
      viewId: 'VIMPORT',
      privateMetadata: update.view.private_metadata,
      values: {},
    });
    expect((await postSigned(h.url, apply)).status).toBe(200);
    const post = await waitFor(() => h.fake.callsTo('chat.postMessage')[0]?.args, 'the announcement');
    expect(post.channel).toBe(CHANNEL);
    const mine = await waitFor(() => h.fake.callsTo(method)[0]?.args, 'the private answer');
    expect(mine.response_type).toBe('ephemeral');
    await postSigned(h.url, apply); // a second submission of the same view changes nothing
    await h.app.idle();
    const after = await rounds();
    expect(after.find((r) => Number(r.edition) === 2)).toMatchObject({ state: 'held', date: '2025-05-14' });
    const ids = (await h.app.core.services.commitments.list('mexico-uk')).map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining(['R2-5', 'R2-7', 'R2-8a', 'R2-9']));
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('offers a field for the other language’s version; both texts are recorded from it', async () => {
    const { open } = await openModal();
    expect(open.view.blocks.map((b: { block_id: string }) => b.block_id)).toEqual(['text', 'more', 'translation']);
    const update = await preview(open.view.private_metadata, undefined, STATEMENT_ES);
    expect(update.view.callback_id).toBe('statement.import.apply');
    const apply = viewSubmissionBody({
      callbackId: 'statement.import.apply',
      viewId: 'VIMPORT',
      privateMetadata: update.view.private_metadata,
      values: {},
    });
    expect((await postSigned(h.url, apply)).status).toBe(200);
    await waitFor(() => h.fake.callsTo('chat.postMessage')[0]?.args, 'the announcement');
    await h.app.idle();
    const r27 = (await h.app.core.services.commitments.list('mexico-uk')).find((c) => c.id === 'R2-7');
    expect(r27?.texts?.es).toMatch(/^Ambos países organizarán un taller conjunto/);
    expect(r27?.texts?.en).toBe(r27?.text);
  });

  it('shows a reader the preview without a way to record it', async () => {
    const { open } = await openModal(READER);
    const update = await preview(open.view.private_metadata, READER);
    expect(update.view.submit).toBeUndefined();
    expect(update.view.callback_id).toBeUndefined();
    expect(allText(update.view)).toContain('Only the dialogue’s editors can record it');
  });
});
