// The browser desk's loopback server: serves the built renderer (the UI page and the storage
// host page) and carries both bridges over WebSockets (/ws/storage, /ws/api).
//
// IndexedDB data belongs to the page's origin (scheme, host, port), so the server listens on
// a fixed port and sends every other spelling of the address to the one canonical origin;
// a different port or `localhost` would show an empty desk.
//
// Any local process can reach a loopback port and fake an Origin header, so every socket
// must also present this desk's secret, which only the pages we hand out carry (`?s=`). It is
// checked at the handshake, before anything the socket sends is read: a socket without it is
// told so in a close code and read no further (it could otherwise send a message of the
// largest size a venue file may have, and main would hold it in memory first).
// The Host check keeps DNS-rebinding pages out; the Origin check keeps other sites' pages
// in the user's browser out.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocketServer } from 'ws';
import { TAB_FORMAT, TAB_PARAM, TAB_SUPERSEDED, WRONG_SECRET } from '../../shared/schema/deskSocket';
import { deskSocketPaths } from '../../shared/schema/deskChannels';
import { DeskTabs } from './deskTabs';
import type { ServerOptions, WebSocket } from 'ws';
import { createWebSocketStorageBridge } from '../bridge/storage.websocket';
import type { WebSocketStorageBridge } from '../bridge/storage.websocket';
import { createWebSocketApiBridge } from '../bridge/api.websocket';
import type { WebSocketApiBridge } from '../bridge/api.websocket';

export const DEFAULT_DESK_PORT = 4780;
const HOST = '127.0.0.1';
export { WRONG_SECRET };
/** A venue file (up to 512 MiB of text) arrives as one API message: only from a socket with the secret. */
const MAX_MESSAGE_BYTES = 512 * 1024 * 1024;
/** A socket without the secret may send no more than its half of the closing handshake. */
const REFUSED_MAX_BYTES = 125;
/** How long a refused socket has to answer the close before it is cut off. */
const REFUSED_CLOSE_MS = 1_000;

const defaultRendererDir = fileURLToPath(new URL('../../dist/renderer/', import.meta.url));

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export type DeskHttpServerOptions = {
  /** Fixed so that the origin, and with it the IndexedDB data, stays the same; 0 picks a free port (tests). */
  port?: number;
  /** The Vite output; default dist/renderer/ of the project. */
  rendererDir?: string;
  /** Default: a new random secret for this launch. */
  secret?: string;
  log?: (line: string) => void;
};

export type DeskHttpServer = {
  /** The UI page, secret included: what a person opens. */
  url: string;
  /** The storage host page, secret included (the UI page frames it; tests open it directly). */
  storageHostUrl: string;
  origin: string;
  port: number;
  secret: string;
  storageBridge: WebSocketStorageBridge;
  apiBridge: WebSocketApiBridge;
  close(): Promise<void>;
};

