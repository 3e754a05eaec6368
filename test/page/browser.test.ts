import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import axe from 'axe-core';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/core.js';
import { createHttpServer, type HttpServer } from '../../src/http.js';
import { createPageHandler } from '../../src/page/route.js';
import { DIALECTS, openTestCore, REPO } from '../support/store.js';
import { pageUrl, pathOf, runner } from './support.js';

/**
 * The page in a real browser: Debian's Chromium driven by playwright-core.
 * `.ci/run` installs Chromium and sets REQUIRE_BROWSER=1, so there a missing
 * browser fails this suite; on a machine without it the suite is skipped and
 * says why. Screenshots go to artefacts/page/ (ignored by git);
 * UPDATE_README_SCREENSHOT=1 also rewrites docs/page.png, the README's picture.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HAVE_BROWSER = existsSync(CHROMIUM);
const REQUIRED = process.env.REQUIRE_BROWSER === '1';
const ARTEFACTS = join(REPO, 'artefacts', 'page');

// Playwright gives every launch a fresh, empty profile (user data dir) of its own.
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const T0 = new Date('2025-02-03T10:00:00Z');
const EDITOR = 'ULOCAL';

if (!HAVE_BROWSER) {
  const why = `browser tests: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`;
  if (REQUIRED) {
    describe('the dialogue page in a browser', () => {
      it('needs Chromium (REQUIRE_BROWSER=1)', () => {
        throw new Error(why);
      });
    });
  } else {
    console.warn(`${why}: skipped`);
    describe.skip(`the dialogue page in a browser (${why})`, () => {
      it('is skipped', () => {});
    });
  }
} else {
  describe.each(DIALECTS)('the dialogue page in Chromium (%s)', (dialect) => {
    let core: Core;
    let http: HttpServer;
    let base: string;
    let browser: Browser;
    let viewer: string;
    let mine: string;
    const run = (text: string, userId = EDITOR, command: '/dialogue' | '/commitments' = '/dialogue') =>
      runner(core, T0)(text, userId, command);

    beforeAll(async () => {
      core = await openTestCore(dialect, {
        now: T0,
        tag: 'page_browser',
        env: { PUBLIC_URL: 'https://dt.example.org' },
      });
      // A dialogue in mid-cycle: a date fixed, owners, deadlines, progress, a note.
      await run('schedule 2025-05-14 10:00-17:30 London');
      const ids = ['R1-4', 'R1-6', 'R1-7a', 'R1-7b', 'R1-7c', 'R1-8'];
      for (const [i, id] of ids.entries()) {
        await run(`due ${id} 2025-0${2 + i}-20`, EDITOR, '/commitments');
        await run(`assign ${id} <@UOWNER${i}> ${i % 2 ? 'mx' : 'uk'}`, EDITOR, '/commitments');
      }
      await run('update R1-4 in-progress drafting the joint paper', EDITOR, '/commitments');
      await run('update R1-8 done round 2 scheduled', EDITOR, '/commitments');
      await run('note R1-6 <b>call</b> with the embassy next week', EDITOR, '/commitments');
      viewer = pathOf(pageUrl(await run('page share counterparts')));
      mine = pathOf(pageUrl(await run('page')));
      http = createHttpServer(
        {
          health: async () => ({ ok: true, db: true, scheduler: true }),
          page: createPageHandler(core.services.pages, () => T0),
        },
        core.logger,
      );
      base = `http://127.0.0.1:${await http.listen(0)}`;
      browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
      mkdirSync(ARTEFACTS, { recursive: true });
    });
    afterAll(async () => {
      await browser?.close();
      await http?.close();
      await core?.close();
    });

    /** A fresh page that records everything the console or the network complains about. */
    async function open(width: number, locale = 'en-GB'): Promise<{ page: Page; problems: string[] }> {
      const context = await browser.newContext({ viewport: { width, height: 900 }, locale });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
      return { page, problems };
    }

    it('loads with no console error at 1280 px and 375 px, and fits a phone’s width', async () => {
      for (const width of [1280, 375]) {
        const { page, problems } = await open(width);
        const res = await page.goto(`${base}${viewer}`);
        expect(res?.status()).toBe(200);
        expect(await page.locator('h1').textContent()).toContain('Mexico–UK');
        expect(await page.locator('svg[role="img"]').count()).toBe(2);
        const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
        expect(overflow).toBeLessThanOrEqual(0);
        await page.screenshot({ path: join(ARTEFACTS, `${dialect}-viewer-${width}.png`), fullPage: true });
        expect(problems).toEqual([]);
        if (width === 1280 && dialect === 'sqlite' && process.env.UPDATE_README_SCREENSHOT === '1') {
          // The top of the page down to the charts: enough to show what it is, small enough to keep in git.
          await page.setViewportSize({ width: 1000, height: 760 });
          const png = await page.screenshot({ fullPage: true, clip: { x: 0, y: 0, width: 1000, height: 1120 } });
          writeFileSync(join(REPO, 'docs', 'page.png'), png);
        }
        await page.context().close();
      }
    });

    it('finds no serious or critical accessibility violation (axe-core), in English and Spanish', async () => {
      for (const [path, locale] of [
        [viewer, 'en-GB'],
        [mine, 'es-MX'],
        [`${mine}?c=R1-6`, 'es-MX'],
      ] as const) {
        const { page, problems } = await open(1280, locale);
        await page.goto(`${base}${path}`);
        // Evaluated over the DevTools protocol: the page's own CSP (no scripts at all) stays as it is.
        await page.evaluate(axe.source);
        const violations = await page.evaluate<{ id: string; impact: string | null; nodes: number }[]>(
          "axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length })))",
        );
        expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
        expect(problems).toEqual([]);
        await page.context().close();
      }
    });

    it('speaks the browser’s language and switches with a plain link; each commitment has its own page', async () => {
      const { page, problems } = await open(375, 'es-MX');
      await page.goto(`${base}${mine}`);
      expect(await page.getAttribute('html', 'lang')).toBe('es');
      expect(await page.locator('h2#commitments-h').textContent()).toBe('Compromisos');
      await page.click('nav.lang a[lang="en"]');
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      expect(page.url()).toContain('lang=en');
      await page.click('a[href*="c=R1-6"]');
      expect(await page.locator('h1').textContent()).toContain('R1-6');
      expect(await page.locator('ol.history').textContent()).toContain('<b>call</b> with the embassy');
      await page.click('text=Back to the whole dialogue');
      await page.click('nav.filters a:has-text("Mexico")');
      expect(page.url()).toContain('side=mx');
      expect(await page.locator('p.meta').nth(1).textContent()).toMatch(/^3 of 6 commitments\.$/);
      await page.screenshot({ path: join(ARTEFACTS, `${dialect}-private-375-filtered.png`), fullPage: true });
      expect(problems).toEqual([]);
      await page.context().close();
    });

    it('prints to one or two A4 pages', async () => {
      for (const path of [viewer, `${mine}?lang=es`]) {
        const { page } = await open(1280);
        await page.goto(`${base}${path}`);
        const pdf = await page.pdf({ format: 'A4', printBackground: true });
        writeFileSync(join(ARTEFACTS, `${dialect}-${path === viewer ? 'viewer' : 'private-es'}.pdf`), pdf);
        const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? [];
        expect(pages.length).toBeGreaterThanOrEqual(1);
        expect(pages.length).toBeLessThanOrEqual(2);
        await page.context().close();
      }
    });

    it('shows 404 once the editor revokes the link', async () => {
      const path = pathOf(pageUrl(await run('page share leaving-soon')));
      const { page } = await open(1280);
      expect((await page.goto(`${base}${path}`))?.status()).toBe(200);
      expect((await run('page revoke leaving-soon --yes')).kind).toBe('change');
      const gone = await page.reload();
      expect(gone?.status()).toBe(404);
      expect(await page.textContent('body')).toContain('not found');
      await page.context().close();
    });
  });
}
