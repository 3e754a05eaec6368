import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { DomainError } from '../../src/domain/errors.js';
import { errorText } from '../../src/presentation/errors.js';
import { captureIo } from '../support/cli.js';
import { REPO } from '../support/store.js';
import { answerTo, commandBody, postSigned, type SlackHarness, startSlackApp } from './helpers.js';

/**
 * The front ends that used to word errors themselves (the router, the CLI,
 * the import modal) now all say an error through `errorText`: the same error
 * reads the same wherever it is met.
 */
describe('one error, the same words everywhere', () => {
  describe('Slack: the import modal and the command router', () => {
    let h: SlackHarness;
    beforeEach(async () => {
      h = await startSlackApp('sqlite', 'slack_error_text');
    });
    afterEach(async () => {
      await h.close();
    });

    const answer = async (text: string): Promise<string> => {
      const { body, method } = commandBody(h.fake, { text });
      expect((await postSigned(h.url, body)).status).toBe(200);
      return String((await answerTo(h.fake, method)).text);
    };

    it('an unknown --dialogue: /dialogue import (no modal opens) and /dialogue next say the same', async () => {
      const expected = errorText(new DomainError('dialogue.not_found', { id: 'nope' }), 'en');
      expect(expected).toBe('There is no dialogue “nope”.');
      expect(await answer('import --dialogue nope')).toBe(expected);
      expect(h.fake.callsTo('views.open')).toHaveLength(0);
      expect(await answer('next --dialogue nope')).toBe(expected);
    });
  });

  describe('CLI: dialogue-bot import and dialogue-bot ask', () => {
    it('a non-editor: recording a statement and changing a commitment are refused in the same words', async () => {
      const expected = errorText(new DomainError('auth.not_editor'), 'en');
      const c = captureIo(mkdtempSync(join(tmpdir(), 'dt-errors-')));
      const statement = `${REPO}test/fixtures/statements/mexico-uk-2025-second-round.txt`;
      const at = ['--at', '2025-06-01T09:00:00Z'];
      const code = await runCli(
        ['import', statement, '--dialogue', 'mexico-uk', '--apply', '--user', 'U0NOBODY', ...at],
        c.io,
      );
      expect(code).toBe(2);
      expect(c.err.join('').trim()).toBe(expected);
      c.out.length = 0;
      expect(await runCli(['ask', '/commitments update R1-8 done', '--user', 'U0NOBODY', ...at], c.io)).toBe(2);
      expect(c.out.join('').trim()).toBe(expected);
    });
  });
});
