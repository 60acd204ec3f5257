// main/electron/main.ts run whole against a fake Electron (fakeElectronRuntime.ts): the desk
// starts on its own data folder with the venue it was given, the sessions are hardened before
// any window exists, the UI calls through the one IPC wrapper, a check-in reaches the storage
// host (RxDB's Dexie storage over fake-indexeddb behind a real MessageChannel), the storage host
// crashing is reported as "reconnecting" and survived without losing the check-in, and quitting
// closes the database first. What Chromium itself does is the Electron suite's part
// (test/electron), which cannot run on this machine.
import 'fake-indexeddb/auto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { MessagePort } from 'node:worker_threads';
import { Subject } from 'rxjs';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { exposeRxStorageRemote } from 'rxdb/plugins/storage-remote';
import type { MessageFromRemote, MessageToRemote } from 'rxdb/plugins/storage-remote';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNEL_CALL, CHANNEL_EVENT } from '../../../shared/schema/deskChannels';
import { INITIAL_VENUE_ENV, USER_DATA_ENV } from '../../../main/electron/launchSettings';
import { venueFile } from '../../electron/venue';
import { defaultSession, fakeElectronRuntime, runtime, runtimeApp, runtimeIpcMain } from './fakeElectronRuntime';
import { REFUSED_MENU_ROLES } from '../../../main/electron/appMenu';
import type { RuntimeBrowserWindow } from './fakeElectronRuntime';

vi.mock('electron', async () => (await import('./fakeElectronRuntime')).fakeElectronRuntime);

let workDir = '';
let userData = '';
/** The process handlers main installs (its last line of defence), found by what was there before. */
let mainsHandlers: { exception: ((error: unknown) => void)[]; rejection: ((reason: unknown) => void)[] } = { exception: [], rejection: [] };
const logLines: string[] = [];

/** Set to make the current storage host page stop hearing anything (a hung renderer). */
let hung = false;

/** The storage host page's part (renderer/storage-host/port.electron.ts): Dexie behind the port. */
function serveStorage(port: MessagePort): void {
  hung = false;
  const messages$ = new Subject<MessageToRemote>();
  port.on('message', (message: MessageToRemote) => {
    if (!hung) messages$.next(message);
  });
  port.on('close', () => messages$.complete());
  exposeRxStorageRemote({ storage: getRxStorageDexie(), messages$, send: (message: MessageFromRemote) => port.postMessage(message) });
}

const live = (pathname: string): RuntimeBrowserWindow | undefined =>
  runtime.windows.find((window) => !window.destroyed && window.webContents.url === `app://desk${pathname}`);

/** A call from the UI page's top frame, as the preload makes it. */
async function call(name: string, payload: unknown = {}): Promise<Record<string, unknown>> {
  const ui = live('/index.html');
  if (!ui) throw new Error('no UI window');
  const handler = runtimeIpcMain.handlers.get(CHANNEL_CALL);
  if (!handler) throw new Error('no IPC handler');
  return (await handler({ sender: { id: ui.webContents.id }, senderFrame: { ...ui.webContents.mainFrame } }, { name, payload })) as Record<string, unknown>;
}

async function storageState(): Promise<string> {
  const answer = await call('deskStatus');
  return (answer.status as { storage: string }).storage;
}

beforeAll(async () => {
  workDir = await mkdtemp(path.join(os.tmpdir(), 'desk-main-process-'));
  userData = path.join(workDir, 'user-data');
  await writeFile(path.join(workDir, 'venue.json'), JSON.stringify(venueFile));
  process.env[USER_DATA_ENV] = userData;
  process.env[INITIAL_VENUE_ENV] = path.join(workDir, 'venue.json');
  runtime.onStoragePort = (port) => serveStorage(port);
  vi.spyOn(console, 'log').mockImplementation((line: unknown) => { logLines.push(String(line)); });
  const exceptionsBefore = process.listeners('uncaughtException');
  const rejectionsBefore = process.listeners('unhandledRejection');
  await import('../../../main/electron/main');
  mainsHandlers = {
    exception: process.listeners('uncaughtException').filter((listener) => !exceptionsBefore.includes(listener)) as ((error: unknown) => void)[],
    rejection: process.listeners('unhandledRejection').filter((listener) => !rejectionsBefore.includes(listener)) as ((reason: unknown) => void)[],
  };
  await vi.waitFor(async () => expect(await storageState()).toBe('connected'), { timeout: 30_000, interval: 100 });
  // Started with a venue file and no endpoint, the app asks for its first manager before its
  // door (SPEC): chosen through the real call, as the first start's screen does; they are signed in.
  expect(await call('setFirstManager', { name: 'Test Manager', pin: '2580' })).toMatchObject({ ok: true });
});

