import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/core.js';
import { createHttpServer, type HttpServer } from '../../src/http.js';
import { redactText, redactUrl } from '../../src/logger.js';
import { createPageHandler, PAGE_CSP } from '../../src/page/route.js';
import { renderText } from '../../src/presentation/reply.js';
import { langFromAcceptLanguage } from '../../src/services/page.service.js';
import { DIALECTS, openTestCore } from '../support/store.js';
import { pageUrl, pathOf, runner } from './support.js';

const T0 = new Date('2025-02-03T10:00:00Z');
const EDITOR = 'ULOCAL';
const READER = 'UREADER1';
const OWNER = 'UOWNER77';

describe('langFromAcceptLanguage', () => {
  it('picks the first of ours by weight, else null', () => {
    expect(langFromAcceptLanguage('es-MX,es;q=0.9,en;q=0.8')).toBe('es');
    expect(langFromAcceptLanguage('fr-FR, en;q=0.5, es;q=0.7')).toBe('es');
    expect(langFromAcceptLanguage('de')).toBeNull();
    expect(langFromAcceptLanguage('es;q=0, en')).toBe('en');
    expect(langFromAcceptLanguage(undefined)).toBeNull();
  });
});

describe('page links never reach a log', () => {
  it('redacts /page/<token> in URLs and in any text', () => {
    const token = 'A'.repeat(43);
    expect(redactUrl(`/page/${token}?lang=es`)).toBe('/page/[redacted]?lang=es');
    expect(redactText(`see https://x.org/page/${token}`)).toBe('see https://x.org/page/[redacted]');
  });
});

