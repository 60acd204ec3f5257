// The desk's application menu. Without one, Electron installs its default menu, whose View
// menu reloads the page (Ctrl+R, F5: a check-in being typed is gone, and the door waits for the
// page again) and opens DevTools (Ctrl+Shift+I: a console on the desk's UI, with the whole
// renderer↔main API in reach, for anyone at the door). This menu keeps what staff use (copy and
// paste in the fields, zoom, full screen, quit) and has neither.
import { Menu } from 'electron';
import type { MenuItemConstructorOptions } from 'electron';

type Role = NonNullable<MenuItemConstructorOptions['role']>;

/** Roles no menu of the desk may carry: a reload, or a way into DevTools. */
export const REFUSED_MENU_ROLES: readonly Role[] = Object.freeze(['reload', 'forceReload', 'toggleDevTools']);

/** The menu for `platform` (macOS gets the application menu it expects first). */
export function deskMenuTemplate(platform: NodeJS.Platform): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const edit: MenuItemConstructorOptions = {
    label: 'Edit',
    // The shortcuts for copy and paste live here on macOS: without them a pasted token or
    // endpoint address would not reach the Setup screen's fields.
    submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
  };
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }],
  };
  const window: MenuItemConstructorOptions = {
    label: 'Window',
    submenu: mac ? [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'front' }] : [{ role: 'minimize' }, { role: 'close' }],
  };
  if (!mac) return [{ label: 'File', submenu: [{ role: 'quit' }] }, edit, view, window];
  const app: MenuItemConstructorOptions = {
    label: 'Box Office Desk',
    submenu: [{ role: 'about' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }],
  };
  return [app, edit, view, window];
}

/** Installs the desk's menu for the whole app (after `ready`, before the first window). */
export function setDeskMenu(platform: NodeJS.Platform = process.platform): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(deskMenuTemplate(platform)));
}
