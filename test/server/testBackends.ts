// The two engines every server test runs on: PGlite in memory, and a real PostgreSQL (the
// global setup's throwaway cluster, a fresh database per test file). Run through the root
// vitest config instead, a file starts a cluster of its own.
import { afterAll, inject } from 'vitest';
import type { DatabaseLocation } from '../../server/db/openDatabase';
import { createDatabase, findPostgres, startPostgresCluster } from './postgresCluster';
import type { PostgresCluster } from './postgresCluster';

export type Backend = { name: string; skip: string | null; location(): Promise<DatabaseLocation> };

let ownCluster: Promise<PostgresCluster> | null = null;

function provided(): { adminUrl: string } | { skipped: string } | undefined {
  try {
    return inject('postgres');
  } catch {
    return undefined;
  }
}

async function postgresAdminUrl(): Promise<string> {
  const given = provided();
  if (given && 'adminUrl' in given) return given.adminUrl;
  const found = findPostgres();
  if (!found.ok) throw new Error(found.reason);
  ownCluster ??= startPostgresCluster(found);
  return (await ownCluster).adminUrl;
}

// Registered when a test file imports this module: the file's own cluster, if it started one,
// is stopped when the file is done.
afterAll(async () => {
  const cluster = ownCluster;
  ownCluster = null;
  await (await cluster)?.stop();
});

function postgresSkipReason(): string | null {
  const given = provided();
  if (given && 'skipped' in given) return given.skipped;
  if (given) return null;
  const found = findPostgres();
  return found.ok ? null : found.reason;
}

export const pgliteBackend: Backend = { name: 'PGlite', skip: null, location: async () => ({ kind: 'pglite-memory' }) };

export const postgresBackend: Backend = {
  name: 'PostgreSQL',
  skip: postgresSkipReason(),
  location: async () => ({ kind: 'postgres', url: await createDatabase(await postgresAdminUrl(), 'box_office_test') }),
};

export const backends: Backend[] = [pgliteBackend, postgresBackend];
