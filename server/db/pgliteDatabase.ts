// The embedded engine: PGlite, PostgreSQL compiled to WebAssembly, in this process, either in
// a data folder (`npm run server`) or in memory (tests, the scenario runner). One PGlite is
// one connection: its queries and transactions run one at a time, which is also why a data
// folder must never be opened by two processes at once (see dataFolderLock.ts).
import { PGlite, types } from '@electric-sql/pglite';
import type { Database, Queryable, Row } from './database';

// int8 (the change sequence, counts) as a JS number: 2^53 changes are out of reach.
const parsers = { [types.INT8]: (text: string) => Number(text) };

export async function openPgliteDatabase(location: { dataDir: string } | { memoryTemplate?: Blob }): Promise<Database> {
  const pglite = 'dataDir' in location
    ? new PGlite({ dataDir: location.dataDir, parsers })
    : new PGlite({ parsers, ...(location.memoryTemplate ? { loadDataDir: location.memoryTemplate } : {}) });
  await pglite.waitReady;
  return new PgliteDatabase(pglite);
}

/** A copy of a database's files, to start another in-memory database from (much faster than initdb). */
export async function dumpPgliteDatabase(database: Database): Promise<Blob> {
  if (!(database instanceof PgliteDatabase)) throw new TypeError('only a PGlite database can be dumped');
  return database.pglite.dumpDataDir('none');
}

class PgliteDatabase implements Database {
  readonly engine = 'pglite' as const;

  constructor(readonly pglite: PGlite) {}

  async query<R extends Row = Row>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
    return (await this.pglite.query<R>(sql, [...params])).rows;
  }

  async exec(sql: string): Promise<void> {
    await this.pglite.exec(sql);
  }

  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.pglite.transaction((tx) => work({
      query: async <R extends Row = Row>(sql: string, params: readonly unknown[] = []) => (await tx.query<R>(sql, [...params])).rows,
      exec: async (sql: string) => void (await tx.exec(sql)),
    }));
  }

  async listen(channel: string, onNotification: (payload: string) => void): Promise<() => Promise<void>> {
    // One process holds the whole database: no connection to lose, so no gap to report.
    const stop = await this.pglite.listen(channel, onNotification);
    return async () => {
      if (!this.pglite.closed) await stop();
    };
  }

  async notify(channel: string, payload: string): Promise<void> {
    await this.pglite.query('SELECT pg_notify($1, $2)', [channel, payload]);
  }

  async close(): Promise<void> {
    if (!this.pglite.closed) await this.pglite.close();
  }
}
