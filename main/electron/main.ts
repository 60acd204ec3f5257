// The Electron app: starts main's desk (runDesk, plain Node) with the Electron bridges, opens
// the two windows, keeps the storage host alive, and closes the database before quitting.
// Everything else lives in main/, which runs the same in Node tests and the browser desk.
import { app, dialog, session } from 'electron';
import type { BrowserWindow } from 'electron';
import type { RunningDesk } from '../deskHost';
import { runDesk } from '../runDesk';
import { createElectronApiBridge } from './ipc';
import { hardenEveryWebContents, registerAppScheme, serveRenderer } from './security';
import { createElectronStorageBridge } from './storage.electron';
import { createMainWindow, createStorageWindow, rendererRoot, STORAGE_PARTITION } from './windows';

/** Quitting never waits longer than this for the database to close. */
const CLOSE_TIMEOUT_MS = 5_000;
/** A crashing storage host is restarted after a pause, not in a tight loop. */
const STORAGE_RESTART_DELAY_MS = 1_000;

const log = (line: string) => console.log(line);

// Before `ready`: a scheme's privileges are fixed when Chromium starts.
registerAppScheme();

// One desk per user-data folder: two would be two writers of one database. A second launch
// hands over to the first window and quits.
if (app.requestSingleInstanceLock()) startDesk();
else app.quit();

function startDesk(): void {
  let mainWindow: BrowserWindow | null = null;
  let desk: Promise<RunningDesk | null> = Promise.resolve(null);
  let quitting = false;
  let deskClosed = false;

  const storageBridge = createElectronStorageBridge(log);
  const apiBridge = createElectronApiBridge(() => mainWindow, log);
  hardenEveryWebContents(log);

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  const openStorageWindow = (): BrowserWindow => {
    const window = createStorageWindow(log);
    // Every load is a new page with a new port; main reopens the database on it.
    window.webContents.on('did-finish-load', () => storageBridge.connect(window.webContents));
    window.webContents.on('render-process-gone', (_event, details) => {
      if (quitting) return;
      log(`desk: the storage host went away (${details.reason}); restarting it`);
      window.destroy();
      setTimeout(() => { if (!quitting) openStorageWindow(); }, STORAGE_RESTART_DELAY_MS);
    });
    return window;
  };

  void app.whenReady().then(() => {
    const root = rendererRoot();
    serveRenderer(session.defaultSession, root);
    serveRenderer(session.fromPartition(STORAGE_PARTITION), root);

    desk = runDesk(storageBridge, apiBridge, { dataDir: app.getPath('userData'), log }).catch((error: unknown) => {
      log(`desk: could not start: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      dialog.showErrorBox('Box office', `The desk could not start: ${error instanceof Error ? error.message : String(error)}`);
      app.quit();
      return null;
    });
    openStorageWindow();

    const window = createMainWindow(log);
    mainWindow = window;
    // The door's UI has crashed: reload it; the data and the desk in main are untouched.
    window.webContents.on('render-process-gone', (_event, details) => {
      if (quitting || details.reason === 'clean-exit') return;
      log(`desk: the UI went away (${details.reason}); reloading it`);
      window.reload();
    });
    // The hidden storage window never closes by itself, so closing the UI is quitting.
    window.on('closed', () => {
      mainWindow = null;
      app.quit();
    });
  });

  // Close the database while the storage host still runs, so pending writes land; then quit.
  app.on('before-quit', (event) => {
    if (deskClosed) return;
    event.preventDefault();
    if (quitting) return;
    quitting = true;
    const closing = desk.then((running) => running?.close());
    const timeout = new Promise<void>((resolve) => setTimeout(() => {
      log('desk: the database did not close in time; quitting anyway');
      resolve();
    }, CLOSE_TIMEOUT_MS).unref());
    void Promise.race([closing, timeout])
      .catch((error: unknown) => log(`desk: closing failed: ${String(error)}`))
      .finally(() => {
        deskClosed = true;
        app.quit();
      });
  });
}
