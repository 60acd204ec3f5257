// Everything the desk refuses, in one place (Electron's security checklist): every window is
// sandboxed with context isolation and no Node; the UI comes only from app://desk (the built
// renderer folder, behind a path check, with a strict CSP), never from file://; no page may
// navigate, open a window, attach a webview or get a permission, save the one the storage host
// needs (persistent storage); the storage host's session reaches nothing but app://desk.
// The functions that decide are pure and exported (test/unit/electron/security.test.ts); the
// ones that install them on Electron objects are thin.
//
// There are no external links in the desk, so nothing here calls `shell.openExternal`: a
// link or window.open to anywhere is simply refused. Should one ever be needed, open it from
// an explicit allow-list of exact URLs, never from a URL the page supplies.
import { app, protocol } from 'electron';
import type { Session, WebContents, WebPreferences } from 'electron';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

type Log = (line: string) => void;

export const APP_SCHEME = 'app';
export const APP_HOST = 'desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * Scripts only from the app's own files; nothing may be fetched, framed or posted anywhere else.
 * 'unsafe-inline' is for styles only (React's style props); no 'unsafe-eval', no inline script.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Every window's webPreferences start from these (main/electron/windows.ts). */
export const HARDENED_WEB_PREFERENCES: Readonly<WebPreferences> = Object.freeze({
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webviewTag: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
  spellcheck: false,
});

/**
 * What the storage host's session grants, to app://desk only: persistent storage, so that
 * Chromium never evicts the desk's IndexedDB under disk pressure (Electron passes Chromium's
 * DURABLE_STORAGE as 'persistent-storage', a name its types do not list). Nothing else.
 */
export const STORAGE_HOST_PERMISSIONS: readonly string[] = Object.freeze(['persistent-storage']);

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

// ---------------------------------------------------------------------------------------------
// Decisions (pure)

/**
 * True for a URL of the desk's own pages, and for the origin `app://desk` itself (permission
 * checks name the origin). Parsed, never compared as a prefix: `app://desk.evil.com`,
 * `app://desk@evil.com`, `app://desk:1/` and `app://user@desk/` are other places.
 */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === `${APP_SCHEME}:` && parsed.hostname === APP_HOST && parsed.port === ''
    && parsed.username === '' && parsed.password === '';
}

/**
 * Renderer file names are vite's output (`index.html`, `assets/index-BzGQEJsc.js`): each path
 * segment is letters, digits, dot, dash or underscore, and never `.` or `..`.
 */
const SAFE_SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

/**
 * The file an app:// URL names inside `root`, or null. Belt and braces: the decoded path must be
 * made of safe segments only (so `%2e%2e/`, `..%2f`, a double-encoded `%252e`, backslashes,
 * drive letters, NUL bytes and empty segments are all refused outright), and the resolved file
 * must still lie inside the folder. The query string and fragment play no part.
 */
export function rendererFileFor(root: string, url: string): string | null {
  if (!isAppUrl(url)) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null;
  }
  if (pathname === '' || pathname === '/') pathname = '/index.html';
  if (!pathname.startsWith('/')) return null;
  const segments = pathname.slice(1).split('/');
  if (!segments.every((segment) => SAFE_SEGMENT.test(segment))) return null;
  const folder = path.resolve(root);
  const file = path.resolve(folder, ...segments);
  const inside = path.relative(folder, file);
  if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) return null;
  return file;
}

/**
 * The desk is one page per window and never goes anywhere else: main loads each window's page
 * itself (loadURL does not ask this), and every navigation a page starts is refused — including
 * to app://desk, so that a page cannot swap itself for the other window's page.
 */
export function mayNavigate(_url: string): boolean {
  return false;
}

/**
 * May a session that grants `granted` give `permission` to `origin`? Only a listed permission,
 * and only to the app's own origin (compared parsed: see isAppUrl).
 */
export function isPermissionGranted(permission: string, origin: string, granted: readonly string[]): boolean {
  return granted.includes(permission) && isAppUrl(origin);
}

/**
 * The storage host's network: its own app:// files and nothing else (no http, https, ws, file,
 * data, blob, ftp, devtools...). Its data leaves only through main's MessagePort.
 */
export function mayStorageHostRequest(url: string): boolean {
  return isAppUrl(url);
}

/**
 * The UI's network: its own files, plus the inline images (data:) and object URLs (blob:) a page
 * makes for itself, and DevTools' own pages when someone at the desk opens them. Everything the
 * UI needs from elsewhere (sync included) comes through main.
 */
export function mayUiRequest(url: string): boolean {
  if (isAppUrl(url)) return true;
  const scheme = url.slice(0, url.indexOf(':') + 1).toLowerCase();
  return scheme === 'data:' || scheme === 'blob:' || scheme === 'devtools:';
}

/**
 * Downloads the UI may start: the CSV exports it makes itself (renderer/export/downloadCsv.ts:
 * a blob: URL of its own origin, saved where the person at the desk chooses). Nothing else.
 */
