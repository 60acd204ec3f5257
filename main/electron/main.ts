// The Electron app: starts main's desk (runDesk, plain Node) with the Electron bridges, opens
// the UI window and the supervised storage host, and closes the database before quitting.
// Everything else lives in main/, which runs the same in Node tests and the browser desk.
import { findHubs } from '../sync/hubDiscovery';
import { app, dialog, session } from 'electron';
import type { BrowserWindow } from 'electron';
import { createWriteStream, mkdirSync } from 'node:fs';
import type { WriteStream } from 'node:fs';
import path from 'node:path';
import type { VenueData } from '../../shared/schema/records';
import type { RunningDesk } from '../deskHost';
import { runDesk } from '../runDesk';
import { keepDeskAlive } from '../keepDeskAlive';
import { deskLanguageOnDisk, startFailureWords } from '../startFailure';
import type { StartFailure } from '../startFailure';
import { readVenueFile, venueFileProblemLines } from '../venue/readVenueFile';
import { problemLineInEnglish } from '../../shared/venue/importProblems';
import { setDeskMenu } from './appMenu';
import { createElectronApiBridge } from './ipc';
import { followKioskMode } from './kioskWindow';
import { launchSettingsFrom } from './launchSettings';
import {
  hardenEveryWebContents, hardenSession, mayStorageHostRequest, mayUiDownload, mayUiRequest, prepareBeforeReady, serveRenderer, STORAGE_HOST_PERMISSIONS,
} from './security';
import { holdSingleInstanceLock } from './singleInstance';
import { createElectronStorageBridge } from './storage.electron';
import { superviseStorageHost } from './storageHost';
import { createMainWindow, createStorageWindow, rendererRoot, STORAGE_PARTITION } from './windows';

/** Quitting never waits longer than this for the database to close. */
const CLOSE_TIMEOUT_MS = 5_000;

// Before `ready`: a scheme's privileges and the renderers' sandbox are fixed when Chromium
// starts, and the user-data folder keys both the single-instance lock and Chromium's profile.
prepareBeforeReady();
const settings = launchSettingsFrom(process.env, app.getPath('appData'), process.cwd());
app.setPath('userData', settings.userDataDir);

let logFile: WriteStream | null = null;
/** One line for people: the terminal, and <user data>/logs/desk.log for an installed desk. */
const log = (line: string) => {
  console.log(line);
  logFile?.write(`${new Date().toISOString()} ${line}\n`);
};

let mainWindow: BrowserWindow | null = null;

if (holdSingleInstanceLock(() => mainWindow, log)) startDesk();
else app.quit();

function startDesk(): void {
  try {
    const logs = path.join(settings.userDataDir, 'logs');
    mkdirSync(logs, { recursive: true });
    logFile = createWriteStream(path.join(logs, 'desk.log'), { flags: 'a' });
    logFile.on('error', () => { logFile = null; });
  } catch {
    // The terminal still has the log.
  }

  let desk: Promise<RunningDesk | null> = Promise.resolve(null);
  let quitting = false;
  let deskClosed = false;
  // An error nobody caught is logged and the desk's core restarts, instead of Electron's
  // dialog over a desk that no longer answers (main/keepDeskAlive.ts, the same as the browser desk).
  keepDeskAlive({
    log,
    restartCore: async (reason) => {
      if (!quitting) await (await desk)?.restartCore(reason);
    },
  });

  const storageBridge = createElectronStorageBridge(log);
  const apiBridge = followKioskMode(createElectronApiBridge(() => mainWindow, log), () => mainWindow, log);
  const storageHost = superviseStorageHost({ openWindow: () => createStorageWindow(log), bridge: storageBridge, log });
  hardenEveryWebContents(log);

  // In the desk's language (main/startFailure.ts); the log in English, as ever.
  const fatal = (failure: StartFailure) => {
    log(`desk: could not start: ${failure.kind === 'venue-file' ? `${failure.file} is not a venue file: ${failure.problems.map(problemLineInEnglish).join('; ')}` : failure.detail}`);
    void deskLanguageOnDisk(settings.userDataDir).then((language) => {
      const { title, text } = startFailureWords(failure, language);
      dialog.showErrorBox(title, text);
      app.quit();
    });
  };

  void app.whenReady().then(async () => {
    const root = rendererRoot();
    const storageSession = session.fromPartition(STORAGE_PARTITION);
    // Before any window exists: their pages' first requests already pass these.
    hardenSession(session.defaultSession, { mayRequest: mayUiRequest, mayDownload: mayUiDownload, downloadsFolder: app.getPath('downloads') }, log);
    hardenSession(storageSession, { grants: STORAGE_HOST_PERMISSIONS, mayRequest: mayStorageHostRequest }, log);
    serveRenderer(session.defaultSession, root);
    serveRenderer(storageSession, root);
    // Before any window: Electron's default menu reloads the page and opens DevTools.
    setDeskMenu();

    const initialVenue = await readInitialVenue(settings.initialVenueFile);
    if (!initialVenue.ok) {
      fatal(initialVenue.failure);
      return;
    }
    const venue = initialVenue.venue;
    log(`desk: data in ${settings.userDataDir}`);
    desk = runDesk(storageBridge, apiBridge, { dataDir: settings.userDataDir, log, findHubs, venueHub: {}, ...(venue ? { initialVenue: () => venue } : {}) })
      .catch((error: unknown) => {
        fatal({ kind: 'error', detail: error instanceof Error ? error.stack ?? error.message : String(error) });
        return null;
      });
    storageHost.start();

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
  }).catch((error: unknown) => fatal({ kind: 'error', detail: error instanceof Error ? error.stack ?? error.message : String(error) }));

  // Close the database while the storage host still runs, so pending writes land; then quit.
  app.on('before-quit', (event) => {
    if (deskClosed) return;
    event.preventDefault();
    if (quitting) return;
    quitting = true;
    storageHost.stop();
    const closing = desk.then((running) => running?.close());
    const timeout = new Promise<void>((resolve) => setTimeout(() => {
      log('desk: the database did not close in time; quitting anyway');
      resolve();
    }, CLOSE_TIMEOUT_MS).unref());
    void Promise.race([closing, timeout])
      .catch((error: unknown) => log(`desk: closing failed: ${String(error)}`))
      .finally(() => {
        deskClosed = true;
        logFile?.end();
        app.quit();
      });
  });
}

/** The venue file named at launch, refused whole (with the line and field at fault) if it is wrong. */
async function readInitialVenue(file: string | null): Promise<{ ok: true; venue: VenueData | null } | { ok: false; failure: StartFailure }> {
  if (file === null) return { ok: true, venue: null };
  const parsed = await readVenueFile(file);
  if (parsed.ok) return { ok: true, venue: parsed.data };
  return { ok: false, failure: { kind: 'venue-file', file, problems: venueFileProblemLines(parsed.errors) } };
}
