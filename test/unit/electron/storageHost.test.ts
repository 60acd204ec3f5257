// The storage host supervisor (main/electron/storageHost.ts): every load of the page is offered
// to main with a heartbeat; a crash, a hang, a failed load or a closed window gets a new window
// after a pause that grows while failures repeat; quitting stops all that. Persistent storage
// is asked for, and a refusal is a warning in the log.
import type { BrowserWindow } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Heartbeat } from '../../../main/bridge/storageChannel';
import { PERSIST_STORAGE_SCRIPT, reportPersistentStorage, restartDelayMs, superviseStorageHost } from '../../../main/electron/storageHost';
import type { StorageHostSupervisor } from '../../../main/electron/storageHost';
import { fakeEvent, FakeBrowserWindow, FakeWebContents } from './fakeElectron';

vi.mock('electron', async () => (await import('./fakeElectron')).fakeElectron);

let windows: FakeBrowserWindow[];
let connect: ReturnType<typeof vi.fn<(host: unknown, heartbeat?: Heartbeat) => void>>;
let log: ReturnType<typeof vi.fn<(line: string) => void>>;
let supervisor: StorageHostSupervisor;

function openWindow(): BrowserWindow {
  const window = new FakeBrowserWindow();
  windows.push(window);
  return window as unknown as BrowserWindow;
}

const latest = () => windows[windows.length - 1]!;
const loaded = (window: FakeBrowserWindow) => window.webContents.emit('did-finish-load', fakeEvent());

beforeEach(() => {
  vi.useFakeTimers();
  windows = [];
  connect = vi.fn();
  log = vi.fn();
  supervisor = superviseStorageHost({ openWindow, bridge: { connect }, log, heartbeat: { intervalMs: 2_000, timeoutMs: 15_000 } });
  supervisor.start();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('each load of the storage host page', () => {
  it('is offered to main as a new storage connection, with a heartbeat', () => {
    loaded(latest());
    expect(connect).toHaveBeenCalledWith(latest().webContents, expect.objectContaining({ intervalMs: 2_000, timeoutMs: 15_000, onHung: expect.any(Function) }));
    loaded(latest());
    expect(connect).toHaveBeenCalledTimes(2);
  });

  it('asks for persistent storage', () => {
    loaded(latest());
    expect(latest().webContents.executeJavaScript).toHaveBeenCalledWith(PERSIST_STORAGE_SCRIPT);
  });
});

describe('a storage host that fails is replaced', () => {
  it.each([
    ['crashes', (window: FakeBrowserWindow) => window.webContents.emit('render-process-gone', fakeEvent(), { reason: 'crashed', exitCode: 11 })],
    ['is killed (out of memory)', (window: FakeBrowserWindow) => window.webContents.emit('render-process-gone', fakeEvent(), { reason: 'oom', exitCode: 9 })],
    ['is unresponsive', (window: FakeBrowserWindow) => window.webContents.emit('unresponsive')],
    ['stops answering the heartbeat', (window: FakeBrowserWindow) => {
      loaded(window);
      const heartbeat = connect.mock.calls.at(-1)![1]!;
      heartbeat.onHung();
    }],
    ['fails to load its page', (window: FakeBrowserWindow) => window.webContents.emit('did-fail-load', fakeEvent(), -6, 'ERR_FILE_NOT_FOUND', 'app://desk/storage-host.html', true)],
    ['has its window closed', (window: FakeBrowserWindow) => window.destroy()],
  ])('when it %s: the old window goes, a new one opens after a pause', (_, fail) => {
    const first = latest();
    fail(first);
    expect(first.isDestroyed()).toBe(true);
    expect(supervisor.window).toBeNull();
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/^desk: the storage host .*; restarting it$/));
    vi.advanceTimersByTime(999);
    expect(windows).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(windows).toHaveLength(2);
    expect(supervisor.window).toBe(latest());
  });

  it('crashes a hung renderer before dropping it (it would not exit by itself)', () => {
    const first = latest();
    first.webContents.emit('unresponsive');
    expect(first.webContents.forcefullyCrashRenderer).toHaveBeenCalledOnce();
  });

  it('handles each failure once: the crash and close a restart causes are not failures again', () => {
    const first = latest();
    first.webContents.emit('unresponsive');
    first.webContents.emit('render-process-gone', fakeEvent(), { reason: 'killed', exitCode: 9 });
    vi.advanceTimersByTime(1_000);
    expect(windows).toHaveLength(2);
    vi.advanceTimersByTime(60_000);
    expect(windows).toHaveLength(2);
  });

  it('ignores a sub-frame that fails to load', () => {
    latest().webContents.emit('did-fail-load', fakeEvent(), -6, 'ERR_FILE_NOT_FOUND', 'app://desk/x.html', false);
    vi.advanceTimersByTime(60_000);
    expect(windows).toHaveLength(1);
  });

  it('ignores a page load of a window it has already replaced', () => {
    const first = latest();
    first.webContents.emit('render-process-gone', fakeEvent(), { reason: 'crashed', exitCode: 11 });
    loaded(first);
    expect(connect).not.toHaveBeenCalled();
  });

  it('waits longer while failures repeat: 1 s, 2 s, 4 s ... at most 30 s', () => {
    const delays: number[] = [];
    for (let failure = 0; failure < 4; failure += 1) {
      latest().webContents.emit('render-process-gone', fakeEvent(), { reason: 'crashed', exitCode: 11 });
      const before = windows.length;
      let waited = 0;
      while (windows.length === before) {
        vi.advanceTimersByTime(100);
        waited += 100;
      }
      delays.push(waited);
    }
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect([1, 2, 3, 5, 6, 10].map(restartDelayMs)).toEqual([1_000, 2_000, 4_000, 16_000, 30_000, 30_000]);
  });
});

describe('quitting', () => {
  it('stops restarting: a crash while quitting opens nothing', () => {
    supervisor.stop();
    latest().webContents.emit('render-process-gone', fakeEvent(), { reason: 'crashed', exitCode: 11 });
    vi.advanceTimersByTime(60_000);
    expect(windows).toHaveLength(1);
  });

  it('cancels a restart that was waiting', () => {
    latest().webContents.emit('render-process-gone', fakeEvent(), { reason: 'crashed', exitCode: 11 });
    supervisor.stop();
    vi.advanceTimersByTime(60_000);
    expect(windows).toHaveLength(1);
  });
});

describe('persistent storage', () => {
  it('says so in the log when Chromium grants it', async () => {
    const contents = new FakeWebContents();
    const said = vi.fn();
    expect(await reportPersistentStorage(contents, said)).toBe(true);
    expect(said).toHaveBeenCalledWith('desk: storage is persistent (using 1 of 100 MB)');
  });

  it.each([
    ['refused', async () => ({ persisted: false, usage: 0, quota: 0 })],
    ['answered oddly', async () => null],
    ['could not be asked', async () => { throw new Error('Script failed to execute'); }],
  ])('warns when it is %s', async (_, answer) => {
    const contents = new FakeWebContents();
    contents.executeJavaScript.mockImplementationOnce(answer);
    const said = vi.fn();
    expect(await reportPersistentStorage(contents, said)).toBe(false);
    expect(said).toHaveBeenCalledWith(expect.stringMatching(/^desk: WARNING: .*may evict the desk's database/));
  });

  it('runs a constant expression that asks for persistence first', () => {
    expect(PERSIST_STORAGE_SCRIPT).toMatch(/^navigator\.storage\.persist\(\)/);
  });
});
