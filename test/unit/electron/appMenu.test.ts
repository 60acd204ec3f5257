// The desk's application menu (main/electron/appMenu.ts): what staff use is there; a reload and
// every way into DevTools are not, on any platform.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { deskMenuTemplate, REFUSED_MENU_ROLES, setDeskMenu } from '../../../main/electron/appMenu';
import { fakeMenu } from './fakeElectron';

vi.mock('electron', async () => (await import('./fakeElectron')).fakeElectron);

/** Every item of a template, submenus included. */
function everyItem(template: readonly MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? everyItem(item.submenu as MenuItemConstructorOptions[]) : [])]);
}

// The shortcuts Electron's default menu and Chromium use for reloading and for DevTools.
const refusedAccelerators = /^(CmdOrCtrl|CommandOrControl|Ctrl|Control|Cmd|Command)\+(Shift\+)?(R|I|J|C)$|^F5$|^F12$|Alt\+(Cmd|Command)\+I/i;

beforeEach(() => {
  fakeMenu.buildFromTemplate.mockClear();
  fakeMenu.setApplicationMenu.mockClear();
});

describe.each(['linux', 'win32', 'darwin'] as const)('the menu on %s', (platform) => {
  const items = everyItem(deskMenuTemplate(platform));

  it('has no DevTools item and no reload', () => {
    for (const item of items) {
      expect(REFUSED_MENU_ROLES).not.toContain(item.role);
      expect(String(item.label ?? '')).not.toMatch(/developer|devtools|inspect|reload/i);
    }
    expect(items.map((item) => item.role)).not.toEqual(expect.arrayContaining(['toggleDevTools']));
  });

  it('binds no reload or DevTools shortcut, and runs no code of its own', () => {
    for (const item of items) {
      if (item.accelerator !== undefined) expect(String(item.accelerator)).not.toMatch(refusedAccelerators);
      // Roles only: Electron implements them; a click handler could do anything.
      expect(item.click).toBeUndefined();
    }
  });

  it('keeps copy and paste, zoom and quit for staff', () => {
    expect(items.map((item) => item.role)).toEqual(expect.arrayContaining(['copy', 'paste', 'selectAll', 'zoomIn', 'zoomOut', 'resetZoom', 'quit']));
  });

  it('is what setDeskMenu installs for the whole app', () => {
    setDeskMenu(platform);
    expect(fakeMenu.buildFromTemplate).toHaveBeenCalledWith(deskMenuTemplate(platform));
    expect(fakeMenu.setApplicationMenu).toHaveBeenCalledWith({ template: deskMenuTemplate(platform) });
  });
});

it('refuses exactly the reload roles and DevTools', () => {
  expect([...REFUSED_MENU_ROLES].sort()).toEqual(['forceReload', 'reload', 'toggleDevTools']);
});