export function mayUiDownload(url: string): boolean {
  return url.toLowerCase().startsWith('blob:') && isAppUrl(url.slice('blob:'.length));
}

// ---------------------------------------------------------------------------------------------
// Installing them

/**
 * Before `ready` only: Chromium fixes a scheme's privileges at startup, and the sandbox for
 * every renderer. `standard` gives app://desk a real origin (IndexedDB is disabled for
 * non-standard schemes), `secure` makes it a secure context, `supportFetchAPI` lets a page fetch
 * its own files. Not `corsEnabled` (other origins stay unable to read app:// responses), not
 * `bypassCSP`.
 */
export function prepareBeforeReady(): void {
  app.enableSandbox();
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves app://desk/... from the built renderer folder, on one session. */
export function serveRenderer(session: Session, root: string): void {
  session.protocol.handle(APP_SCHEME, async (request) => {
    const headers = { 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff' };
    const file = request.method === 'GET' || request.method === 'HEAD' ? rendererFileFor(root, request.url) : null;
    if (!file) return new Response('Not found', { status: 404, headers });
    try {
      const body = await readFile(file);
      const contentType = contentTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
      return new Response(body, { status: 200, headers: { ...headers, 'Content-Type': contentType } });
    } catch {
      return new Response('Not found', { status: 404, headers });
    }
  });
}

export type SessionPolicy = {
  /** Permissions this session grants to app://desk (default: none). */
  grants?: readonly string[];
  /** Which requests the session's pages may make at all. */
  mayRequest: (url: string) => boolean;
  /** Which downloads the session's pages may start (default: none). */
  mayDownload?: (url: string) => boolean;
  /**
   * Where an allowed download is saved, with no dialog: the screen says "Exported to the file …
   * in your downloads" (renderer/export/useExportNote.tsx), so it must be there, under that name
   * or, when the name is taken, with " (1)" and so on before its extension, as a browser does.
   */
  downloadsFolder?: string;
};

/** `fileName` in `folder`, or the first of "name (1).ext", "name (2).ext"… that is free. */
export function freeDownloadPath(folder: string, fileName: string, exists: (file: string) => boolean = existsSync): string {
  const safe = path.basename(fileName) || 'export.csv';
  const extension = path.extname(safe);
  const stem = safe.slice(0, safe.length - extension.length);
  let candidate = path.join(folder, safe);
  for (let copy = 1; exists(candidate) && copy < 1000; copy += 1) candidate = path.join(folder, `${stem} (${copy})${extension}`);
  return candidate;
}

const hardenedSessions = new WeakSet<Session>();

/**
 * Permissions (requests and synchronous checks, both: Chromium asks either way), devices and
 * network for one session. Idempotent: a session keeps the first policy it was given.
 */
export function hardenSession(session: Session, policy: SessionPolicy, log: Log): void {
  if (hardenedSessions.has(session)) return;
  hardenedSessions.add(session);
  const grants = policy.grants ?? [];
  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    const origin = details.requestingUrl || contents.getURL();
    const granted = isPermissionGranted(permission, origin, grants);
    if (!granted) log(`security: refused the permission ${permission} to ${origin}`);
    callback(granted);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isPermissionGranted(permission, requestingOrigin, grants));
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = policy.mayRequest(details.url);
    if (!allowed) log(`security: blocked a request to ${details.url}`);
    callback({ cancel: !allowed });
  });
  session.on('will-download', (event, item) => {
    if (policy.mayDownload?.(item.getURL())) {
      if (policy.downloadsFolder) item.setSavePath(freeDownloadPath(policy.downloadsFolder, item.getFilename()));
      return;
    }
    event.preventDefault();
    log(`security: refused a download of ${item.getURL()}`);
  });
}

/** Navigation, new windows and webviews, for one webContents. */
export function hardenWebContents(contents: WebContents, log: Log): void {
  // will-frame-navigate covers subframes too; will-navigate and will-redirect are kept as well,
  // so that no path around one of them is left open.
  contents.on('will-navigate', (event) => {
    if (mayNavigate(event.url)) return;
    event.preventDefault();
    log(`security: refused navigation to ${event.url}`);
  });
  contents.on('will-frame-navigate', (event) => {
    if (mayNavigate(event.url)) return;
    event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (mayNavigate(event.url)) return;
    event.preventDefault();
    log(`security: refused a redirect to ${event.url}`);
  });
  contents.setWindowOpenHandler(({ url }) => {
    log(`security: refused a new window for ${url}`);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('security: refused a webview');
  });
}

/**
 * Applied to every webContents Electron ever creates, so that a window added later is hardened
 * without anyone remembering to. A session main did not harden itself (there should be none)
 * gets no permissions and no network.
 */
export function hardenEveryWebContents(log: Log): void {
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, log);
    hardenSession(contents.session, { mayRequest: mayStorageHostRequest }, log);
  });
}
