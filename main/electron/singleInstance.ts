// One desk per user-data folder: two would be two writers of one database (and two storage
// hosts on one IndexedDB). The first launch holds Electron's single-instance lock, which is
// keyed on the user-data folder; a second launch hands over to it and quits.
import { app } from 'electron';

export type FocusableWindow = {
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
};

/**
 * True when this process is the desk; false when another one already is (the caller quits
 * without opening anything). `currentWindow` is the window a second launch brings forward.
 */
export function holdSingleInstanceLock(currentWindow: () => FocusableWindow | null, log: (line: string) => void): boolean {
  if (!app.requestSingleInstanceLock()) {
    log('desk: another desk is already running on this data folder; bringing it forward instead');
    return false;
  }
  app.on('second-instance', () => {
    const window = currentWindow();
    if (window) bringForward(window);
  });
  return true;
}

export function bringForward(window: FocusableWindow): void {
  if (window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