describe.each(DIALECTS)('the dialogue page over HTTP (%s)', (dialect) => {
  let core: Core;
  let http: HttpServer;
  let base: string;
  const run = (text: string, userId = EDITOR, command: '/dialogue' | '/commitments' = '/dialogue') =>
    runner(core, T0)(text, userId, command);

  beforeEach(async () => {
    core = await openTestCore(dialect, { now: T0, tag: 'page_http', env: { PUBLIC_URL: 'https://dt.example.org' } });
    const route = createPageHandler(core.services.pages, () => T0);
    http = createHttpServer(
      { health: async () => ({ ok: true, db: true, scheduler: true }), page: route },
      core.logger,
    );
    base = `http://127.0.0.1:${await http.listen(0)}`;
  });
  afterEach(async () => {
    await http.close();
    await core.close();
  });

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers });

  it('gives each user one private link, the same every time, and serves the page with safe headers', async () => {
    const first = await run('page', READER);
    expect(first.kind).toBe('answer');
    const url = pageUrl(first);
    expect(url).toMatch(/^https:\/\/dt\.example\.org\/page\/[A-Za-z0-9_-]{43}$/);
    expect(pageUrl(await run('page', READER))).toBe(url);
    expect(renderText(await run('page', READER))).toContain('same address');
    expect(pageUrl(await run('page', EDITOR))).not.toBe(url);

    const res = await get(pathOf(url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(PAGE_CSP);
    expect(PAGE_CSP).toContain("default-src 'none'");
    expect(PAGE_CSP).not.toMatch(/https?:|unsafe-inline|\*/);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-robots-tag')).toContain('noindex');
    expect(res.headers.get('cache-control')).toMatch(/^private/);
    const etag = res.headers.get('etag')!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    const html = await res.text();
    expect(html).toContain('Mexico–UK');
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script|<link rel="stylesheet"|@import|url\(|src="http/i);
    // A browser's copy is current until something changes.
    const again = await get(pathOf(url), { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.headers.get('content-security-policy')).toBe(PAGE_CSP);
    await run('update R1-4 in-progress on track', EDITOR, '/commitments');
    const changed = await get(pathOf(url), { 'if-none-match': etag });
    expect(changed.status).toBe(200);
  });

  it('speaks the browser’s language, switchable with ?lang=, each with its own ETag', async () => {
    await run('due R1-4 2025-03-31', EDITOR, '/commitments');
    const path = pathOf(pageUrl(await run('page')));
    const en = await get(path);
    const es = await get(path, { 'accept-language': 'es-MX,es;q=0.9' });
    const forced = await get(`${path}?lang=en`, { 'accept-language': 'es-MX' });
    const esHtml = await es.text();
    expect(esHtml).toContain('<html lang="es"');
    expect(esHtml).toContain('Compromisos');
    expect(esHtml).toContain('Último cambio');
    expect(es.headers.get('content-language')).toBe('es');
    expect(await forced.text()).toContain('<html lang="en"');
    expect(es.headers.get('etag')).not.toBe(en.headers.get('etag'));
    expect(es.headers.get('vary')).toContain('Accept-Language');
    // The switch is a plain link that keeps the filters.
    expect(await (await get(`${path}?theme=gender-equality`)).text()).toContain(
      'href="?lang=es&amp;theme=gender-equality"',
    );
  });

  it('shows the timeline, the next round, both charts with text alternatives, and a last-changed line', async () => {
    await run('update R1-6 done delivered', EDITOR, '/commitments');
    const html = await (await get(pathOf(pageUrl(await run('page'))))).text();
    expect(html).toContain('Round 1');
    expect(html).toContain('16 January 2024');
    expect(html).toContain('Host: Mexico');
    expect(html).toContain('Next round: Round 2');
    expect(html).toMatch(/Expected in the United Kingdom in 2025/);
    expect(html).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="chart-status-t chart-status-d"/);
    expect(html).toContain('<title id="chart-status-t">Commitments by status over time</title>');
    expect(html).toMatch(/<desc id="chart-status-d">From 16 January 2024 to 3 February 2025\. Now: 1 done/);
    expect(html).toContain('<title id="chart-due-t">Open commitments by due date</title>');
    expect(html).toMatch(/Last changed 3 Feb 2025/);
  });

  it('filters by theme and side with plain links, and gives each commitment a page with its full history', async () => {
    await run(`assign R1-4 <@${OWNER}> mx`, EDITOR, '/commitments');
    const path = pathOf(pageUrl(await run('page')));
    const all = await (await get(path)).text();
    expect(all).toContain('All 6 commitments.');
    const theme = await (await get(`${path}?theme=gender-equality`)).text();
    expect(theme).toContain('3 of 6 commitments.');
    expect(theme).not.toContain('>R1-4<');
    const side = await (await get(`${path}?side=mx`)).text();
    expect(side).toContain('1 of 6 commitments.');
    expect(side).toContain('>R1-4<');
    expect(side).toContain('aria-current="true">Mexico<');
    const one = await get(`${path}?c=R1-4`);
    expect(one.status).toBe(200);
    const detail = await one.text();
    expect(detail).toContain('History');
    expect(detail).toContain(`owner (Mexico): — → @${OWNER}`);
    expect((await get(`${path}?c=NOPE-1`)).status).toBe(404);
  });

  it('reads ?theme= as the slash commands read a theme: key or name in either language, accents optional', async () => {
    const path = pathOf(pageUrl(await run('page')));
    for (const asked of [
      'gender-equality',
      'Gender_Equality',
      'gender equality',
      'igualdad de género',
      'IGUALDAD-DE-GENERO',
    ]) {
      const html = await (await get(`${path}?theme=${encodeURIComponent(asked)}`)).text();
      expect(html, asked).toContain('3 of 6 commitments.');
      // The page's own links carry the theme's key, and mark it as the one shown.
      expect(html, asked).toContain('href="?lang=es&amp;theme=gender-equality"');
      expect(html, asked).toContain('aria-current="true">gender equality<');
      expect(html, asked).not.toContain('has no theme');
    }
    const es = await (await get(`${path}?lang=es&theme=${encodeURIComponent('Igualdad de Genero')}`)).text();
    expect(es).toContain('3 de 6 compromisos.');
    expect(es).toContain('aria-current="true">igualdad de género<');
  });

  it('names an unknown ?theme= back in a notice and shows every commitment, not an empty list (EN and ES)', async () => {
    const path = pathOf(pageUrl(await run('page')));
    const res = await get(`${path}?theme=astronomy`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(
      /<p class="notice" role="status">This dialogue has no theme “astronomy”, so every commitment is shown\. Its themes: [^<]*gender equality[^<]*\.<\/p>/,
    );
    expect(html).toContain('All 6 commitments.');
    expect(html).not.toContain('No commitment matches these filters.');
    // Its links drop the unknown theme; "All" is the filter shown.
    expect(html).not.toContain('theme=astronomy');
    expect(html).toContain('aria-current="true">All<');
    const es = await (await get(`${path}?lang=es&theme=astronomia`)).text();
    expect(es).toMatch(
      /Este diálogo no tiene ningún tema “astronomia”, por lo que se muestran todos los compromisos\. Sus temas: [^<]*igualdad de género/,
    );
    expect(es).toContain('Los 6 compromisos.');
    // With no theme asked there is no notice.
    expect(await (await get(path)).text()).not.toContain('role="status"');
  });

  it('escapes every value: a commitment or note typed as markup stays text', async () => {
    const evil = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const added = await run(`add ${evil}`, EDITOR, '/commitments');
    expect(added.kind).toBe('change');
    const id = /\b(A\d+)\b/.exec(renderText(added))![1]!;
    await run(`note ${id} "><svg onload=alert(3)>`, EDITOR, '/commitments');
    const path = pathOf(pageUrl(await run('page')));
    for (const html of [await (await get(path)).text(), await (await get(`${path}?c=${id}`)).text()]) {
      expect(html).not.toContain('<script>');
      expect(html).not.toContain('<img src=x');
      expect(html).not.toContain('<svg onload');
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    }
    const theme = await (await get(`${path}?theme=${encodeURIComponent('"><b>x</b>')}`)).text();
    expect(theme).not.toContain('<b>x</b>');
  });

  it('lets editors hand out viewer links that hide Slack IDs and notes unless made --with-notes', async () => {
    await run(`assign R1-4 <@${OWNER}> mx`, EDITOR, '/commitments');
    await run('note R1-4 internal: waiting on the minister', EDITOR, '/commitments');
    expect((await run('page share minister', READER)).kind).toBe('refusal');
    const made = await run('page share Minister');
    expect(made.kind).toBe('change');
    expect(made.actions?.map((a) => a.id)).toContain('change.undo');
    const viewer = pathOf(pageUrl(made));
    expect(pageUrl(await run('page share minister'))).toBe(pageUrl(made));
    // Typed in Spanish too.
    expect(pageUrl(await run('página compartir minister'))).toBe(pageUrl(made));
    const html = await (await get(viewer)).text();
    expect(html).not.toContain(OWNER);
    expect(html).not.toContain('waiting on the minister');
    expect(html).toContain('Slack names and internal notes are not shown');
    const detail = await (await get(`${viewer}?c=R1-4`)).text();
    expect(detail).not.toContain(OWNER);
    expect(detail).not.toContain('ULOCAL');
    expect(detail).not.toContain('waiting on the minister');

    const withNotes = pathOf(pageUrl(await run('page share embassy --with-notes')));
    const full = await (await get(withNotes)).text();
    expect(full).toContain(`@${OWNER}`);
    expect(full).toContain('waiting on the minister');

    const links = renderText(await run('page links'));
    expect(links).toContain('minister');
    expect(links).toContain('embassy');
    expect(links).toContain('with notes');
    expect(links).not.toMatch(/\/page\/[A-Za-z0-9_-]{43}/);
    expect((await run('page links', READER)).kind).toBe('refusal');
  });

  it('revokes a viewer link only when confirmed, audited; the link then answers 404, and Undo brings it back', async () => {
    const viewer = pathOf(pageUrl(await run('page share minister')));
    const asked = await run('page revoke minister');
    expect(asked.kind).toBe('confirm');
    expect((await get(viewer)).status).toBe(200);
    const revoked = await run('page revoke minister --yes');
    expect(revoked.kind).toBe('change');
    const gone = await get(viewer);
    expect(gone.status).toBe(404);
    const unknown = await get(`/page/${'x'.repeat(43)}`);
    expect(unknown.status).toBe(404);
    expect(await gone.text()).toBe(await unknown.text());
    expect(renderText(await run('page links'))).not.toContain('minister');
    expect((await run('page revoke minister --yes')).kind).toBe('error');

    const audit = await core.store.db
      .selectFrom('audit_events')
      .select(['action', 'entity_id', 'actor', 'note', 'from_value', 'to_value'])
      .where('entity', '=', 'page')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => [a.action, a.entity_id, a.actor])).toEqual([
      ['page-share', 'viewer:minister', EDITOR],
      ['page-revoke', 'viewer:minister', EDITOR],
    ]);
    expect(JSON.stringify(audit)).not.toMatch(/[A-Za-z0-9_-]{43}/);

    const undo = revoked.actions!.find((a) => a.id === 'change.undo')!;
    const changeId = undo.value.split('|')[1];
    const undone = await run(`undo #${changeId}`);
    expect(undone.kind).toBe('change');
    expect(renderText(undone)).toContain('The viewer address “minister” is back as it was.');
    expect((await get(viewer)).status).toBe(200);
  });

  it('resets a private link only when confirmed; the old one stops at once, and Undo puts it back', async () => {
    const old = pathOf(pageUrl(await run('page', READER)));
    expect((await run('page reset', READER)).kind).toBe('confirm');
    expect((await get(old)).status).toBe(200);
    const reset = await run('page reset --yes', READER);
    expect(reset.kind).toBe('change');
    const fresh = pathOf(pageUrl(reset));
    expect(fresh).not.toBe(old);
    expect((await get(old)).status).toBe(404);
    expect((await get(fresh)).status).toBe(200);
    expect(pathOf(pageUrl(await run('page', READER)))).toBe(fresh);
    // Its author may undo it, editor or not; nobody else.
    const changeId = reset.actions!.find((a) => a.id === 'change.undo')!.value.split('|')[1];
    expect((await run(`undo #${changeId}`, 'USOMEONE')).kind).not.toBe('change');
    expect((await run(`undo #${changeId}`, READER)).kind).toBe('change');
    expect((await get(old)).status).toBe(200);
    expect((await get(fresh)).status).toBe(404);
  });

  it('a reset with no address yet asks nothing, says none stopped working, and gives a first one (EN and ES)', async () => {
    const reset = await run('page reset', READER);
    expect(reset.kind).toBe('answer');
    const text = renderText(reset);
    expect(text).toContain(
      'You had no address for this page yet, so none has stopped working. This is your first one.',
    );
    expect(text).not.toContain('The old one has stopped working');
    expect(reset.actions ?? []).toEqual([]);
    const url = pageUrl(reset);
    expect((await get(pathOf(url))).status).toBe(200);
    // It is the address `page` shows from then on; a second reset is a real one, and asks first.
    expect(pageUrl(await run('page', READER))).toBe(url);
    expect((await run('page reset', READER)).kind).toBe('confirm');
    // Nothing was recorded as a reset: there was nothing to reset.
    const audit = await core.store.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity', '=', 'page')
      .execute();
    expect(audit).toEqual([]);

    const ES_USER = 'UESPANOL1';
    await run('lang es', ES_USER);
    const es = await run('página restablecer --yes', ES_USER);
    expect(es.kind).toBe('answer');
    expect(renderText(es)).toContain(
      'Aún no tenía una dirección para esta página, así que ninguna dejó de funcionar. Esta es la primera.',
    );
    expect((await get(pathOf(pageUrl(es)))).status).toBe(200);
  });

  it('keeps the Mexico–UK page, HTML and CSS, under 100 KB', async () => {
    const path = pathOf(pageUrl(await run('page')));
    for (const lang of ['en', 'es']) {
      const body = Buffer.from(await (await get(`${path}?lang=${lang}`)).arrayBuffer());
      expect(body.length).toBeLessThan(100 * 1024);
    }
  });
});
