// The kiosk under Electron (main/electron/kioskWindow.ts): the status main pushes sets the
// window's kiosk mode (full screen), takes the menu (Quit, Close, full screen) away, and refuses
// closing the window; leaving the kiosk gives them back. Against the fake Electron: the real
// binary cannot be downloaded here.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeskStatus } from '../../../shared/schema/api';
import { followKioskMode } from '../../../main/electron/kioskWindow';
import { fakeMenu, FakeBrowserWindow } from './fakeElectron';

vi.mock('electron', async () => (await import('./fakeElectron')).fakeElectron);

const statusWith = (kiosk: boolean) => ({ kiosk }) as DeskStatus;

beforeEach(() => {
  fakeMenu.setApplicationMenu.mockClear();
});

describe('the kiosk window under Electron', () => {
  it('the kiosk window is full screen: the window follows the kiosk mode in the status, without a menu, and cannot be closed until the kiosk is left', () => {
    const window = new FakeBrowserWindow();
    const bridge = { handle: vi.fn(), emit: vi.fn() };
    const followed = followKioskMode(bridge, () => window as never, vi.fn());
    followed.emit('status', statusWith(false));
    expect(window.setKiosk).not.toHaveBeenCalled();
    followed.emit('status', statusWith(true));
    expect(bridge.emit).toHaveBeenCalledWith('status', statusWith(true));
    expect(window.isKiosk()).toBe(true);
    expect(fakeMenu.setApplicationMenu).toHaveBeenLastCalledWith(null);
    const closing = { preventDefault: vi.fn() };
    window.emit('close', closing);
    expect(closing.preventDefault).toHaveBeenCalled();
    // Status pushed again and again (sync): nothing more is done.
    followed.emit('status', statusWith(true));
    expect(window.setKiosk).toHaveBeenCalledTimes(1);
    followed.emit('status', statusWith(false));
    expect(window.isKiosk()).toBe(false);
    expect(fakeMenu.setApplicationMenu).toHaveBeenLastCalledWith(expect.objectContaining({ template: expect.any(Array) as unknown }));
    const closingAfter = { preventDefault: vi.fn() };
    window.emit('close', closingAfter);
    expect(closingAfter.preventDefault).not.toHaveBeenCalled();
  });
});
