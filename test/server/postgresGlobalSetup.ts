// Vitest global setup for the server suite: one throwaway PostgreSQL for all test files (each
// file then creates its own database on it), stopped when the run ends. Where the binaries
// are absent the PostgreSQL half of the suite is skipped, with one line saying why.
import type { TestProject } from 'vitest/node';
import type { PostgresCluster } from './postgresCluster';
import { findPostgres, startPostgresCluster } from './postgresCluster';

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: { adminUrl: string; version: string } | { skipped: string };
  }
}

let cluster: PostgresCluster | null = null;

export async function setup(project: TestProject): Promise<void> {
  const found = findPostgres();
  if (!found.ok) {
    process.stdout.write(`\nserver tests: PostgreSQL SKIPPED: ${found.reason}; only PGlite is tested\n\n`);
    project.provide('postgres', { skipped: found.reason });
    return;
  }
  cluster = await startPostgresCluster(found);
  project.provide('postgres', { adminUrl: cluster.adminUrl, version: cluster.version });
}

export async function teardown(): Promise<void> {
  await cluster?.stop();
  cluster = null;
}
