import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../src/core.js';
import { renderText } from '../../src/presentation/reply.js';
import { DIALECTS, openTestCore } from '../support/store.js';
import { runner } from './support.js';

const T0 = new Date('2025-02-03T10:00:00Z');
const ANA = 'UANA1';
const BEN = 'UBEN1';

/**
 * Two editors revoke the same viewer link at once: the one who comes second
 * is told plainly that it was already revoked, by whom and in which change,
 * and nothing more is changed or audited.
 */
describe.each(DIALECTS)('a viewer link revoked by someone else first (%s)', (dialect) => {
  let core: Core;
  const run = (text: string, userId: string) => runner(core, T0)(text, userId);

  beforeEach(async () => {
    core = await openTestCore(dialect, {
      now: T0,
      tag: 'page_revoke_race',
      env: { EDITORS: `${ANA},${BEN}`, PUBLIC_URL: 'https://dt.example.org' },
    });
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await core.close();
  });

  const pageAudit = () =>
    core.store.db
      .selectFrom('audit_events')
      .select(['action', 'actor'])
      .where('entity', '=', 'page')
      .orderBy('id')
      .execute();

  /**
   * Runs `page revoke <label> --yes` by ANA, with BEN's revoke of the same
   * link landing after ANA's request saw it live and before ANA's change
   * runs (as when two replicas take the two requests at once).
   */
  const raced = async (label: string, lang: 'en' | 'es') => {
    await run(`lang ${lang}`, ANA);
    await run(`page share ${label}`, ANA);
    const ctx = core.services.ctx;
    const record = ctx.record.bind(ctx);
    let benChange: number | null = null;
    vi.spyOn(ctx, 'record').mockImplementationOnce(async (...args) => {
      benChange = (await core.services.pages.revoke('mexico-uk', BEN, label, true, T0))!.changeId;
      return record(...(args as Parameters<typeof record>));
    });
    const reply = await run(`page revoke ${label} --yes`, ANA);
    return { reply, benChange: benChange as number | null };
  };

  it('says the link was already revoked, by whom and in which change; nothing changed (EN)', async () => {
    const { reply, benChange } = await raced('minister', 'en');
    expect(benChange).not.toBeNull();
    expect(reply.kind).toBe('error');
    expect(renderText(reply)).toBe(
      `The viewer address “minister” was already revoked by @${BEN} (change #${benChange}), so there was nothing left to revoke; nothing changed.`,
    );
    expect(renderText(reply)).not.toMatch(/#0\b/);
    // Only BEN's revoke is in the record.
    expect((await pageAudit()).map((a) => [a.action, a.actor])).toEqual([
      ['page-share', ANA],
      ['page-revoke', BEN],
    ]);
  });

  it('says it in Spanish too', async () => {
    const { reply, benChange } = await raced('embajada', 'es');
    expect(renderText(reply)).toBe(
      `@${BEN} ya revocó la dirección de consulta “embajada” (cambio n.º ${benChange}), por lo que no quedaba nada que revocar; no cambió nada.`,
    );
  });
});
