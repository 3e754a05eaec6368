import { comparePlain } from './plain-comparison.js';
import type { BenchOptions, BenchSection, SectionResult } from './types.js';

/**
 * Calendar feed throughput: our feed route (token lookup, revision check,
 * cached bytes) against a plain node:http server answering the very same
 * bytes, for full answers (200) and revalidations (304).
 */
export const feedSection: BenchSection = {
  id: 'feed',
  title: 'Calendar feed: 200 and 304 against plain node:http with the same bytes',
  run(options: BenchOptions): Promise<SectionResult> {
    return comparePlain(
      {
        server: new URL('./feed-server.ts', import.meta.url),
        label: 'feed route',
        file: 'feed.ics',
        prefix: 'bench-feed-',
      },
      options,
    );
  },
};
