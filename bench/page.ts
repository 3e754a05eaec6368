import { comparePlain } from './plain-comparison.js';
import type { BenchOptions, BenchSection, SectionResult } from './types.js';

/** The page's own goal (issue 18): HTML and its inline CSS together under this many bytes. */
const SIZE_GOAL = 100 * 1024;

/**
 * The dialogue page (a viewer link to the Mexico–UK dialogue): our page route
 * (token lookup, revision check, cached bytes, security headers) against a
 * plain node:http server answering the very same bytes, 200 and 304; and
 * the size of the page (HTML with its one inline stylesheet) against 100 KB.
 */
export const pageSection: BenchSection = {
  id: 'page',
  title: 'Dialogue page: 200 and 304 against plain node:http with the same bytes',
  async run(options: BenchOptions): Promise<SectionResult> {
    let size = 0;
    const result = await comparePlain(
      {
        server: new URL('./page-server.ts', import.meta.url),
        label: 'page route',
        file: 'page.html',
        prefix: 'bench-page-',
        onBody: (body) => {
          size = body.length;
        },
      },
      options,
    );
    const line = `Page size (HTML + inline CSS, Mexico–UK, viewer link): ${(size / 1024).toFixed(1)} KB — goal < ${SIZE_GOAL / 1024} KB: ${size < SIZE_GOAL ? 'met' : 'NOT met'}.`;
    return { text: `${result.text}\n${line}`, markdown: `${result.markdown}\n\n${line}` };
  },
};
