// The desk's two windows: the UI, and the hidden storage host that serves RxDB's Dexie storage
// on Chromium's IndexedDB (docs/architecture.md, "Why the storage sits in a hidden window").
// Both are sandboxed pages of app://desk with no Node (HARDENED_WEB_PREFERENCES in
// security.ts); each gets only its own preload.
import { app, BrowserWindow } from 'electron';
import path from 'node:path';
import { APP_ORIGIN, HARDENED_WEB_PREFERENCES } from './security';

/** The two pages of vite's build (vite.config.ts: dist/renderer/index.html, storage-host.html). */
export const MAIN_PAGE_URL = `${APP_ORIGIN}/index.html`;
export const STORAGE_HOST_PAGE_URL = `${APP_ORIGIN}/storage-host.html`;

/**
 * The storage host's own session: its IndexedDB (the desk's data) lives in a partition that
 * the UI page cannot open even though both are app://desk, so a compromised UI can reach the
 * data only through main's validated calls. Changing this later would move the data.
 */
export const STORAGE_PARTITION = 'persist:storage-host';

/** Where `npm run build` puts the renderer and the preloads (relative to the app's folder). */
export function rendererRoot(): string {
  return path.join(app.getAppPath(), 'dist', 'renderer');
}

function preloadPath(file: 'preload.cjs' | 'preload.storage.cjs'): string {
  return path.join(app.getAppPath(), 'dist-electron', file);
}

export function createMainWindow(log: (line: string) => void): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 900,
    minHeight: 600,
    title: 'Box office',
    show: false,
    webPreferences: { ...HARDENED_WEB_PREFERENCES, preload: preloadPath('preload.cjs') },
  });
  // Shown once painted, so the door never sees a blank white window.
  window.once('ready-to-show', () => window.show());
  window.loadURL(MAIN_PAGE_URL).catch((error: unknown) => log(`desk: the UI page did not load: ${String(error)}`));
  return window;
}

export function createStorageWindow(log: (line: string) => void): BrowserWindow {
  const window = new BrowserWindow({
    // Never shown: no UI, not in the taskbar, cannot take focus from the door's window.
    show: false,
    skipTaskbar: true,
    focusable: false,
    webPreferences: {
      ...HARDENED_WEB_PREFERENCES,
      preload: preloadPath('preload.storage.cjs'),
      partition: STORAGE_PARTITION,
      // A hidden page is throttled like a background tab; the storage must answer at once.
      backgroundThrottling: false,
    },
  });
  window.loadURL(STORAGE_HOST_PAGE_URL).catch((error: unknown) => log(`desk: the storage host page did not load: ${String(error)}`));
  return window;
}
