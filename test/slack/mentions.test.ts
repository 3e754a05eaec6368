import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/core.js';
import { DomainError } from '../../src/domain/errors.js';
import { LANGS } from '../../src/domain/types.js';
import { errorReply, errorText } from '../../src/presentation/errors.js';
import { type Reply, renderText } from '../../src/presentation/reply.js';
import { renderSlackMessage } from '../../src/slack/render.js';
import { DIALECTS, openTestCore } from '../support/store.js';

/**
 * A person a chat reply names is a Slack mention (`<@U…>`, which Slack shows
 * as their name), never their user ID as text (`@U…`), in both languages;
 * plain text (the CLI) still writes `@U…`.
 */
const EDITOR = 'UEDITOR1';
const ANA = 'UANA123';

/** The mrkdwn of a reply's blocks as Slack gets them. */
function slackText(reply: Reply): string {
  return JSON.stringify(renderSlackMessage(reply).blocks);
}

/** Contains `<@id>`, and no user ID as plain text once the mentions are taken out. */
function expectMentions(reply: Reply, ...ids: string[]): void {
  const text = slackText(reply);
  for (const id of ids) expect(text).toContain(`<@${id}>`);
  expect(text.replace(/<@[UW][A-Z0-9]+>/g, '')).not.toMatch(/@[UW][A-Z0-9]{2,}/);
}

describe('errors that name a person: a mention in Slack, @ID as plain text', () => {
  const errors = [
    new DomainError('change.collided', {
      target: { commitment: 'R1-4' },
      actor: 'UBEN1',
      action: 'assign',
      fields: [
        { field: 'status', value: 'in-progress' },
        { field: 'owner:mx', value: ANA },
      ],
    }),
    new DomainError('change.collided', {
      target: { page: `private:${ANA}` },
      actor: 'UBEN1',
      action: 'page-reset',
      fields: [],
    }),
    new DomainError('undo.not_author', { id: 12, actor: 'UBEN1' }),
    new DomainError('undo.depends', {
      id: 12,
      later: 14,
      actor: 'UBEN1',
      target: { commitment: 'R1-4' },
      action: 'assign',
      fields: ['owner:mx'],
    }),
    new DomainError('undo.changed_since', { id: 12, target: { page: `private:${ANA}` }, field: null }),
    new DomainError('page.already_revoked', { label: 'minister', actor: 'UBEN1', change: 2 }),
  ];

  for (const lang of LANGS)
    it(`${lang}: ${errors.map((e) => e.code).join(', ')}`, () => {
      for (const error of errors) {
        const reply = errorReply(error, lang);
        const ids = [error.code === 'undo.changed_since' ? ANA : 'UBEN1'];
        if (JSON.stringify(error.params).includes(ANA)) ids.push(ANA);
        expectMentions(reply, ...ids);
        // Plain text, for the CLI: the ID with @, as before.
        for (const id of ids) expect(renderText(reply)).toContain(`@${id}`);
        expect(renderText(reply)).toBe(errorText(error, lang));
      }
    });

  it('says the collision the same way as before in plain text', () => {
    expect(errorText(errors[0]!, 'en')).toBe(
      '@UBEN1 changed R1-4 (status, owner (mx)) just now, so yours was not applied. It is now: status: in progress, owner (mx): @UANA123. Check it and try again.',
    );
    expect(errorText(errors[2]!, 'es')).toBe('El cambio n.º 12 lo hizo @UBEN1: solo esa persona puede deshacerlo.');
  });
});

describe.each(DIALECTS)('chat replies that name an owner (%s)', (dialect) => {
  let core: Core;
  beforeEach(async () => {
    core = await openTestCore(dialect, { tag: 'slack_mentions', env: { EDITORS: EDITOR } });
  });
  afterEach(async () => {
    await core.close();
  });

  const ask = (command: '/dialogue' | '/commitments', text: string, at: string, userId = EDITOR) =>
    core.router.handle({ command, text, userId, channelId: null, now: new Date(at) });

  it('the same owner again: “already owns” names them as a mention, in English and Spanish', async () => {
    expect((await ask('/commitments', `assign R1-6 <@${ANA}> mx`, '2024-04-01T10:00:00Z')).kind).toBe('change');
    const en = await ask('/commitments', `assign R1-6 <@${ANA}> mx`, '2024-04-01T11:00:00Z');
    expect(renderText(en)).toContain(`@${ANA} already owns R1-6`);
    expectMentions(en, ANA);
    await ask('/dialogue', 'lang es', '2024-04-01T11:30:00Z');
    const es = await ask('/commitments', `assign R1-6 <@${ANA}> mx`, '2024-04-01T12:00:00Z');
    expect(renderText(es)).toContain(`@${ANA} ya es responsable de R1-6`);
    expectMentions(es, ANA);
  });

  it('the brief’s “Changed since” writes an owner change with mentions, in English and Spanish', async () => {
    expect((await ask('/commitments', `assign R1-6 <@${ANA}> mx`, '2024-04-01T10:00:00Z')).kind).toBe('change');
    const en = await ask('/dialogue', 'brief', '2025-02-01T10:00:00Z', 'UREADER1');
    expect(renderText(en)).toContain(`owner (MX): — → @${ANA}`);
    expect(slackText(en)).toContain(`owner (MX): — → <@${ANA}>`);
    expectMentions(en, ANA, EDITOR);
    await ask('/dialogue', 'lang es', '2024-01-01T00:00:00Z', 'UREADER1');
    const es = await ask('/dialogue', 'brief', '2025-02-01T10:00:00Z', 'UREADER1');
    expect(slackText(es)).toContain(`→ <@${ANA}>`);
    expectMentions(es, ANA, EDITOR);
  });

  it('the commitment’s history and an undo of an owner change write the owner as a mention', async () => {
    expect((await ask('/commitments', `assign R1-6 <@${ANA}> mx`, '2024-04-01T10:00:00Z')).kind).toBe('change');
    const history = await ask('/commitments', 'history R1-6', '2024-04-01T10:05:00Z');
    expect(slackText(history)).toContain(`— → <@${ANA}>`);
    expectMentions(history, ANA, EDITOR);
    const undo = await ask('/commitments', 'undo', '2024-04-01T10:10:00Z');
    expect(undo.kind).toBe('change');
    expect(slackText(undo)).toContain(`<@${ANA}> → —`);
    expectMentions(undo, ANA, EDITOR);
  });
});
