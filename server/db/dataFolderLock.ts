// PGlite has no lock of its own: two processes opening one data folder would both write to
// it and corrupt it. So whoever opens the folder (the server, or an admin command) first takes
// this lock: a directory made with mkdir (atomic: only one maker succeeds) by proper-lockfile,
// whose holder touches it every 5 s. A lock untouched for 30 s is stale: its holder is dead or
// wedged, whatever process now has its pid (a pid file alone was trusted after a reboot had
// given its pid to another process, and blocked every start; issue 12, finding 3).
//
// Taking over a stale lock is the one racy step (two openers both see it stale, one removes
// it and makes its own, the other removes that): it is done only under a second, short-lived
// lock (`….takeover.lock`), so one opener takes over and the other is refused.
//
// The lock is released on close, on SIGTERM, SIGINT and SIGHUP (serveCommand.ts; for admin
// commands proper-lockfile releases it as the process exits), and a holder that finds its lock
// taken over (it was wedged past the stale time) stops at once rather than write beside another.
import { chmod, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { PRIVATE_FOLDER_MODE } from './dataFolderModes';

const LOCK_NAME = 'box-office-server';
/** Untouched this long, a lock's holder is dead or wedged (the holder touches it every 5 s). */
export const STALE_LOCK_MS = 30_000;
const TOUCH_MS = 5_000;

export type DataFolderLock = { release(): Promise<void> };
export type LockResult = { ok: true; lock: DataFolderLock } | { ok: false; pid: number; message: string };

export async function lockDataFolder(dataDir: string, purpose: string, onTakenOver: (error: Error) => void = exitTakenOver): Promise<LockResult> {
  await mkdir(dataDir, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  await chmod(dataDir, PRIVATE_FOLDER_MODE);
  const target = join(dataDir, LOCK_NAME);
  const lockPath = `${target}.lock`;
  const holderPath = join(dataDir, `${LOCK_NAME}.holder.json`);
  const options = { lockfilePath: lockPath, realpath: false, stale: STALE_LOCK_MS, update: TOUCH_MS, retries: 0, onCompromised: onTakenOver };

  const lockedBySomeone = async (): Promise<LockResult> => {
    const holder = await readHolder(holderPath);
    return {
      ok: false,
      pid: holder?.pid ?? 0,
      message: `${dataDir} is in use by process ${holder?.pid ?? '(unknown)'} (${holder?.purpose ?? 'unknown'}); stop it first, or use the admin HTTP endpoints of the running server`,
    };
  };

  let release: () => Promise<void>;
  try {
    if (await isStale(lockPath)) {
      const taken = await takeOverStale(target, lockPath, options);
      if (!taken) return lockedBySomeone();
      release = taken;
    } else {
      release = await lockfile.lock(target, options);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') return lockedBySomeone();
    throw error;
  }
  await writeFile(holderPath, JSON.stringify({ pid: process.pid, purpose }), { mode: 0o600 });
  let released: Promise<void> | null = null;
  return {
    ok: true,
    lock: {
      release: () => {
        released ??= (async () => {
          await rm(holderPath, { force: true });
          await release().catch((error: NodeJS.ErrnoException) => {
            if (error.code !== 'ERELEASED' && error.code !== 'ENOTACQUIRED') throw error;
          });
        })();
        return released;
      },
    },
  };
}

/** A lock directory (or an earlier version's pid file) untouched for longer than the stale time. */
async function isStale(lockPath: string): Promise<boolean> {
  try {
    return (await stat(lockPath)).mtimeMs < Date.now() - STALE_LOCK_MS;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/** Takes over a stale lock under the takeover lock; null when another opener is taking it over, or has. */
async function takeOverStale(target: string, lockPath: string, options: lockfile.LockOptions): Promise<(() => Promise<void>) | null> {
  let releaseGuard: () => Promise<void>;
  try {
    releaseGuard = await lockfile.lock(`${target}.takeover`, { realpath: false, stale: STALE_LOCK_MS, retries: 0, onCompromised: () => undefined });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') return null;
    throw error;
  }
  try {
    // Still stale under the guard: nobody took it over meanwhile. An earlier version's lock
    // was a file, not a directory: removed alike.
    if (!(await isStale(lockPath))) return null;
    await rm(lockPath, { recursive: true, force: true });
    return await lockfile.lock(target, options);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') return null;
    throw error;
  } finally {
    await releaseGuard().catch(() => undefined);
  }
}

async function readHolder(path: string): Promise<{ pid: number; purpose: string } | null> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as { pid?: unknown; purpose?: unknown };
    return typeof parsed.pid === 'number' ? { pid: parsed.pid, purpose: String(parsed.purpose ?? 'unknown') } : null;
  } catch {
    return null;
  }
}

/** Another process took the folder over while this one was wedged: writing on would corrupt it. */
function exitTakenOver(error: Error): void {
  process.stderr.write(`box office server: the data folder lock was taken over by another process (${error.message}); stopping at once so as not to write beside it\n`);
  process.exit(75);
}
