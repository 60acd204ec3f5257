// One desk per data folder (main/electron/singleInstance.ts): a second launch does not open the
// database again; it brings the first desk's window forward and quits.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { holdSingleInstanceLock } from '../../../main/electron/singleInstance';
import { fakeApp, fakeEvent, FakeBrowserWindow } from './fakeElectron';

vi.mock('electron', async () => (await import('./fakeElectron')).fakeElectron);

beforeEach(() => {
  fakeApp.removeAllListeners('second-instance');
  fakeApp.requestSingleInstanceLock.mockReset();
});

describe('the single-instance lock', () => {
  it('a second launch learns another desk holds the lock, and opens nothing', () => {
    fakeApp.requestSingleInstanceLock.mockReturnValue(false);
    const log = vi.fn();
    expect(holdSingleInstanceLock(() => null, log)).toBe(false);
    expect(fakeApp.listenerCount('second-instance')).toBe(0);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('another desk is already running'));
  });

  it('the first desk, told of a second launch, restores, shows and focuses its window', () => {
    fakeApp.requestSingleInstanceLock.mockReturnValue(true);
    const window = new FakeBrowserWindow();
    window.minimized = true;
    expect(holdSingleInstanceLock(() => window, vi.fn())).toBe(true);
    fakeApp.emit('second-instance', fakeEvent(), ['electron', '.'], '/home/desk', {});
    expect(window.restore).toHaveBeenCalledOnce();
    expect(window.show).toHaveBeenCalledOnce();
    expect(window.focus).toHaveBeenCalledOnce();
  });

  it('does nothing while the window is gone or not open yet', () => {
    fakeApp.requestSingleInstanceLock.mockReturnValue(true);
    const window = new FakeBrowserWindow();
    window.destroy();
    let current: FakeBrowserWindow | null = null;
    holdSingleInstanceLock(() => current, vi.fn());
    fakeApp.emit('second-instance', fakeEvent(), [], '', {});
    current = window;
    fakeApp.emit('second-instance', fakeEvent(), [], '', {});
    expect(window.focus).not.toHaveBeenCalled();
  });
});
