// main/electron/security.ts, item by item of Electron's security checklist, against a fake
// `electron` module: each handler refuses what it must, including misleading URLs and paths.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Session, WebContents } from 'electron';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  CONTENT_SECURITY_POLICY, HARDENED_WEB_PREFERENCES, hardenEveryWebContents, hardenSession, hardenWebContents, isAppUrl, isPermissionGranted,
  freeDownloadPath, mayNavigate, mayStorageHostRequest, mayUiDownload, mayUiRequest, prepareBeforeReady, rendererFileFor, serveRenderer, STORAGE_HOST_PERMISSIONS,
} from '../../../main/electron/security';
import { fakeApp, fakeEvent, fakeProtocol, fakeShell, FakeSession, FakeWebContents } from './fakeElectron';

vi.mock('electron', async () => (await import('./fakeElectron')).fakeElectron);

const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));
const asSession = (session: FakeSession) => session as unknown as Session;
const asContents = (contents: FakeWebContents) => contents as unknown as WebContents;

/** URLs that look like the desk but are not, and places the desk never goes. */
const misleadingUrls = [
  'app://desk.evil.com/index.html',
  'app://desk@evil.com/index.html',
  'app://user:password@desk/index.html',
  'app://desk:8080/index.html',
  'app://evil/index.html',
  'app://evil.com/desk/index.html',
  'app://DESK.evil/',
  'app:desk/index.html',
  'app:///desk/index.html',
  'https://desk/index.html',
  'http://desk/index.html',
  'http://127.0.0.1:4780/?s=secret',
  'https://example.com/',
  'ws://127.0.0.1:4780/ws/api',
  'file:///etc/passwd',
  'file:///C:/Windows/win.ini',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'blob:app://desk/0f2e1c6a-0000-4000-8000-000000000000',
  'about:blank',
  'chrome://settings',
  'devtools://devtools/bundled/inspector.html',
  '',
  'not a url',
];

describe('isAppUrl: the desk is app://desk and nothing that looks like it', () => {
  it.each([
    'app://desk/index.html',
    'app://desk/storage-host.html',
    'app://desk/assets/index-BzGQEJsc.js?v=1#top',
    'app://desk/',
    'app://desk',
  ])('%s is the desk', (url) => {
    expect(isAppUrl(url)).toBe(true);
  });

  it.each(misleadingUrls)('%s is not the desk', (url) => {
    expect(isAppUrl(url)).toBe(false);
  });
});

describe('the renderer is served from app://desk with a path check, never from file://', () => {
  const root = path.resolve('/srv/desk/renderer');

  it.each([
    ['app://desk/', 'index.html'],
    ['app://desk', 'index.html'],
    ['app://desk/index.html', 'index.html'],
    ['app://desk/storage-host.html', 'storage-host.html'],
    ['app://desk/assets/index-BzGQEJsc.js', path.join('assets', 'index-BzGQEJsc.js')],
    ['app://desk/index.html?next=../../etc/passwd', 'index.html'],
    ['app://desk/index.html#/../../etc/passwd', 'index.html'],
  ])('%s is %s in the renderer folder', (url, file) => {
    expect(rendererFileFor(root, url)).toBe(path.join(root, file));
  });

  // Each of these is refused outright, before the file system is asked anything.
  const refused = [
    'app://desk/..%2f..%2fetc%2fpasswd',
    'app://desk/..%2F..%2Fpackage.json',
    'app://desk/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd',
    'app://desk/assets/..%2f..%2f..%2fpackage.json',
    'app://desk/%252e%252e%252fetc%252fpasswd',
    'app://desk/%25252e%25252e%25252f',
    'app://desk/..\\..\\etc\\passwd',
    'app://desk/%5c..%5c..%5cetc%5cpasswd',
    'app://desk/assets%5c..%5c..%5cpackage.json',
    'app://desk//etc/passwd',
    'app://desk/%2fetc%2fpasswd',
    'app://desk/C:/Windows/win.ini',
    'app://desk/C:%5cWindows%5cwin.ini',
    'app://desk/index.html%00.png',
    'app://desk/index.html%00',
    'app://desk/%00',
    'app://desk/assets/./index.js%2f..',
    'app://desk/%e0%a4%a',
    'app://desk/.env',
    ...misleadingUrls,
  ];
  it.each(refused)('%s is refused', (url) => {
    expect(rendererFileFor(root, url)).toBeNull();
  });

  // The URL parser already resolves dot segments (`%2e%2e` is one too, as in Chromium); what is
  // left must stay inside.
  it.each([
    'app://desk/../../etc/passwd',
    'app://desk/%2e%2e/%2e%2e/etc/passwd',
    'app://desk/.',
    'app://desk/assets/../../../package.json',
    'app://desk/./../index.html',
  ])('%s stays inside the renderer folder', (url) => {
    const file = rendererFileFor(root, url);
    expect(file === null || file.startsWith(root + path.sep)).toBe(true);
  });
});

