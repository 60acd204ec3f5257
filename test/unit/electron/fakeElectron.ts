// A stand-in for the `electron` module (its binary cannot be installed here): just enough of
// app, protocol, session, ipcMain, shell, Menu, BrowserWindow and MessageChannelMain for main/electron
// to run against, with every call recorded. Tests install it with
//   vi.mock('electron', async () => (await import('./fakeElectron')).fakeElectron);
// and import the same objects to drive and inspect them.
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

/** An Electron event: what the handlers under test receive and may preventDefault(). */
export type FakeEvent = { url?: string; preventDefault: ReturnType<typeof vi.fn>; defaultPrevented(): boolean };

export function fakeEvent(fields: Record<string, unknown> = {}): FakeEvent {
  const preventDefault = vi.fn();
  return { ...fields, preventDefault, defaultPrevented: () => preventDefault.mock.calls.length > 0 };
}

type PermissionRequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl?: string }) => void;
type PermissionCheckHandler = (contents: unknown, permission: string, requestingOrigin: string, details: unknown) => boolean;
type BeforeRequestListener = (details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void;

export class FakeSession extends EventEmitter {
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: PermissionCheckHandler | null = null;
  devicePermissionHandler: ((details: unknown) => boolean) | null = null;
  beforeRequest: BeforeRequestListener | null = null;
  protocolHandler: ((request: Request) => Promise<Response>) | null = null;

  readonly protocol = { handle: vi.fn((_scheme: string, handler: (request: Request) => Promise<Response>) => { this.protocolHandler = handler; }) };
  readonly setPermissionRequestHandler = vi.fn((handler: PermissionRequestHandler) => { this.permissionRequestHandler = handler; });
  readonly setPermissionCheckHandler = vi.fn((handler: PermissionCheckHandler) => { this.permissionCheckHandler = handler; });
  readonly setDevicePermissionHandler = vi.fn((handler: (details: unknown) => boolean) => { this.devicePermissionHandler = handler; });
  readonly webRequest = { onBeforeRequest: vi.fn((listener: BeforeRequestListener) => { this.beforeRequest = listener; }) };

  /** Asks the request handler, as Chromium would, and returns its answer. */
  request(permission: string, requestingUrl: string): boolean {
    let answer: boolean | undefined;
    this.permissionRequestHandler?.({ getURL: () => requestingUrl }, permission, (granted) => { answer = granted; }, { requestingUrl });
    if (answer === undefined) throw new Error('the permission request handler did not answer');
    return answer;
  }

  check(permission: string, origin: string): boolean {
    if (!this.permissionCheckHandler) throw new Error('no permission check handler');
    return this.permissionCheckHandler(null, permission, origin, {});
  }

  /** True when a download of `url` would be cancelled. */
  refusesDownload(url: string): boolean {
    return !this.download(url, 'export.csv').allowed;
  }

  /** A download of `url` named `fileName`: whether it may go on, and where it is saved (null: Electron asks). */
  download(url: string, fileName: string): { allowed: boolean; savedAt: string | null } {
    const event = fakeEvent();
    let savedAt: string | null = null;
    this.emit('will-download', event, { getURL: () => url, getFilename: () => fileName, setSavePath: (file: string) => { savedAt = file; } }, null);
    return { allowed: !event.defaultPrevented(), savedAt };
  }

  /** True when a request to `url` would be cancelled. */
  blocks(url: string): boolean {
    let cancel: boolean | undefined;
    this.beforeRequest?.({ url }, (response) => { cancel = response.cancel ?? false; });
    if (cancel === undefined) throw new Error('the request filter did not answer');
    return cancel;
  }
}

let nextContentsId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  url = '';
  destroyed = false;
  crashed = false;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  readonly mainFrame = { processId: 100 + this.id, routingId: 1, url: '' };
  readonly send = vi.fn();
  readonly postMessage = vi.fn();
  readonly executeJavaScript = vi.fn(async (_code: string): Promise<unknown> => ({ persisted: true, usage: 1024 * 1024, quota: 100 * 1024 * 1024 }));
  readonly forcefullyCrashRenderer = vi.fn(() => { this.crashed = true; });
  readonly setWindowOpenHandler = vi.fn((handler: (details: { url: string }) => { action: string }) => { this.windowOpenHandler = handler; });

  constructor(readonly session: FakeSession = new FakeSession()) {
    super();
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

export class FakeBrowserWindow extends EventEmitter {
  static created: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  destroyed = false;
  minimized = false;
  readonly loadURL = vi.fn(async (url: string) => { this.webContents.url = url; });
  readonly show = vi.fn();
  readonly focus = vi.fn();
  readonly restore = vi.fn(() => { this.minimized = false; });
  readonly reload = vi.fn();
  kiosk = false;
  readonly setKiosk = vi.fn((on: boolean) => { this.kiosk = on; });

  constructor(readonly options: Record<string, unknown> = {}) {
    super();
    FakeBrowserWindow.created.push(this);
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  isKiosk(): boolean {
    return this.kiosk;
  }

  isMinimized(): boolean {
    return this.minimized;
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}

class FakePort extends EventEmitter {
  readonly postMessage = vi.fn();
  readonly start = vi.fn();
  readonly close = vi.fn(() => { this.emit('close'); });
}

export class FakeMessageChannelMain {
  readonly port1 = new FakePort();
  readonly port2 = new FakePort();
}

export const fakeApp = Object.assign(new EventEmitter(), {
  enableSandbox: vi.fn(),
  requestSingleInstanceLock: vi.fn(() => true),
  quit: vi.fn(),
  getAppPath: vi.fn(() => '/opt/box-office-desk/resources/app.asar'),
});

type IpcListener = (event: unknown, ...args: unknown[]) => unknown;

export const fakeIpcMain = {
  handlers: new Map<string, IpcListener>(),
  handle: vi.fn((channel: string, listener: IpcListener) => { fakeIpcMain.handlers.set(channel, listener); }),
};

export const fakeProtocol = { registerSchemesAsPrivileged: vi.fn() };

/** Menu.buildFromTemplate keeps the template, so that a test reads what the menu holds. */
export const fakeMenu = {
  buildFromTemplate: vi.fn((template: unknown[]) => ({ template })),
  setApplicationMenu: vi.fn(),
};
export const fakeShell = { openExternal: vi.fn(async () => {}) };

export const fakeElectron = {
  app: fakeApp,
  protocol: fakeProtocol,
  ipcMain: fakeIpcMain,
  shell: fakeShell,
  Menu: fakeMenu,
  BrowserWindow: FakeBrowserWindow,
  MessageChannelMain: FakeMessageChannelMain,
  session: { defaultSession: new FakeSession(), fromPartition: vi.fn(() => new FakeSession()) },
};
