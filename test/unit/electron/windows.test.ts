// The desk's two windows (main/electron/windows.ts): both sandboxed, isolated, without Node or
// webviews, each with only its own preload; the storage host hidden, in its own persistent
// partition, never throttled.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { HARDENED_WEB_PREFERENCES } from '../../../main/electron/security';
import { createMainWindow, createStorageWindow, MAIN_PAGE_URL, STORAGE_HOST_PAGE_URL, STORAGE_PARTITION } from '../../../main/electron/windows';
import { fakeApp, FakeBrowserWindow } from './fakeElectron';

vi.mock('electron', async () => (await import('./fakeElectron')).fakeElectron);

const appPath = fakeApp.getAppPath();
const preferencesOf = (window: unknown) => (window as FakeBrowserWindow).options.webPreferences as Record<string, unknown>;

beforeEach(() => {
  FakeBrowserWindow.created = [];
});

describe.each([
  ['the UI window', () => createMainWindow(vi.fn())],
  ['the storage host window', () => createStorageWindow(vi.fn())],
])('%s', (_, create) => {
  it.each(Object.entries(HARDENED_WEB_PREFERENCES))('has %s = %s', (key, value) => {
    expect(preferencesOf(create())[key]).toBe(value);
  });

  it('has no Node integration anywhere, and a sandboxed, isolated page', () => {
    const preferences = preferencesOf(create());
    expect(preferences).toMatchObject({ nodeIntegration: false, nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false, sandbox: true, contextIsolation: true, webviewTag: false });
  });

  it('starts hidden', () => {
    expect((create() as unknown as FakeBrowserWindow).options.show).toBe(false);
  });
});

describe('the UI window', () => {
  it('loads app://desk/index.html with the UI preload, and shows once painted', () => {
    const window = createMainWindow(vi.fn()) as unknown as FakeBrowserWindow;
    expect(window.loadURL).toHaveBeenCalledWith(MAIN_PAGE_URL);
    expect(MAIN_PAGE_URL).toBe('app://desk/index.html');
    expect(preferencesOf(window).preload).toBe(`${appPath}/dist-electron/preload.cjs`);
    expect(preferencesOf(window).partition).toBeUndefined();
    window.emit('ready-to-show');
    expect(window.show).toHaveBeenCalled();
  });
});

describe('the storage host window', () => {
  it('loads app://desk/storage-host.html with its own preload, in its own persistent partition', () => {
    const window = createStorageWindow(vi.fn()) as unknown as FakeBrowserWindow;
    expect(window.loadURL).toHaveBeenCalledWith(STORAGE_HOST_PAGE_URL);
    expect(STORAGE_HOST_PAGE_URL).toBe('app://desk/storage-host.html');
    expect(preferencesOf(window)).toMatchObject({
      preload: `${appPath}/dist-electron/preload.storage.cjs`,
      partition: STORAGE_PARTITION,
      backgroundThrottling: false,
    });
    // Without 'persist:' the partition, and so the database, would live in memory only.
    expect(STORAGE_PARTITION).toMatch(/^persist:/);
  });

  it('is never shown, not in the taskbar and cannot take focus', () => {
    const window = createStorageWindow(vi.fn()) as unknown as FakeBrowserWindow;
    expect(window.options).toMatchObject({ show: false, skipTaskbar: true, focusable: false });
    window.emit('ready-to-show');
    expect(window.show).not.toHaveBeenCalled();
  });
});
