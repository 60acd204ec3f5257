// Which engine and where: PGlite in a data folder (the default), PGlite in memory (tests and
// the scenario runner), or PostgreSQL at a URL (DATABASE_URL, at scale). The schema is
// migrated before the database is handed out.
import type { Database } from './database';
import { lockDataFolder } from './dataFolderLock';
import { restrictDataFolder } from './dataFolderModes';
import { StorageGuard } from '../storage/storageGuard';
import { migrate } from './migrations';
import { dumpPgliteDatabase, openPgliteDatabase } from './pgliteDatabase';
import { openPostgresDatabase } from './postgresDatabase';

export type DatabaseLocation =
  /** `from`: a copy of another in-memory database's files (dumpPgliteDatabase): a test's hub killed and started again. */
  | { kind: 'pglite-memory'; from?: Blob }
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'postgres'; url: string; poolSize?: number };

export type OpenedDatabase = { ok: true; db: Database } | { ok: false; message: string };

export async function openDatabase(location: DatabaseLocation, purpose: string, onBackgroundError?: (error: Error) => void): Promise<OpenedDatabase> {
  switch (location.kind) {
    case 'pglite-memory':
      return { ok: true, db: location.from ? await openPgliteDatabase({ memoryTemplate: location.from }) : await openMemoryDatabase() };
    case 'pglite': {
      const locked = await lockDataFolder(location.dataDir, purpose);
      if (!locked.ok) return { ok: false, message: locked.message };
      // PGlite with no room to write spins rather than fail: it is not opened on a full disk.
      const room = await new StorageGuard(location.dataDir).check();
      if (!room.ok) {
        await locked.lock.release();
        return { ok: false, message: `${location.dataDir}: ${room.message}` };
      }
      try {
        const db = await openPgliteDatabase({ dataDir: location.dataDir });
        await migrate(db);
        await restrictDataFolder(location.dataDir);
        return { ok: true, db: releasingOnClose(db, async () => {
          await restrictDataFolder(location.dataDir);
          await locked.lock.release();
        }) };
      } catch (error) {
        await locked.lock.release();
        throw error;
      }
    }
    case 'postgres': {
      const db = await openPostgresDatabase({ url: location.url, poolSize: location.poolSize, onListenError: onBackgroundError });
      try {
        await migrate(db);
      } catch (error) {
        await db.close();
        throw error;
      }
      return { ok: true, db };
    }
  }
}

function releasingOnClose(db: Database, release: () => Promise<void>): Database {
  const close = db.close.bind(db);
  db.close = async () => {
    await close();
    await release();
  };
  return db;
}

/**
 * initdb of an in-memory PGlite takes seconds; a copy of an empty, migrated one loads in
 * about one. Tests and the scenario runner start many servers, so the first one's files,
 * taken right after migrating, are kept as the template for the rest of the process. The
 * copy leaves out the databases `CREATE DATABASE` copies from (template0, template1: 15 of
 * its 40 MB), which nothing here uses: every database started from it (a soak starts a
 * hub's thousands of times) unpacks a third less.
 */
let memoryTemplate: Promise<Blob> | null = null;

async function openMemoryDatabase(): Promise<Database> {
  if (memoryTemplate) {
    const template = await memoryTemplate.catch(() => null);
    if (template) return openPgliteDatabase({ memoryTemplate: template });
  }
  let keep: (template: Blob) => void = () => undefined;
  let fail: (error: unknown) => void = () => undefined;
  const pending = new Promise<Blob>((resolve, reject) => {
    keep = resolve;
    fail = reject;
  });
  // A failure is reported to the caller below; later callers simply try again.
  pending.catch(() => undefined);
  memoryTemplate = pending;
  try {
    const db = await openPgliteDatabase({});
    await migrate(db);
    await dropTemplateDatabases(db);
    keep(await dumpPgliteDatabase(db));
    return db;
  } catch (error) {
    if (memoryTemplate === pending) memoryTemplate = null;
    fail(error);
    throw error;
  }
}

async function dropTemplateDatabases(db: Database): Promise<void> {
  await db.exec("UPDATE pg_database SET datistemplate = false WHERE datname IN ('template0', 'template1')");
  await db.exec('DROP DATABASE template0');
  await db.exec('DROP DATABASE template1');
  await db.exec('CHECKPOINT');
}
