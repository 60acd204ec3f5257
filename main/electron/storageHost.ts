// Keeps the hidden storage host window alive: every load of its page gets a fresh port (main
// reopens the database on it); if the page crashes, hangs, fails to load or its window closes,
// the window is dropped and a new one opened after a pause that grows while failures repeat.
// While it is down, runDesk reports storage 'reconnecting' and the desk's header says so.
// Acknowledged writes are safe throughout: IndexedDB lives in Chromium's browser process, not
// in the renderer that died, and Dexie commits them with strict durability.
import type { BrowserWindow, WebContents } from 'electron';
import type { ElectronStorageBridge } from './storage.electron';
import type { Heartbeat } from '../bridge/storageChannel';
import { DEFAULT_HEARTBEAT } from '../bridge/storageChannel';

type Log = (line: string) => void;

/** Failures further apart than this do not make the next restart wait longer. */
const FAILURE_MEMORY_MS = 5 * 60_000;

/** 1 s after a first failure, doubling while they repeat, at most 30 s. */
export function restartDelayMs(recentFailures: number): number {
  return Math.min(30_000, 1_000 * 2 ** Math.max(0, recentFailures - 1));
}

export type StorageHostOptions = {
  openWindow: () => BrowserWindow;
  bridge: Pick<ElectronStorageBridge, 'connect'> & Partial<Pick<ElectronStorageBridge, 'reportPersistence'>>;
  log: Log;
  heartbeat?: Omit<Heartbeat, 'onHung'>;
  restartDelay?: (recentFailures: number) => number;
};

export type StorageHostSupervisor = {
  /** Opens the first storage host window. */
  start(): void;
  /** Stops restarting (quitting): the current window stays until the app is gone. */
  stop(): void;
  /** The live storage host window, or null while it is being restarted. */
  readonly window: BrowserWindow | null;
};

export function superviseStorageHost(options: StorageHostOptions): StorageHostSupervisor {
  const { log } = options;
  const heartbeat = options.heartbeat ?? DEFAULT_HEARTBEAT;
  const restartDelay = options.restartDelay ?? restartDelayMs;
  let window: BrowserWindow | null = null;
  let stopped = false;
  let failures: number[] = [];
  let restartTimer: ReturnType<typeof setTimeout> | undefined;

  const fail = (failed: BrowserWindow, reason: string) => {
    // Each failure is handled once, for the window that is current: the crash a forced crash
    // causes, or the close a destroy causes, find another window current (or none).
    if (stopped || window !== failed) return;
    window = null;
    log(`desk: the storage host ${reason}; restarting it`);
    if (!failed.isDestroyed()) {
      // A hung renderer does not exit by itself.
      if (!failed.webContents.isDestroyed() && !failed.webContents.isCrashed()) failed.webContents.forcefullyCrashRenderer();
      failed.destroy();
    }
    const now = Date.now();
    failures = [...failures.filter((at) => now - at < FAILURE_MEMORY_MS), now];
    restartTimer = setTimeout(open, restartDelay(failures.length));
  };

  const open = () => {
    restartTimer = undefined;
    if (stopped) return;
    const opened = options.openWindow();
    window = opened;
    const contents = opened.webContents;
    contents.on('did-finish-load', () => {
      if (window !== opened) return;
      options.bridge.connect(contents, { ...heartbeat, onHung: () => fail(opened, 'stopped answering') });
      // The answer goes to the status too: Setup and the status bar say when it was refused.
      void reportPersistentStorage(contents, log).then((persisted) => {
        if (window === opened) options.bridge.reportPersistence?.(persisted);
      });
    });
    contents.on('render-process-gone', (_event, details) => fail(opened, `went away (${details.reason})`));
    contents.on('unresponsive', () => fail(opened, 'is unresponsive'));
    contents.on('did-fail-load', (_event, code, description, _url, isMainFrame) => {
      if (isMainFrame) fail(opened, `page did not load (${description}, ${code})`);
    });
    opened.on('closed', () => fail(opened, 'window closed'));
  };

  return {
    start: open,
    stop() {
      stopped = true;
      if (restartTimer !== undefined) clearTimeout(restartTimer);
    },
    get window() {
      return window;
    },
  };
}

/**
 * Asks Chromium to keep the storage host's origin persistent (never evicted under disk
 * pressure), and says in the log whether it did. Electron grants it through the storage
 * session's permission handlers (security.ts STORAGE_HOST_PERMISSIONS). Run from main, so the
 * page's code stays the same as the browser desk's; a constant expression, no page input.
 */
export const PERSIST_STORAGE_SCRIPT = `navigator.storage.persist().then(async (persisted) => {
  const estimate = await navigator.storage.estimate();
  return { persisted, usage: estimate.usage ?? null, quota: estimate.quota ?? null };
})`;

export async function reportPersistentStorage(contents: Pick<WebContents, 'executeJavaScript'>, log: Log): Promise<boolean> {
  try {
    const answer = (await contents.executeJavaScript(PERSIST_STORAGE_SCRIPT)) as { persisted?: unknown; usage?: unknown; quota?: unknown } | null;
    const megabytes = (bytes: unknown) => (typeof bytes === 'number' ? (bytes / 1024 / 1024).toFixed(0) : '?');
    if (answer?.persisted === true) {
      log(`desk: storage is persistent (using ${megabytes(answer.usage)} of ${megabytes(answer.quota)} MB)`);
      return true;
    }
    log('desk: WARNING: persistent storage was refused; Chromium may evict the desk\'s database when the disk runs low');
    return false;
  } catch (error) {
    log(`desk: WARNING: could not ask for persistent storage (${error instanceof Error ? error.message : String(error)}); Chromium may evict the desk's database when the disk runs low`);
    return false;
  }
}
