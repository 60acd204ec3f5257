// The browser desk's bridges end to end: an RxDatabase in Node on the storage host page's
// Dexie storage (Debian's Chromium, a real profile on disk) through deskHttpServer, plus the
// server's gatekeeping and the API socket's protocol.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { WebSocket } from 'ws';
import { createRxDatabase } from 'rxdb';
import type { RxCollection, RxDatabase, RxStorage } from 'rxdb';
import { startDeskHttpServer } from '../../main/browser/deskHttpServer';
import type { DeskHttpServer } from '../../main/browser/deskHttpServer';
import type { StorageConnection } from '../../main/deskHost';
import { launchChromium } from '../e2e/chromium';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

type Item = { id: string; n: number };
type ItemsDatabase = RxDatabase<{ items: RxCollection<Item> }>;
const itemSchema = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: { id: { type: 'string', maxLength: 50 }, n: { type: 'number' } },
  required: ['id', 'n'],
} as const;

let workDir = '';
let server: DeskHttpServer;
const logLines: string[] = [];
const arrivals: StorageConnection[] = [];
let wakeArrival = () => {};

async function openItems(storage: RxStorage<unknown, unknown>): Promise<ItemsDatabase> {
  const db = await createRxDatabase<{ items: RxCollection<Item> }>({ name: 'bridgetest', storage, multiInstance: false });
  await db.addCollections({ items: { schema: itemSchema } });
  return db;
}

async function nextConnection(): Promise<StorageConnection> {
  while (arrivals.length === 0) await within(15_000, new Promise<void>((resolve) => { wakeArrival = resolve; }), 'a storage host to connect');
  return arrivals.shift()!;
}

/** Fails with a sentence instead of hanging until the test's timeout. */
async function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`waited ${ms} ms for ${what}`)), ms); });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function settled(promise: Promise<unknown>): Promise<'resolved' | 'rejected'> {
  return promise.then(() => 'resolved' as const, () => 'rejected' as const);
}

function socketTo(pathAndQuery: string, origin = server.origin): WebSocket {
  return new WebSocket(`ws://127.0.0.1:${server.port}${pathAndQuery}`, { origin });
}

function closeCode(socket: WebSocket): Promise<number> {
  return within(5_000, new Promise((resolve) => socket.once('close', (code) => resolve(code))), 'the socket to close');
}

function nextMessage(socket: WebSocket): Promise<unknown> {
  return within(5_000, new Promise((resolve) => socket.once('message', (data) => resolve(JSON.parse(String(data))))), 'a message');
}

beforeAll(async () => {
  workDir = await mkdtemp(path.join(os.tmpdir(), 'desk-bridge-'));
  const rendererDir = path.join(workDir, 'renderer');
  // Built fresh: the page must run the same rxdb as Node (else RM1), and a stale dist/ would hide that.
  await build({ root: projectRoot, configFile: path.join(projectRoot, 'vite.config.ts'), mode: 'production', logLevel: 'error', build: { outDir: rendererDir } });
  server = await startDeskHttpServer({ port: 0, rendererDir, log: (line) => logLines.push(line) });
  server.storageBridge.onConnection((connection) => {
    arrivals.push(connection);
    wakeArrival();
  });
});