export async function startDeskHttpServer(options: DeskHttpServerOptions = {}): Promise<DeskHttpServer> {
  const log = options.log ?? ((line: string) => console.log(line));
  const secret = options.secret ?? randomBytes(24).toString('base64url');
  const rendererDir = path.resolve(options.rendererDir ?? defaultRendererDir);
  if (!existsSync(path.join(rendererDir, 'index.html'))) log(`desk server: no built pages in ${rendererDir}; run npm run build:renderer`);
  const storageBridge = createWebSocketStorageBridge(log);
  const apiBridge = createWebSocketApiBridge({ log });
  const tabs = new DeskTabs(log);
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  // ws (8.19 on) takes closeTimeout; @types/ws 8.18 does not list it yet.
  const refusedOptions: ServerOptions & { closeTimeout: number } = { noServer: true, maxPayload: REFUSED_MAX_BYTES, closeTimeout: REFUSED_CLOSE_MS };
  const refusedSockets = new WebSocketServer(refusedOptions);
  const bridgeByPath: Record<string, (socket: WebSocket) => void> = {
    [deskSocketPaths.storage]: (socket) => storageBridge.accept(socket),
    [deskSocketPaths.api]: (socket) => apiBridge.accept(socket),
  };
  let port = options.port ?? DEFAULT_DESK_PORT;
  let origin = '';

  const server = createServer((request, response) => {
    const host = request.headers.host ?? '';
    if (host === `localhost:${port}`) {
      response.writeHead(308, { location: origin + (request.url ?? '/') }).end();
    } else if (host !== `${HOST}:${port}`) {
      response.writeHead(403).end('unknown host');
    } else {
      void serveFile(rendererDir, request, response, securityHeaders(port)).catch((error: unknown) => {
        log(`desk server: ${request.url}: ${String(error)}`);
        if (!response.headersSent) response.writeHead(500).end();
      });
    }
  });

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Until ws owns the socket, an error on it (a peer resetting) must not go unhandled.
    const beforeHandshake = (error: Error) => log(`desk server: socket error before the handshake: ${error.message}`);
    socket.on('error', beforeHandshake);
    const url = URL.canParse(request.url ?? '', origin) ? new URL(request.url ?? '', origin) : null;
    const accept = url ? bridgeByPath[url.pathname] : undefined;
    if (!url || !accept || request.headers.host !== `${HOST}:${port}` || request.headers.origin !== origin) {
      socket.end(`HTTP/1.1 ${accept ? '403 Forbidden' : '404 Not Found'}\r\nConnection: close\r\n\r\n`);
      return;
    }
    if (!sameSecret(url.searchParams.get('s') ?? '', secret)) {
      // The handshake completes so that the page can read why (a refused handshake is only
      // "1006" to a browser, the same as a desk that is not running), then the socket is
      // closed with a code that says retrying will not help. Its first frame larger than a
      // close frame cuts it off: nothing of a message is kept.
      refusedSockets.handleUpgrade(request, socket, head, (webSocket) => {
        socket.off('error', beforeHandshake);
        webSocket.on('error', () => webSocket.terminate());
        webSocket.close(WRONG_SECRET, 'wrong or missing secret');
      });
      return;
    }
    const tab = url.searchParams.get(TAB_PARAM);
    sockets.handleUpgrade(request, socket, head, (webSocket) => {
      socket.off('error', beforeHandshake);
      // A socket of a tab that another tab has replaced: told so, never served again.
      if (tab !== null && TAB_FORMAT.test(tab) && !tabs.admit(tab, webSocket)) webSocket.close(TAB_SUPERSEDED, 'another tab of the desk took over');
      else accept(webSocket);
    });
  });

  port = await listen(server, port);
  origin = `http://${HOST}:${port}`;
  log(`desk server: serving ${rendererDir} at ${origin}/`);

  return {
    url: `${origin}/?s=${secret}`,
    storageHostUrl: `${origin}/storage-host.html?s=${secret}`,
    origin,
    port,
    secret,
    storageBridge,
    apiBridge,
    async close() {
      for (const client of [...sockets.clients, ...refusedSockets.clients]) client.terminate();
      sockets.close();
      refusedSockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function listen(server: ReturnType<typeof createServer>, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new Error(`${HOST}:${port} is in use: is another desk running? (the port is fixed because the data belongs to it)`) : error);
    });
    server.listen({ port, host: HOST }, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

function sameSecret(given: string, secret: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

function securityHeaders(port: number): Record<string, string> {
  return {
    'content-security-policy': [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      `connect-src 'self' ws://${HOST}:${port}`,
      "img-src 'self' data:",
      "frame-src 'self'",
      // Only the desk itself may frame its pages (the UI frames the storage host).
      "frame-ancestors 'self'",
      "base-uri 'none'",
      "form-action 'none'",
    ].join('; '),
    'x-content-type-options': 'nosniff',
    // The secret is in the page's address: never send it anywhere in a Referer.
    'referrer-policy': 'no-referrer',
    'cross-origin-resource-policy': 'same-origin',
    // Revalidate, so that a rebuilt renderer is picked up on the next load.
    'cache-control': 'no-cache',
  };
}

/** Serves files under rendererDir only: decoded, resolved and checked to stay inside it. */
async function serveFile(rendererDir: string, request: IncomingMessage, response: ServerResponse, headers: Record<string, string>): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { ...headers, allow: 'GET, HEAD' }).end();
    return;
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://desk').pathname);
  } catch {
    response.writeHead(400, headers).end('bad path');
    return;
  }
  const file = path.resolve(rendererDir, '.' + (pathname.endsWith('/') ? pathname + 'index.html' : pathname));
  const inside = file.startsWith(rendererDir + path.sep) && !pathname.includes('\0');
  const found = inside && (await stat(file).catch(() => null))?.isFile();
  if (!found) {
    response.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' }).end('not found');
    return;
  }
  const body = await readFile(file);
  response.writeHead(200, {
    ...headers,
    'content-type': contentTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    'content-length': String(body.length),
  });
  response.end(request.method === 'HEAD' ? undefined : body);
}
