// Everything the desk refuses, in one place: the UI comes only from app://desk (the built
// renderer folder, with a path check and a strict CSP); no page may navigate, open windows,
// attach webviews or get a permission. Applied to every webContents Electron ever creates,
// so a window added later is hardened without anyone remembering to.
import { app, protocol } from 'electron';
import type { Session } from 'electron';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

// 'unsafe-inline' styles only: React's style props; scripts are the bundle's files, nothing else.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/**
 * Before `ready` only: Chromium fixes a scheme's privileges at startup. `standard` gives
 * app://desk a real origin (IndexedDB is disabled for non-standard schemes), `secure` makes
 * it a secure context, `supportFetchAPI` lets the page fetch its own files.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** True for a URL of the desk's own pages (the origin every IPC sender must have). */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/**
 * The file an app:// URL names inside `root`, or null. The check is made on the resolved path
 * (after percent-decoding), so `%2e%2e/`, encoded backslashes and absolute paths cannot leave
 * the folder.
 */
export function rendererFileFor(root: string, url: string): string | null {
  if (!isAppUrl(url)) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null;
  }
  if (pathname.endsWith('/')) pathname += 'index.html';
  const folder = path.resolve(root);
  const file = path.resolve(folder, `.${pathname}`);
  const inside = path.relative(folder, file);
  if (inside === '' || inside === '..' || inside.startsWith(`..${path.sep}`) || path.isAbsolute(inside)) return null;
  return file;
}

/** Serves app://desk/... from the built renderer folder, on one session. */
export function serveRenderer(session: Session, root: string): void {
  session.protocol.handle(APP_SCHEME, async (request) => {
    const headers = { 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff' };
    const file = rendererFileFor(root, request.url);
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

/** Denies navigation, new windows, webviews and permissions for every webContents, now and later. */
export function hardenEveryWebContents(log: (line: string) => void): void {
  app.on('web-contents-created', (_event, contents) => {
    // The desk is one page per window; a link or script that tries to leave it is refused.
    contents.on('will-navigate', (event) => {
      event.preventDefault();
      log(`security: refused navigation to ${event.url}`);
    });
    contents.setWindowOpenHandler(({ url }) => {
      log(`security: refused a new window for ${url}`);
      return { action: 'deny' };
    });
    contents.on('will-attach-webview', (event) => {
      event.preventDefault();
      log('security: refused a webview');
    });
    // Camera, notifications, clipboard reads...: the desk needs none (the handlers are per session).
    contents.session.setPermissionRequestHandler((_contents, permission, callback) => {
      log(`security: refused the permission ${permission}`);
      callback(false);
    });
    contents.session.setPermissionCheckHandler(() => false);
  });
}