describe('the app:// handler serves only the renderer folder, with the CSP', () => {
  let workDir = '';
  let session: FakeSession;
  const get = (url: string, method = 'GET') => session.protocolHandler!(new Request(url, { method }));

  beforeAll(async () => {
    workDir = await mkdtemp(path.join(os.tmpdir(), 'desk-protocol-'));
    await mkdir(path.join(workDir, 'renderer', 'assets'), { recursive: true });
    await writeFile(path.join(workDir, 'renderer', 'index.html'), '<!doctype html><title>desk</title>');
    await writeFile(path.join(workDir, 'renderer', 'assets', 'app.js'), 'console.log(1)');
    // Secrets beside the folder, including one in a folder whose name starts the same.
    await writeFile(path.join(workDir, 'secret.txt'), 'SECRET');
    await mkdir(path.join(workDir, 'renderer-evil'));
    await writeFile(path.join(workDir, 'renderer-evil', 'secret.txt'), 'SECRET');
    session = new FakeSession();
    serveRenderer(asSession(session), path.join(workDir, 'renderer'));
  });

  afterAll(async () => {
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it('registers the handler for the app scheme', () => {
    expect(session.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
  });

  it('serves a page with the Content-Security-Policy, nosniff and its type', async () => {
    const response = await get('app://desk/index.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect((await get('app://desk/assets/app.js')).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it.each([
    'app://desk/..%2fsecret.txt',
    'app://desk/%2e%2e/secret.txt',
    'app://desk/%2e%2e%2fsecret.txt',
    'app://desk/%252e%252e%252fsecret.txt',
    'app://desk/..%5csecret.txt',
    'app://desk/..%2frenderer-evil%2fsecret.txt',
    'app://desk/assets/..%2f..%2fsecret.txt',
    'app://desk/../secret.txt',
    'app://desk/../renderer-evil/secret.txt',
    `app://desk/${encodeURIComponent(path.join(os.tmpdir(), 'secret.txt'))}`,
    'app://desk/secret.txt%00.html',
    'app://evil/index.html',
    'app://desk.evil.com/index.html',
    'app://desk/missing.html',
    'app://desk/assets',
  ])('answers 404 for %s, never the secret', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('SECRET');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('answers only GET and HEAD', async () => {
    expect((await get('app://desk/index.html', 'POST')).status).toBe(404);
    expect((await get('app://desk/index.html', 'HEAD')).status).toBe(200);
  });
});

describe('Content-Security-Policy', () => {
  const directives = new Map(CONTENT_SECURITY_POLICY.split(';').map((part) => {
    const [name, ...values] = part.trim().split(/\s+/);
    return [name!, values];
  }));

  it.each([
    ['default-src', ["'none'"]],
    ['script-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['frame-src', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['connect-src', ["'self'"]],
  ])('%s is %j', (name, values) => {
    expect(directives.get(name)).toEqual(values);
  });

  it('allows no eval and no inline script anywhere, and no other host', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|wasm-unsafe-eval|strict-dynamic|https?:|\*/);
    expect(directives.get('script-src')).not.toContain("'unsafe-inline'");
  });
});

describe('before ready: the app scheme and the sandbox', () => {
  it('enables the sandbox for every renderer and registers app:// as standard and secure, nothing more', () => {
    prepareBeforeReady();
    expect(fakeApp.enableSandbox).toHaveBeenCalledOnce();
    expect(fakeProtocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });
});

describe('webPreferences of every window', () => {
  it.each([
    ['contextIsolation', true],
    ['sandbox', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webviewTag', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['experimentalFeatures', false],
  ] as const)('%s is %s', (key, value) => {
    expect(HARDENED_WEB_PREFERENCES[key]).toBe(value);
  });

  it('enables no Blink features and cannot be changed at run time', () => {
    expect(HARDENED_WEB_PREFERENCES.enableBlinkFeatures).toBeUndefined();
    expect(Object.isFrozen(HARDENED_WEB_PREFERENCES)).toBe(true);
  });
});

describe('navigation, new windows and webviews are refused', () => {
  let contents: FakeWebContents;
  const log = vi.fn();

  beforeEach(() => {
    contents = new FakeWebContents();
    fakeShell.openExternal.mockClear();
    hardenWebContents(asContents(contents), log);
  });

  const everywhere = [...misleadingUrls, 'app://desk/index.html', 'app://desk/storage-host.html'];

  it.each(everywhere)('navigation to %s is prevented (main frame, any frame, redirect)', (url) => {
    for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      const event = fakeEvent({ url, isMainFrame: name !== 'will-frame-navigate' });
      contents.emit(name, event, url);
      expect(event.defaultPrevented(), name).toBe(true);
    }
    expect(mayNavigate(url)).toBe(false);
  });

  it.each(everywhere)('window.open(%s) is denied and nothing is opened outside', (url) => {
    expect(contents.windowOpenHandler!({ url })).toEqual({ action: 'deny' });
    expect(fakeShell.openExternal).not.toHaveBeenCalled();
  });

  it('refuses to attach a <webview>', () => {
    const event = fakeEvent();
    contents.emit('will-attach-webview', event, {}, { src: 'https://example.com/' });
    expect(event.defaultPrevented()).toBe(true);
  });

  it('hardens every webContents Electron creates, and its session if main has not', () => {
    const created = new FakeWebContents();
    hardenEveryWebContents(log);
    fakeApp.emit('web-contents-created', fakeEvent(), created);
    expect(created.setWindowOpenHandler).toHaveBeenCalled();
    expect(created.listenerCount('will-navigate')).toBe(1);
    expect(created.session.check('notifications', 'app://desk')).toBe(false);
    expect(created.session.blocks('https://example.com/')).toBe(true);
    fakeApp.removeAllListeners('web-contents-created');
  });
});

describe('shell.openExternal is never called with anything', () => {
  it('no source file of main/ or renderer/ opens an external URL or imports shell', async () => {
    const offenders: string[] = [];
    const visit = async (dir: string): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) await visit(full);
        else if (/\.(ts|tsx)$/.test(entry.name)) {
          const text = await readFile(full, 'utf8');
          if (/openExternal\s*\(|\{[^}]*\bshell\b[^}]*\}\s*from\s*'electron'/.test(text)) offenders.push(path.relative(projectRoot, full));
        }
      }
    };
    await visit(path.join(projectRoot, 'main'));
    await visit(path.join(projectRoot, 'renderer'));
    expect(offenders).toEqual([]);
  });
});

const everyPermission = [
  'clipboard-read', 'clipboard-sanitized-write', 'display-capture', 'fullscreen', 'geolocation', 'idle-detection', 'media',
  'mediaKeySystem', 'midi', 'midiSysex', 'notifications', 'pointerLock', 'keyboardLock', 'openExternal', 'speaker-selection',
  'storage-access', 'top-level-storage-access', 'window-management', 'unknown', 'fileSystem', 'hid', 'serial', 'usb',
  'background-sync', 'sensors', 'screen-wake-lock',
];

describe('permissions: every request and check is refused, save persistent storage for the storage host', () => {
  const log = vi.fn();

  it.each(['persistent-storage', ...everyPermission])('the UI session refuses %s, asked or checked', (permission) => {
    const session = new FakeSession();
    hardenSession(asSession(session), { mayRequest: mayUiRequest }, log);
    expect(session.request(permission, 'app://desk/index.html')).toBe(false);
    expect(session.check(permission, 'app://desk')).toBe(false);
  });

  it.each(everyPermission)('the storage host session refuses %s', (permission) => {
    const session = new FakeSession();
    hardenSession(asSession(session), { grants: STORAGE_HOST_PERMISSIONS, mayRequest: mayStorageHostRequest }, log);
    expect(session.request(permission, 'app://desk/storage-host.html')).toBe(false);
    expect(session.check(permission, 'app://desk')).toBe(false);
  });

  it('the storage host session grants persistent storage to app://desk, asked or checked', () => {
    const session = new FakeSession();
    hardenSession(asSession(session), { grants: STORAGE_HOST_PERMISSIONS, mayRequest: mayStorageHostRequest }, log);
    expect(session.request('persistent-storage', 'app://desk/storage-host.html')).toBe(true);
    expect(session.check('persistent-storage', 'app://desk')).toBe(true);
    expect(STORAGE_HOST_PERMISSIONS).toEqual(['persistent-storage']);
  });

  it.each(misleadingUrls)('persistent storage is refused to %s', (origin) => {
    expect(isPermissionGranted('persistent-storage', origin, STORAGE_HOST_PERMISSIONS)).toBe(false);
  });

  it('no device (HID, serial, USB) is ever granted', () => {
    const session = new FakeSession();
    hardenSession(asSession(session), { mayRequest: mayUiRequest }, log);
    expect(session.devicePermissionHandler!({ deviceType: 'usb', origin: 'app://desk' })).toBe(false);
  });

  it('keeps the first policy a session was given', () => {
    const session = new FakeSession();
    hardenSession(asSession(session), { grants: STORAGE_HOST_PERMISSIONS, mayRequest: mayStorageHostRequest }, log);
    hardenSession(asSession(session), { mayRequest: mayUiRequest }, log);
    expect(session.setPermissionCheckHandler).toHaveBeenCalledOnce();
    expect(session.blocks('data:text/plain,x')).toBe(true);
  });
});

describe('network: the storage host reaches nothing but app://desk', () => {
  const blockedEverywhere = misleadingUrls.filter((url) => !/^(data|blob|devtools):/i.test(url));

  it.each([...misleadingUrls])('the storage host session blocks %s', (url) => {
    const session = new FakeSession();
    hardenSession(asSession(session), { grants: STORAGE_HOST_PERMISSIONS, mayRequest: mayStorageHostRequest }, vi.fn());
    expect(session.blocks(url)).toBe(true);
    expect(mayStorageHostRequest(url)).toBe(false);
  });

  it.each(['app://desk/storage-host.html', 'app://desk/assets/storage-host-DVD2nFpQ.js'])('the storage host loads its own %s', (url) => {
    const session = new FakeSession();
    hardenSession(asSession(session), { grants: STORAGE_HOST_PERMISSIONS, mayRequest: mayStorageHostRequest }, vi.fn());
    expect(session.blocks(url)).toBe(false);
  });

  it.each(blockedEverywhere)('the UI session blocks %s too', (url) => {
    expect(mayUiRequest(url)).toBe(false);
  });

  it.each(['app://desk/index.html', 'data:image/png;base64,iVBORw0KGgo=', 'blob:app://desk/0f2e1c6a'])('the UI may load %s', (url) => {
    expect(mayUiRequest(url)).toBe(true);
  });
});

describe('downloads: only the UI\'s own CSV exports', () => {
  const uiSession = () => {
    const session = new FakeSession();
    hardenSession(asSession(session), { mayRequest: mayUiRequest, mayDownload: mayUiDownload }, vi.fn());
    return session;
  };

  it('the UI may save a CSV it made itself (a blob: of app://desk)', () => {
    expect(uiSession().refusesDownload('blob:app://desk/0f2e1c6a-0000-4000-8000-000000000000')).toBe(false);
  });

  it('saves an export in the downloads folder with no dialog, as the screen says, and never over a file already there', () => {
    const session = new FakeSession();
    hardenSession(asSession(session), { mayRequest: mayUiRequest, mayDownload: mayUiDownload, downloadsFolder: '/home/desk/Downloads' }, vi.fn());
    expect(session.download('blob:app://desk/0f2e1c6a-0000-4000-8000-000000000000', 'attendance-2026-12-07.csv'))
      .toEqual({ allowed: true, savedAt: expect.stringMatching(/^\/home\/desk\/Downloads\/attendance-2026-12-07( \(\d+\))?\.csv$/) });
    const taken = new Set(['/d/attendance.csv', '/d/attendance (1).csv']);
    expect(freeDownloadPath('/d', 'attendance.csv', (file) => taken.has(file))).toBe('/d/attendance (2).csv');
    expect(freeDownloadPath('/d', '../../etc/passwd', () => false)).toBe('/d/passwd');
  });

  it.each([
    ...misleadingUrls.filter((url) => !url.startsWith('blob:app://desk/')),
    'blob:https://evil.example/0f2e1c6a',
    'blob:app://desk.evil.com/0f2e1c6a',
    'blob:null/0f2e1c6a',
    'app://desk/index.html',
  ])('the UI may not download %s', (url) => {
    expect(uiSession().refusesDownload(url)).toBe(true);
    expect(mayUiDownload(url)).toBe(false);
  });

  it('the storage host downloads nothing', () => {
    const session = new FakeSession();
    hardenSession(asSession(session), { grants: STORAGE_HOST_PERMISSIONS, mayRequest: mayStorageHostRequest }, vi.fn());
    expect(session.refusesDownload('blob:app://desk/0f2e1c6a')).toBe(true);
  });
});
