import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verbNames } from '../../src/commands/verbs.js';
import type { Core } from '../../src/core.js';
import type { Reply } from '../../src/presentation/reply.js';
import { DIALECTS, openTestCore } from '../support/store.js';

/** Every verb of the registry (the router's own list), so a new verb is fuzzed from the day it exists. */
const VERBS = {
  '/dialogue': verbNames('/dialogue'),
  '/commitments': verbNames('/commitments'),
};

/** Words people (and cats on keyboards) type: real verbs, IDs, dates, mentions, markup and junk. */
const word = fc.oneof(
  fc.constantFrom(...VERBS['/dialogue'], ...VERBS['/commitments']),
  fc.constantFrom(
    'R1-4',
    'r1-7A',
    'R1-99',
    'A1',
    'open',
    'done',
    'all',
    'in-progress',
    'dropped',
    'mx',
    'uk',
    'es',
    'en',
  ),
  fc.constantFrom(
    '2025-02-30',
    '2024-02-29',
    '2031-05-14',
    '1999-01-01',
    '10:00',
    '25:61',
    '--dialogue',
    '--dialogue=x',
    '--yes',
    '#1',
    '#99999',
    '2025-09-13',
    '2025-09-16',
  ),
  // Control characters (NUL and friends) and other odd code points.
  fc.constantFrom('a\u0000b', '\u0007', '\u001b[31m', '\u009b', '\u007f', 'tab\there', 'line\nbreak'),
  fc.constantFrom('<@U123ABC>', '<@U1|ana>', '@here', '<!channel>', '<!subteam^S1|@team>', '*bold*', '`x`', '&amp;'),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.integer().map(String),
);
const text = fc.array(word, { maxLength: 7 }).map((ws) => ws.join(' '));
const command = fc.constantFrom('/dialogue' as const, '/commitments' as const);
const user = fc.constantFrom('UEDITOR1', 'UREADER1', 'W0OTHER');
/** As Slack sends it (announced, with a request key that may repeat: a replay gets the first answer) or not. */
const slack = fc.oneof(
  fc.constant({}),
  fc.record({ announce: fc.constant(true), requestKey: fc.option(fc.constantFrom('req-1', 'req-2', 'req-3')) }),
);

/**
 * Every reply is either a real answer/change or a usage hint / specific
 * message; never an escaped exception ('failure' is the router's catch-all).
 */
function assertWellFormed(reply: Reply): void {
  expect(['answer', 'change', 'usage', 'error', 'refusal', 'confirm']).toContain(reply.kind);
  expect(reply.summary.trim().length).toBeGreaterThan(0);
  expect(reply.blocks.length).toBeGreaterThan(0);
  if (reply.kind === 'usage')
    expect(reply.summary).toMatch(
      /Usage:|Uso:|is not|no es|Type \/|Escriba|too long|demasiado|--dialogue|Run \/|control characters|caracteres de control/,
    );
  if (reply.kind === 'change') expect(reply.announcement).toBeDefined();
  // A change that asks first says why and how to go ahead (nothing changed yet).
  if (reply.kind === 'confirm') expect(reply.blocks.map((b) => JSON.stringify(b)).join('')).toMatch(/--yes|Confirm/);
}

describe.each(DIALECTS)('router under random input (%s)', (dialect) => {
  let core: Core;
  beforeAll(async () => {
    core = await openTestCore(dialect, { tag: 'slack_prop', env: { EDITORS: 'UEDITOR1' } });
  });
  afterAll(async () => {
    await core?.close();
  });

  it('never lets an exception escape and always answers with a hint or a real answer', async () => {
    const now = new Date('2025-03-01T12:00:00Z');
    await fc.assert(
      fc.asyncProperty(command, text, user, slack, async (cmd, t, userId, via) => {
        const reply = await core.router.handle({ command: cmd, text: t, userId, channelId: 'C1', now, ...via });
        assertWellFormed(reply);
      }),
      { numRuns: dialect === 'sqlite' ? 3_000 : 600 },
    );
  });

  it('well-formed verbs with random arguments still never fail', async () => {
    const now = new Date('2025-03-01T12:00:00Z');
    const verbFirst = fc.oneof(
      fc.tuple(fc.constant('/dialogue' as const), fc.constantFrom(...VERBS['/dialogue'])),
      fc.tuple(fc.constant('/commitments' as const), fc.constantFrom(...VERBS['/commitments'])),
    );
    await fc.assert(
      fc.asyncProperty(verbFirst, text, user, async ([cmd, verb], args, userId) => {
        const reply = await core.router.handle({ command: cmd, text: `${verb} ${args}`, userId, channelId: null, now });
        assertWellFormed(reply);
      }),
      { numRuns: dialect === 'sqlite' ? 1_500 : 300 },
    );
  });
});
