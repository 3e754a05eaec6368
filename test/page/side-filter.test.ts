import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/core.js';
import { createHttpServer, type HttpServer } from '../../src/http.js';
import { createPageHandler } from '../../src/page/route.js';
import { DIALECTS, openTestCore } from '../support/store.js';
import { pageUrl, pathOf, runner } from './support.js';

const T0 = new Date('2025-02-03T10:00:00Z');
const EDITOR = 'ULOCAL';
const OWNER = 'UOWNER77';

/** The page's "Owner for" filter: its links, as HTML. */
const sideFilter = (html: string): string =>
  /<span>(?:Owner for|Responsable por):<\/span> <ul>(.*?)<\/ul>/.exec(html)![1]!;

/**
 * `?side=` on the dialogue's page reads a side as the slash commands do (its
 * code, an alias or its name in either language, accents and case optional);
 * a side the dialogue does not have is named back in a notice, with the
 * sides there are, and every commitment shows — never a silent "everything".
 */
describe.each(DIALECTS)('the page’s ?side= (%s)', (dialect) => {
  let core: Core;
  let http: HttpServer;
  let base: string;
  let path: string;
  const run = (text: string, userId = EDITOR, command: '/dialogue' | '/commitments' = '/dialogue') =>
    runner(core, T0)(text, userId, command);
  const html = async (query: string) => {
    const res = await fetch(`${base}${path}${query}`);
    expect(res.status).toBe(200);
    return res.text();
  };

  beforeEach(async () => {
    core = await openTestCore(dialect, { now: T0, tag: 'page_side', env: { PUBLIC_URL: 'https://dt.example.org' } });
    const route = createPageHandler(core.services.pages, () => T0);
    http = createHttpServer(
      { health: async () => ({ ok: true, db: true, scheduler: true }), page: route },
      core.logger,
    );
    base = `http://127.0.0.1:${await http.listen(0)}`;
    await run(`assign R1-4 <@${OWNER}> mx`, EDITOR, '/commitments');
    path = pathOf(pageUrl(await run('page')));
  });
  afterEach(async () => {
    await http.close();
    await core.close();
  });

  it('takes a side’s code, alias or name in either language, accents and case optional', async () => {
    for (const asked of ['mx', 'MX', 'mex', 'Mexico', 'méxico', 'MÉXICO']) {
      const page = await html(`?side=${encodeURIComponent(asked)}`);
      expect(page, asked).toContain('1 of 6 commitments.');
      expect(page, asked).toContain('>R1-4<');
      // The page's own links carry the side's word, and mark it as the one shown.
      expect(sideFilter(page), asked).toContain('href="?lang=en&amp;side=mx" aria-current="true">Mexico<');
      expect(page, asked).not.toContain('role="status"');
    }
    for (const asked of ['uk', 'Reino Unido', 'the united kingdom']) {
      const page = await html(`?side=${encodeURIComponent(asked)}`);
      expect(page, asked).toContain('0 of 6 commitments.');
      expect(sideFilter(page), asked).toContain('aria-current="true">the United Kingdom<');
    }
  });

  it('names an unknown side back in a notice, lists the sides, and shows every commitment (EN and ES)', async () => {
    const page = await html('?side=france');
    expect(page).toContain(
      '<p class="notice" role="status">“france” is not a side of this dialogue, so every commitment is shown. Its sides: Mexico (mx), the United Kingdom (uk).</p>',
    );
    expect(page).toContain('All 6 commitments.');
    // Its links drop the unknown side; "All" is the side filter shown.
    expect(page).not.toContain('side=france');
    expect(sideFilter(page)).toMatch(/^<li><a href="[^"]*" aria-current="true">All</);

    const es = await html('?lang=es&side=Francia');
    expect(es).toContain(
      '<p class="notice" role="status">“Francia” no es una de las partes de este diálogo, por lo que se muestran todos los compromisos. Sus partes: México (mx), el Reino Unido (uk).</p>',
    );
    expect(es).toContain('Los 6 compromisos.');
    expect(es).not.toContain('side=Francia');

    // Typed markup is named back as text.
    const evil = await html(`?side=${encodeURIComponent('<b>x</b>')}`);
    expect(evil).toContain('“&lt;b&gt;x&lt;/b&gt;” is not a side of this dialogue');
    expect(evil).not.toContain('<b>x</b>');
  });

  it('an unknown side and an unknown theme: both named back, every commitment shown', async () => {
    const page = await html('?side=fr&theme=astronomy');
    expect(page).toContain('“fr” is not a side of this dialogue');
    expect(page).toContain('This dialogue has no theme “astronomy”');
    expect(page).toContain('All 6 commitments.');
  });
});
