// The sync tests: the real endpoint in-process (PGlite in memory) and desks on fake-indexeddb.
// `npx vitest run -c test/sync/vitest.config.ts`; the root config runs them too once its
// `include` lists test/sync.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/sync/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // RxDB's open-core limit is per realm; one test file per process keeps files apart.
    pool: 'forks',
  },
});