afterAll(async () => {
  for (const listener of mainsHandlers.exception) process.off('uncaughtException', listener);
  for (const listener of mainsHandlers.rejection) process.off('unhandledRejection', listener);
  delete process.env[USER_DATA_ENV];
  delete process.env[INITIAL_VENUE_ENV];
  vi.restoreAllMocks();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('the Electron main process, whole', () => {
  it('holds the single-instance lock on its own data folder, and starts with the venue it was given', async () => {
    expect(runtimeApp.setPath).toHaveBeenCalledWith('userData', userData);
    expect(runtimeApp.requestSingleInstanceLock).toHaveBeenCalledOnce();
    expect(runtimeApp.enableSandbox).toHaveBeenCalledOnce();
    const status = (await call('deskStatus')).status as { venue: { name: string } | null };
    expect(status.venue?.name).toBe('End-to-end Studio');
  });

  it('hardens both sessions and serves app:// on both', () => {
    const storageSession = runtime.sessions.get('persist:storage-host')!;
    expect(storageSession).toBeDefined();
    expect(storageSession.check('persistent-storage', 'app://desk')).toBe(true);
    expect(defaultSession.check('persistent-storage', 'app://desk')).toBe(false);
    expect(storageSession.blocks('https://example.com/')).toBe(true);
    expect(defaultSession.blocks('https://example.com/')).toBe(true);
    expect(storageSession.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(defaultSession.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(defaultSession.refusesDownload('blob:app://desk/0f2e1c6a')).toBe(false);
    expect(defaultSession.refusesDownload('https://example.com/setup.exe')).toBe(true);
    expect(storageSession.refusesDownload('blob:app://desk/0f2e1c6a')).toBe(true);
  });

  it('sets its own application menu, with no reload and no DevTools, for the whole app', () => {
    const { Menu } = fakeElectronRuntime;
    expect(Menu.setApplicationMenu).toHaveBeenCalledOnce();
    const menu = Menu.setApplicationMenu.mock.calls[0]![0] as { template: { role?: string; submenu?: unknown }[] };
    const roles = JSON.stringify(menu.template).match(/"role":"[A-Za-z]+"/g) ?? [];
    expect(roles.length).toBeGreaterThan(5);
    for (const role of REFUSED_MENU_ROLES) expect(roles).not.toContain(`"role":"${role}"`);
  });

  it('opens a visible UI and a hidden storage host, asks for persistent storage, and says what it got', async () => {
    expect(live('/index.html')!.show).toHaveBeenCalled();
    expect(live('/storage-host.html')!.show).not.toHaveBeenCalled();
    expect(logLines).toContain('desk: storage is persistent (using 0 of 1024 MB)');
    await vi.waitFor(async () => expect(((await call('deskStatus')).status as { storageHealth: unknown }).storageHealth).toEqual({ problem: null, persistent: true }));
  });

  it('checks in through the IPC wrapper, and drops the same call from the storage host page', async () => {
    const checkIn = await call('checkIn', { customerId: 'c-ada', sessionId: null });
    expect(checkIn).toMatchObject({ ok: true, charged: true, passId: 'x-ada-old', remaining: 9 });
    const host = live('/storage-host.html')!;
    const handler = runtimeIpcMain.handlers.get(CHANNEL_CALL)!;
    expect(await handler({ sender: { id: host.webContents.id }, senderFrame: { ...host.webContents.mainFrame } }, { name: 'deskStatus', payload: {} }))
      .toMatchObject({ ok: false, error: 'invalid-input' });
  });

  it('survives a crash of the storage host: "reconnecting" meanwhile, then the check-in is still there', async () => {
    const ui = live('/index.html')!;
    const crashed = live('/storage-host.html')!;
    ui.webContents.send.mockClear();
    crashed.webContents.emit('render-process-gone', { preventDefault() {} }, { reason: 'crashed', exitCode: 11 });

    await vi.waitFor(() => expect(ui.webContents.send).toHaveBeenCalledWith(CHANNEL_EVENT, { event: 'status', data: expect.objectContaining({ storage: 'reconnecting' }) }));
    expect(await storageState()).toBe('reconnecting');
    expect(crashed.destroyed).toBe(true);
    // A call made meanwhile waits for the storage host instead of failing.
    const meanwhile = call('passState', { passId: 'x-ada-old' });

    await vi.waitFor(async () => expect(await storageState()).toBe('connected'), { timeout: 30_000, interval: 100 });
    expect(live('/storage-host.html')).not.toBe(crashed);
    expect(await meanwhile).toMatchObject({ ok: true });
    expect(await call('checkIn', { customerId: 'c-ada', sessionId: null })).toMatchObject({ ok: false, error: 'already-checked-in' });
    expect(logLines.some((line) => /^desk: the storage host went away \(crashed\); restarting it$/.test(line))).toBe(true);
  });

  it('answers a check-in whose write was in flight when the storage host crashed, instead of hanging', async () => {
    hung = true; // the write never reaches the page
    const inFlight = call('checkIn', { customerId: 'c-ada', sessionId: null, confirmDuplicate: true });
    await new Promise((resolve) => setTimeout(resolve, 200));
    live('/storage-host.html')!.webContents.emit('render-process-gone', { preventDefault() {} }, { reason: 'crashed', exitCode: 11 });
    expect(await inFlight).toMatchObject({ ok: false, error: 'internal' });
    expect(logLines.some((line) => line.includes('outcome is unknown'))).toBe(true);
    await vi.waitFor(async () => expect(await storageState()).toBe('connected'), { timeout: 30_000, interval: 100 });
    // It had not landed (the page never heard it): checking in again takes one use, once.
    expect(await call('checkIn', { customerId: 'c-ada', sessionId: null, confirmDuplicate: true })).toMatchObject({ ok: true, remaining: 8 });
  });

  it('finds a hung storage host by its heartbeat, replaces it, and carries on', async () => {
    const stuck = live('/storage-host.html')!;
    hung = true;
    await vi.waitFor(() => expect(logLines).toContain('desk: the storage host stopped answering; restarting it'), { timeout: 40_000, interval: 250 });
    expect(stuck.webContents.crashed).toBe(true);
    expect(stuck.destroyed).toBe(true);
    await vi.waitFor(async () => expect(await storageState()).toBe('connected'), { timeout: 30_000, interval: 100 });
    expect(await call('checkIn', { customerId: 'c-ada', sessionId: null })).toMatchObject({ ok: false, error: 'already-checked-in' });
  }, 90_000);

  it('logs an error nobody caught in main, restarts the desk\'s core, and loses no acknowledged check-in', async () => {
    // The handlers themselves, as Node calls them (emitting the event would also reach the test runner's).
    expect(mainsHandlers.exception).toHaveLength(1);
    expect(mainsHandlers.rejection).toHaveLength(1);
    const before = (await call('recentCheckIns')).items as { checkInId: string }[];
    expect(before.length).toBeGreaterThan(0);
    mainsHandlers.exception[0]!(new TypeError('a bug in a callback of main'));
    await vi.waitFor(() => expect(logLines).toContain('desk: the desk\'s core restarted'), { timeout: 30_000, interval: 100 });
    expect(logLines.some((line) => line.startsWith('desk: ERROR nobody caught') && line.includes('a bug in a callback of main'))).toBe(true);
    await vi.waitFor(async () => expect(await storageState()).toBe('connected'), { timeout: 30_000, interval: 100 });
    expect(((await call('recentCheckIns')).items as { checkInId: string }[]).map((item) => item.checkInId)).toEqual(before.map((item) => item.checkInId));
    expect(runtimeApp.quitting).toBe(false);
  }, 60_000);

  it('quits only after closing the database, and keeps its identity and log in the data folder', async () => {
    runtimeApp.quit();
    await vi.waitFor(() => expect(runtimeApp.quitting).toBe(true), { timeout: 10_000 });
    expect(runtimeApp.quit.mock.calls.length).toBeGreaterThanOrEqual(2);
    await expect(stat(path.join(userData, 'logs', 'desk.log'))).resolves.toBeTruthy();
    expect(await readFile(path.join(userData, 'logs', 'desk.log'), 'utf8')).toContain('desk: storage connection');
  });
});
