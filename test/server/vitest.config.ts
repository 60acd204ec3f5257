// The sync server's suite: `npx vitest run --config test/server/vitest.config.ts`. It needs
// its own config for the global setup that starts (and stops) a throwaway PostgreSQL.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/server/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/server/postgresGlobalSetup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // Two cores: PGlite's start-up is CPU-bound, and PostgreSQL needs the other one.
    maxWorkers: 2,
  },
});
