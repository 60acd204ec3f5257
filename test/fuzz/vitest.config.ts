// The fuzzed boundaries (issue 7): each boundary's bad inputs for a bounded number of runs with
// a fixed seed, printed; `tsx test/fuzz/soakFuzz.ts` runs 1,000 and more of each.
// FUZZ_RUNS and FUZZ_SEED override both.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/fuzz/**/*.test.ts'],
    environment: 'node',
    testTimeout: 600_000,
    hookTimeout: 120_000,
    // RxDB's open-core limit is per realm; one test file per process keeps files apart.
    pool: 'forks',
    maxWorkers: 2,
  },
});
