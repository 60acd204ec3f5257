// A fake `electron` that can run main/electron/main.ts whole: windows "load" their pages,
// MessageChannelMain is a Node MessageChannel, and the storage host's port is handed to a
// stand-in page that the test serves RxDB's Dexie storage from (over fake-indexeddb). No
// Chromium: what it checks is main's wiring (sessions, windows, supervisor, bridges, runDesk).
import { EventEmitter } from 'node:events';
import { MessageChannel } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import os from 'node:os';
import { vi } from 'vitest';
import { FakeSession } from './fakeElectron';
import { CHANNEL_STORAGE_PORT } from '../../../shared/schema/deskChannels';

const electronEvent = () => ({ defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } });

export const runtime = {
  appDataDir: os.tmpdir(),
  sessions: new Map<string, FakeSession>(),
  windows: [] as RuntimeBrowserWindow[],
  /** The stand-in page of a storage host window receives its port here. */
  onStoragePort: (_port: MessagePort, _window: RuntimeBrowserWindow) => {},
  /** What executeJavaScript answers (the persistent-storage question). */
  persisted: true,
};

export const defaultSession = new FakeSession();
function fromPartition(partition: string): FakeSession {
  const known = runtime.sessions.get(partition) ?? new FakeSession();
  runtime.sessions.set(partition, known);
  return known;
}

let nextId = 1;

export class RuntimeWebContents extends EventEmitter {
  readonly id = nextId++;
  url = '';
  destroyed = false;
  crashed = false;
  readonly mainFrame = { processId: 500 + this.id, routingId: 1, url: '' };
  readonly send = vi.fn();
  readonly setWindowOpenHandler = vi.fn();
  readonly executeJavaScript = vi.fn(async () => ({ persisted: runtime.persisted, usage: 0, quota: 1024 * 1024 * 1024 }));

  constructor(readonly session: FakeSession, readonly window: RuntimeBrowserWindow) {
    super();
  }

  postMessage(channel: string, _message: unknown, ports: { page: MessagePort }[] = []): void {
    if (channel === CHANNEL_STORAGE_PORT && ports[0]) runtime.onStoragePort(ports[0].page, this.window);
  }

  forcefullyCrashRenderer(): void {
    this.crashed = true;
    setImmediate(() => this.emit('render-process-gone', electronEvent(), { reason: 'killed', exitCode: 9 }));
  }

  getURL(): string {
    return this.url;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  isCrashed(): boolean {
    return this.crashed;
  }
}

export class RuntimeBrowserWindow extends EventEmitter {
  readonly webContents: RuntimeWebContents;
  destroyed = false;
  readonly show = vi.fn();
  readonly focus = vi.fn();
  readonly restore = vi.fn();
  readonly reload = vi.fn();
  kiosk = false;
  readonly setKiosk = vi.fn((on: boolean) => { this.kiosk = on; });

  isKiosk(): boolean {
    return this.kiosk;
  }

  constructor(readonly options: { webPreferences?: { partition?: string } } = {}) {
    super();
    const partition = options.webPreferences?.partition;
    this.webContents = new RuntimeWebContents(partition ? fromPartition(partition) : defaultSession, this);
    runtime.windows.push(this);
    runtimeApp.emit('web-contents-created', electronEvent(), this.webContents);
  }

  async loadURL(url: string): Promise<void> {
    this.webContents.url = url;
    this.webContents.mainFrame.url = url;
    setTimeout(() => {
      if (this.destroyed) return;
      this.webContents.emit('did-finish-load', electronEvent());
      this.emit('ready-to-show');
    }, 5);
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  isMinimized(): boolean {
    return false;
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.webContents.emit('destroyed');
    this.emit('closed');
  }
}

/** Electron's MessageChannelMain over Node's: port1 stays in main, port2 goes to the page. */
class RuntimeMessageChannelMain {
  readonly port1;
  readonly port2;

  constructor() {
    const { port1, port2 } = new MessageChannel();
    this.port1 = {
      postMessage: (message: unknown) => port1.postMessage(message),
      on(event: string, listener: (event?: { data: unknown; ports: unknown[] }) => void) {
        if (event === 'message') port1.on('message', (data: unknown) => listener({ data, ports: [] }));
        else port1.on(event, () => listener());
        return this;
      },
      start: () => port1.start(),
      close: () => port1.close(),
    };
    this.port2 = { page: port2 };
  }
}

export const runtimeApp = Object.assign(new EventEmitter(), {
  paths: new Map<string, string>(),
  quitting: false,
  enableSandbox: vi.fn(),
  requestSingleInstanceLock: vi.fn(() => true),
  getAppPath: vi.fn(() => '/opt/box-office-desk/resources/app.asar'),
  getPath: (name: string) => (name === 'appData' ? runtime.appDataDir : runtimeApp.paths.get(name) ?? ''),
  setPath: vi.fn((name: string, value: string) => { runtimeApp.paths.set(name, value); }),
  whenReady: () => Promise.resolve(),
  /** As Electron: 'before-quit' may be prevented; otherwise the app is gone. */
  quit: vi.fn(() => {
    const event = electronEvent();
    runtimeApp.emit('before-quit', event);
    if (!event.defaultPrevented) runtimeApp.quitting = true;
  }),
});

export const runtimeIpcMain = {
  handlers: new Map<string, (event: unknown, message: unknown) => Promise<unknown>>(),
  handle: vi.fn((channel: string, listener: (event: unknown, message: unknown) => Promise<unknown>) => { runtimeIpcMain.handlers.set(channel, listener); }),
};

export const fakeElectronRuntime = {
  app: runtimeApp,
  protocol: { registerSchemesAsPrivileged: vi.fn() },
  session: { defaultSession, fromPartition: vi.fn(fromPartition) },
  ipcMain: runtimeIpcMain,
  dialog: { showErrorBox: vi.fn() },
  Menu: { buildFromTemplate: vi.fn((template: unknown[]) => ({ template })), setApplicationMenu: vi.fn() },
  BrowserWindow: RuntimeBrowserWindow,
  MessageChannelMain: RuntimeMessageChannelMain,
};
