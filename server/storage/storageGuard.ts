// Whether the database's disk has room to write. PGlite asked to write with no room left
// spins on its write-ahead log, answering nothing, /healthz included, at half a core for as
// long as the disk stays full (issue 12, finding 3). So for a PGlite data folder the endpoint
// reads the free space of its file system (statfs) and refuses writes below a margin instead
// of issuing them: requests that write are answered 507 `storage-full`, /healthz 503 with the
// reason, and all of it recovers by itself once space returns. Reads go on meanwhile.
// PostgreSQL's disk is its own: a write it cannot make fails with SQLSTATE 53100 and is
// answered `storage-full` too (errors.ts); /healthz then says so, and one write every 5 s is let
// through to find out whether there is room again.
import { statfs } from 'node:fs/promises';

/** Below this much free space nothing is written: a push is at most 16 MB (written about three times over), a WAL segment 16 MB, and PGlite checkpoints need room. */
export const DEFAULT_STORAGE_MARGIN_BYTES = 64 * 1024 * 1024;
/** How often free space is read while the server runs (and before any write once it was short). */
const CHECK_EVERY_MS = 1_000;

export type StorageState = { ok: true; freeBytes: number } | { ok: false; freeBytes: number; message: string };

export type FreeSpace = (path: string) => Promise<number>;

const freeSpaceOf: FreeSpace = async (path) => {
  const stats = await statfs(path);
  return stats.bavail * stats.bsize;
};

/** After PostgreSQL said its disk is full, writes are refused this long before one is let through to try again. */
const RETRY_AFTER_FULL_MS = 5_000;
/** With no write to find out, /healthz says PostgreSQL's disk is full for this long after it last said so. */
const FULL_REMEMBERED_MS = 60_000;

export class StorageGuard {
  private state: StorageState = { ok: true, freeBytes: Number.POSITIVE_INFINITY };
  /** When the database last said its disk was full (PostgreSQL, whose disk is not this machine's to read). */
  private fullSince: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  private checking: Promise<StorageState> | null = null;

  /** `folder` null: the database's disk is not this machine's to watch (PostgreSQL, memory). */
  constructor(private readonly folder: string | null, private readonly marginBytes = DEFAULT_STORAGE_MARGIN_BYTES, private readonly freeSpace: FreeSpace = freeSpaceOf) {}

  get current(): StorageState {
    return this.state;
  }

  /** The database refused a write for want of space (SQLSTATE 53100): /healthz says so until a write succeeds. */
  noteFull(message: string, nowMs = Date.now()): void {
    if (this.folder !== null) return;
    this.fullSince = nowMs;
    this.state = { ok: false, freeBytes: 0, message };
  }

  /** A write went through: the database has room again. */
  noteWritten(): void {
    if (this.folder !== null || this.fullSince === null) return;
    this.fullSince = null;
    this.state = { ok: true, freeBytes: Number.POSITIVE_INFINITY };
  }

  /** Reads the free space now (one read at a time; callers meanwhile share it). */
  check(nowMs = Date.now()): Promise<StorageState> {
    if (this.folder === null) {
      // Without writes to find out, PostgreSQL's "full" is believed for a minute.
      if (this.fullSince !== null && nowMs - this.fullSince > FULL_REMEMBERED_MS) this.noteWritten();
      return Promise.resolve(this.state);
    }
    const folder = this.folder;
    this.checking ??= this.freeSpace(folder).then(
      (free) => {
        this.state = free >= this.marginBytes ? { ok: true, freeBytes: free } : {
          ok: false,
          freeBytes: free,
          message: `the server's disk is full (${megabytes(free)} free of the ${megabytes(this.marginBytes)} it keeps in reserve): nothing can be saved until space is freed on it`,
        };
        return this.state;
      },
      (error: unknown) => {
        this.state = { ok: false, freeBytes: 0, message: `the server cannot read how much room its disk has (${error instanceof Error ? error.message : String(error)}): nothing is saved until it can` };
        return this.state;
      },
    ).finally(() => {
      this.checking = null;
    });
    return this.checking;
  }

  /**
   * Whether a write of about `bytes` may go ahead. Free space is read again unless the last
   * reading left room for it twice over: near the margin every write looks, and once the disk
   * was short the first write after space returns sees it.
   */
  async beforeWrite(bytes = 0, nowMs = Date.now()): Promise<StorageState> {
    // PostgreSQL's disk: after it said full, one write in a while is let through to find out whether there is room again.
    if (this.folder === null) return this.fullSince !== null && nowMs - this.fullSince < RETRY_AFTER_FULL_MS ? this.state : { ok: true, freeBytes: Number.POSITIVE_INFINITY };
    const state = this.state.ok && this.state.freeBytes - bytes >= 2 * this.marginBytes ? this.state : await this.check();
    if (!state.ok || state.freeBytes - bytes >= this.marginBytes) return state;
    return { ok: false, freeBytes: state.freeBytes, message: `the server's disk has ${megabytes(state.freeBytes)} free: not room enough for this request (${megabytes(bytes)}) beside the ${megabytes(this.marginBytes)} it keeps in reserve` };
  }

  start(): void {
    if (this.folder === null || this.timer) return;
    this.timer = setInterval(() => void this.check(), CHECK_EVERY_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}

function megabytes(bytes: number): string {
  return `${Math.floor(bytes / (1024 * 1024)).toLocaleString('en-GB')} MB`;
}
