// The one IPC wrapper (the Electron ApiBridge): every renderer call arrives on CHANNEL_CALL,
// is accepted only from the main window's top frame on app://desk, and only then reaches the
// desk, which parses it against the shared API map. Events go out on CHANNEL_EVENT.
import { ipcMain } from 'electron';
import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import { refuse } from '../../shared/rules/errors';
import type { ApiBridge } from '../deskHost';
import { CHANNEL_CALL, CHANNEL_EVENT } from '../../shared/schema/deskChannels';
import { isAppUrl } from './security';

type Log = (line: string) => void;

/**
 * Any frame in any webContents can reach ipcMain (a subframe, a hijacked storage host page):
 * only the UI page itself may call the desk. Null when the sender is that page, else why not.
 */
export function senderProblem(event: IpcMainInvokeEvent, mainWindow: BrowserWindow | null): string | null {
  const frame = event.senderFrame;
  if (!frame) return 'a frame that is gone';
  if (!mainWindow || mainWindow.isDestroyed() || event.sender.id !== mainWindow.webContents.id) return `webContents ${event.sender.id}`;
  const top = mainWindow.webContents.mainFrame;
  if (frame.processId !== top.processId || frame.routingId !== top.routingId) return `a subframe (${frame.url})`;
  if (!isAppUrl(frame.url)) return `a page outside the app (${frame.url})`;
  return null;
}

type Handler = Parameters<ApiBridge['handle']>[0];

export function createElectronApiBridge(mainWindow: () => BrowserWindow | null, log: Log): ApiBridge {
  // Registered now, not when runDesk installs its handler: the UI may call before main has
  // read the desk's identity, and an invoke with no handler would reject in the renderer.
  let install: (handler: Handler) => void = () => {};
  const installed = new Promise<Handler>((resolve) => { install = resolve; });

  ipcMain.handle(CHANNEL_CALL, async (event, message: unknown) => {
    const problem = senderProblem(event, mainWindow());
    if (problem) {
      log(`ipc: dropped a call from ${problem}`);
      return refuse('invalid-input');
    }
    // The envelope's shape only: what it carries is parsed by the desk (main/desk/deskCall.ts).
    const { name, payload } = typeof message === 'object' && message !== null ? (message as Record<string, unknown>) : {};
    return (await installed)(name, payload);
  });

  return {
    handle: (handler) => install(handler),
    emit(event, data) {
      const window = mainWindow();
      if (!window || window.isDestroyed()) return;
      window.webContents.send(CHANNEL_EVENT, { event, data });
    },
  };
}
