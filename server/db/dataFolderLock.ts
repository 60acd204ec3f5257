// PGlite has no lock of its own: two processes opening one data folder would both write to
// it and corrupt it. So whoever opens the folder (the server, or an admin command) first takes
// this lock file, naming its process; a lock left by a process that is gone is taken over.
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

const LOCK_FILE = 'box-office-server.lock';

export type DataFolderLock = { release(): Promise<void> };
export type LockResult = { ok: true; lock: DataFolderLock } | { ok: false; pid: number; message: string };

export async function lockDataFolder(dataDir: string, purpose: string): Promise<LockResult> {
  await mkdir(dataDir, { recursive: true });
  const path = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const file = await open(path, 'wx');
      await file.writeFile(JSON.stringify({ pid: process.pid, purpose }));
      await file.close();
      return { ok: true, lock: { release: () => rm(path, { force: true }) } };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = await lockHolder(path);
    if (holder && isRunning(holder.pid)) {
      return {
        ok: false,
        pid: holder.pid,
        message: `${dataDir} is in use by process ${holder.pid} (${holder.purpose}); stop it first, or use the admin HTTP endpoints of the running server`,
      };
    }
    await rm(path, { force: true });
  }
  return { ok: false, pid: 0, message: `${dataDir} could not be locked: another process keeps taking it` };
}

async function lockHolder(path: string): Promise<{ pid: number; purpose: string } | null> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as { pid?: unknown; purpose?: unknown };
    return typeof parsed.pid === 'number' ? { pid: parsed.pid, purpose: String(parsed.purpose ?? 'unknown') } : null;
  } catch {
    return null;
  }
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
