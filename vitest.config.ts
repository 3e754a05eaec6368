import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Postgres suites isolate themselves per run and worker (one schema each), see test/support/store.ts.
    fileParallelism: true,
  },
});