afterAll(async () => {
  await server?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('storage bridge to the storage host page', () => {
  it('keeps documents written from Node across closing and relaunching Chromium on the same profile', async () => {
    const profile = path.join(workDir, 'profile');
    let chromium = await launchChromium({ userDataDir: profile });
    await (await chromium.context.newPage()).goto(server.storageHostUrl);
    let connection = await nextConnection();
    let db = await openItems(connection.storage);
    await db.items.bulkInsert(Array.from({ length: 20 }, (_, n) => ({ id: `item-${String(n).padStart(2, '0')}`, n })));
    await db.items.insert({ id: 'single', n: 100 });
    await db.close();
    await chromium.close();
    await within(5_000, connection.closed, 'the connection to close with the browser');

    chromium = await launchChromium({ userDataDir: profile });
    try {
      await (await chromium.context.newPage()).goto(server.storageHostUrl);
      connection = await nextConnection();
      db = await openItems(connection.storage);
      const docs = await db.items.find({ sort: [{ id: 'asc' }] }).exec();
      expect(docs.map((doc) => doc.n)).toEqual([...Array.from({ length: 20 }, (_, n) => n), 100]);
      await db.close();
    } finally {
      await chromium.close();
    }
    expect(logLines.some((line) => /^storage host: connected \(storage (persistent|best-effort)/.test(line))).toBe(true);
  });

  it('answers every call once the page closes: writes fail, db.close() completes, the database reopens', async () => {
    const chromium = await launchChromium();
    try {
      const page = await chromium.context.newPage();
      await page.goto(server.storageHostUrl);
      const connection = await nextConnection();
      const db = await openItems(connection.storage);
      await db.items.insert({ id: 'before', n: 1 });
      const inFlight = settled(db.items.bulkInsert(Array.from({ length: 500 }, (_, n) => ({ id: `burst-${n}`, n }))));
      await page.close();
      await within(5_000, connection.closed, 'the connection to close with the page');
      await within(5_000, inFlight, 'a write in flight to settle (its outcome is unknown)');
      await expect(within(5_000, db.items.insert({ id: 'after', n: 2 }), 'a write after the close to settle'))
        .rejects.toThrow('the storage host is disconnected: bulkWrite was not sent');
      await within(5_000, db.close(), 'db.close() to complete');

      // The same database opens again on the next connection: nothing was left half-open.
      await (await chromium.context.newPage()).goto(server.storageHostUrl);
      const again = await openItems((await nextConnection()).storage);
      expect(await again.items.findOne('before').exec()).not.toBeNull();
      await again.close();
    } finally {
      await chromium.close();
    }
  });

  it('refuses a second storage host while one is live (4409)', async () => {
    const first = socketTo(`/ws/storage?s=${server.secret}`);
    const firstConnection = await nextConnection();
    const second = socketTo(`/ws/storage?s=${server.secret}`);
    expect(await closeCode(second)).toBe(4409);
    first.close();
    await within(5_000, firstConnection.closed, 'the first storage host to leave');
  });
});

describe('desk http server', () => {
  it.each([
    ['storage, wrong secret', '/ws/storage?s=wrong'],
    ['storage, no secret', '/ws/storage'],
    ['api, wrong secret', '/ws/api?s=wrong'],
  ])('closes a socket without this launch\'s secret with 4401 (%s)', async (_, pathAndQuery) => {
    expect(await closeCode(socketTo(pathAndQuery))).toBe(4401);
  });

  it('refuses the handshake from another origin', async () => {
    const socket = socketTo(`/ws/api?s=${server.secret}`, 'http://evil.example');
    const status = await within(5_000, new Promise<number>((resolve) => socket.once('unexpected-response', (_, response) => resolve(response.statusCode ?? 0))), 'the refusal');
    expect(status).toBe(403);
  });

  it.each([
    ['the storage host page', '/storage-host.html', undefined, 200],
    ['a path out of the folder', '/../package.json', undefined, 404],
    ['an encoded path out of the folder', '/..%2f..%2fpackage.json', undefined, 404],
    ['a NUL byte', '/index.html%00', undefined, 404],
    ['another host name (DNS rebinding)', '/index.html', 'evil.example', 403],
    ['localhost, sent to the one origin', '/index.html', 'localhost', 308],
  ])('answers %s', async (_, rawPath, hostName, expected) => {
    const response = await get(rawPath, hostName ? `${hostName}:${server.port}` : undefined);
    expect(response.status).toBe(expected);
    if (expected === 200) expect(response.headers['content-security-policy']).toContain("script-src 'self'");
  });
});

describe('API socket', () => {
  it('answers malformed messages with invalid-input and keeps the socket open', async () => {
    const page = socketTo(`/ws/api?s=${server.secret}`);
    await within(5_000, new Promise((resolve) => page.once('open', resolve)), 'the socket to open');
    page.send('not json');
    expect(await nextMessage(page)).toMatchObject({ id: null, result: { ok: false, error: 'invalid-input' } });
    page.send(JSON.stringify({ name: 'deskStatus', payload: {} }));
    expect(await nextMessage(page)).toMatchObject({ id: null, result: { ok: false, error: 'invalid-input' } });
    page.close();
  });

  it('holds a call until main installs its handler, then answers it; events reach every page', async () => {
    const pages = [socketTo(`/ws/api?s=${server.secret}`), socketTo(`/ws/api?s=${server.secret}`)];
    await Promise.all(pages.map((page) => within(5_000, new Promise((resolve) => page.once('open', resolve)), 'the socket to open')));
    const answer = nextMessage(pages[0]!);
    pages[0]!.send(JSON.stringify({ id: 1, name: 'deskStatus', payload: {} }));
    await new Promise((resolve) => setTimeout(resolve, 200));
    server.apiBridge.handle(async (name, payload) => ({ ok: true, name, payload }));
    expect(await answer).toEqual({ id: 1, result: { ok: true, name: 'deskStatus', payload: {} } });

    const events = pages.map((page) => nextMessage(page));
    server.apiBridge.emit('changed', { collections: ['ledger'] });
    for (const event of await Promise.all(events)) expect(event).toEqual({ event: 'changed', data: { collections: ['ledger'] } });
    for (const page of pages) page.close();
  });
});

/** A raw GET (fetch would normalise the path and refuse to set Host). */
function get(rawPath: string, host?: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path: rawPath, headers: host ? { host } : {} }, (response) => {
      response.resume();
      resolve({ status: response.statusCode ?? 0, headers: response.headers });
    });
    req.on('error', reject);
    req.end();
  });
}
