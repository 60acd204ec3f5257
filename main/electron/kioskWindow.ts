// SPEC "Kiosk mode ... full screen, one task": under Electron the desk's window follows the
// kiosk mode main pushes in its status. On: the window in Electron's kiosk mode (full screen,
// no leaving it by the window manager's keys), no application menu (its Quit, Close and
// full-screen keys would let a customer out), and closing the window refused. Off again (a
// manager's or admin's PIN, `leaveKiosk`): the ordinary window and menu.
import { Menu } from 'electron';
import type { BrowserWindow } from 'electron';
import type { ApiBridge } from '../deskHost';
import { setDeskMenu } from './appMenu';

/** The API bridge, whose status events also set the window's kiosk mode. */
export function followKioskMode(bridge: ApiBridge, mainWindow: () => BrowserWindow | null, log: (line: string) => void): ApiBridge {
  let kiosk = false;
  const guarded = new WeakSet<BrowserWindow>();
  const follow = (on: boolean) => {
    const window = mainWindow();
    if (!window || window.isDestroyed()) return;
    if (!guarded.has(window)) {
      guarded.add(window);
      window.on('close', (event) => {
        if (kiosk) event.preventDefault();
      });
    }
    if (window.isKiosk() === on && kiosk === on) return;
    kiosk = on;
    window.setKiosk(on);
    if (on) Menu.setApplicationMenu(null);
    else setDeskMenu();
    log(on ? 'desk: the window is a full-screen kiosk' : 'desk: the window is no longer a kiosk');
  };
  return {
    handle: (handler) => bridge.handle(handler),
    emit(event, data) {
      bridge.emit(event, data);
      if (event !== 'status' || typeof data !== 'object' || data === null || !('kiosk' in data)) return;
      // The window is the screen's business: a window that will not follow never stops the status.
      try {
        follow(data.kiosk === true);
      } catch (error) {
        log(`desk: the window could not follow the kiosk mode: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
  };
}
