// The storage connection over a MessagePort (main/electron/storage.electron.ts on the core of
// main/bridge/storageChannel.ts), with RxDB's own
// remote storage in front and `exposeRxStorageRemote` on RxDB's memory storage behind a Node
// MessageChannel (the same API shape as Electron's MessagePortMain). What a crash of the
// storage host means for writes, and how a hung host is found.
import { MessageChannel } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { EventEmitter } from 'node:events';
import { Subject } from 'rxjs';
import { createRxDatabase } from 'rxdb';
import type { RxCollection, RxDatabase, RxStorage } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { exposeRxStorageRemote } from 'rxdb/plugins/storage-remote';
import type { MessageFromRemote, MessageToRemote } from 'rxdb/plugins/storage-remote';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StoragePort } from '../../../main/electron/storage.electron';
import { connectionOverPort } from '../../../main/electron/storage.electron';

// The adapter lives beside Electron's MessageChannelMain; the port itself is Node's here.
vi.mock('electron', async () => (await import('./fakeElectron')).fakeElectron);

type Item = { id: string; n: number };
type ItemsDatabase = RxDatabase<{ items: RxCollection<Item> }>;
const itemSchema = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: { id: { type: 'string', maxLength: 50 }, n: { type: 'number' } },
  required: ['id', 'n'],
} as const;

/** Node's MessagePort as Electron's MessagePortMain: 'message' listeners get `{ data }`. */
function asElectronPort(port: MessagePort): StoragePort {
  return {
    postMessage: (message) => port.postMessage(message),
    on(event: 'message' | 'close', listener: (event: { data: unknown }) => void) {
      if (event === 'message') port.on('message', (data: unknown) => listener({ data }));
      else port.on('close', () => (listener as () => void)());
      return this;
    },
    start: () => port.start(),
    close: () => port.close(),
  } as StoragePort;
}

/**
 * The storage host page: RxDB's exposeRxStorageRemote on one shared memory storage (its data
 * outlives a "crash", as IndexedDB outlives the renderer). `dropWriteAnswers` loses the answers
 * to writes, as a page that dies right after committing would; `deaf` stops it hearing anything.
 */
const pageStorage = getRxStorageMemory();
function storageHostPage(port: MessagePort, options: { dropWriteAnswers?: () => boolean; deaf?: () => boolean } = {}) {
  const messages$ = new Subject<MessageToRemote>();
  port.on('message', (message: MessageToRemote) => {
    if (!options.deaf?.()) messages$.next(message);
  });
  port.on('close', () => messages$.complete());
  exposeRxStorageRemote({
    storage: pageStorage,
    messages$,
    send: (message: MessageFromRemote) => {
      if (message.method === 'bulkWrite' && options.dropWriteAnswers?.()) return;
      port.postMessage(message);
    },
  });
}

async function openItems(storage: RxStorage<unknown, unknown>, name: string): Promise<ItemsDatabase> {
  const db = await createRxDatabase<{ items: RxCollection<Item> }>({ name, storage, multiInstance: false, closeDuplicates: true });
  await db.addCollections({ items: { schema: itemSchema } });
  return db;
}

function settled(promise: Promise<unknown>): Promise<{ outcome: 'resolved' } | { outcome: 'rejected'; message: string }> {
  return promise.then(() => ({ outcome: 'resolved' as const }), (error: unknown) => ({ outcome: 'rejected' as const, message: String(error instanceof Error ? error.message : error) }));
}

const channels: MessageChannel[] = [];
function channel(): MessageChannel {
  const made = new MessageChannel();
  channels.push(made);
  return made;
}

afterEach(() => {
  for (const made of channels.splice(0)) {
    made.port1.close();
    made.port2.close();
  }
  vi.useRealTimers();
});

describe('writes across a storage host crash', () => {
  it('a write whose answer was lost is reported unknown, and its retry with the same id answers CONFLICT: it had landed', async () => {
    const first = channel();
    let dropWriteAnswers = false;
    storageHostPage(first.port2, { dropWriteAnswers: () => dropWriteAnswers });
    const connection = connectionOverPort(asElectronPort(first.port1), 'test-crash-1');
    const db = await openItems(connection.storage, 'crashdb');

    // The page commits the write but dies before answering.
    dropWriteAnswers = true;
    const write = settled(db.items.insert({ id: 'check-in-1', n: 1 }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    first.port2.close();
    await connection.closed;
    expect(await write).toEqual({ outcome: 'rejected', message: expect.stringContaining('outcome is unknown') });

    // Nothing hangs: writes after the crash fail at once, and the database closes.
    expect(await settled(db.items.insert({ id: 'later', n: 2 }))).toEqual({ outcome: 'rejected', message: expect.stringContaining('was not sent') });
    await db.close();

    // The restarted page, the database reopened: retrying the same entry says it is already there.
    const second = channel();
    storageHostPage(second.port2);
    const reconnected = connectionOverPort(asElectronPort(second.port1), 'test-crash-2');
    const again = await openItems(reconnected.storage, 'crashdb');
    const retry = await again.items.insert({ id: 'check-in-1', n: 1 }).then(() => null, (error: { code?: string }) => error);
    expect(retry?.code).toBe('CONFLICT');
    expect((await again.items.find().exec()).map((doc) => doc.id)).toEqual(['check-in-1']);
    await again.close();
  });

  it('a write that never reached the page is reported unknown too, and a retry lands it once', async () => {
    const first = channel();
    let deaf = false;
    storageHostPage(first.port2, { deaf: () => deaf });
    const connection = connectionOverPort(asElectronPort(first.port1), 'test-lost-1');
    const db = await openItems(connection.storage, 'lostdb');
    await db.items.insert({ id: 'acknowledged', n: 0 });

    deaf = true;
    const write = settled(db.items.insert({ id: 'check-in-2', n: 2 }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    connection.close();
    expect(await write).toEqual({ outcome: 'rejected', message: expect.stringContaining('outcome is unknown') });
    await db.close();

    const second = channel();
    storageHostPage(second.port2);
    const again = await openItems(connectionOverPort(asElectronPort(second.port1), 'test-lost-2').storage, 'lostdb');
    await again.items.insert({ id: 'check-in-2', n: 2 });
    expect((await again.items.find({ sort: [{ id: 'asc' }] }).exec()).map((doc) => doc.id)).toEqual(['acknowledged', 'check-in-2']);
    await again.close();
  });
});

describe('the heartbeat', () => {
  it('is answered by exposeRxStorageRemote itself, and a live page is never taken for hung', async () => {
    const live = channel();
    storageHostPage(live.port2);
    const onHung = vi.fn();
    const connection = connectionOverPort(asElectronPort(live.port1), 'test-live', { intervalMs: 20, timeoutMs: 150, onHung });
    const db = await openItems(connection.storage, 'livedb');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(onHung).not.toHaveBeenCalled();
    // The heartbeat's answers do not disturb RxDB's.
    await db.items.insert({ id: 'a', n: 1 });
    expect(await db.items.count().exec()).toBe(1);
    await db.close();
    connection.close();
  });

  it('finds a page that stops answering, closes the connection and answers what waits', async () => {
    const hung = channel();
    let deaf = false;
    storageHostPage(hung.port2, { deaf: () => deaf });
    const onHung = vi.fn();
    const connection = connectionOverPort(asElectronPort(hung.port1), 'test-hung', { intervalMs: 20, timeoutMs: 200, onHung });
    const db = await openItems(connection.storage, 'hungdb');
    deaf = true;
    const write = settled(db.items.insert({ id: 'b', n: 2 }));
    await vi.waitFor(() => expect(onHung).toHaveBeenCalledOnce(), { timeout: 2_000 });
    await connection.closed;
    expect(connection.isOpen).toBe(false);
    expect(await write).toEqual({ outcome: 'rejected', message: expect.stringContaining('outcome is unknown') });
    await db.close();
  });

  it('pings on its interval with a custom request, and stops once closed', () => {
    vi.useFakeTimers();
    const port = Object.assign(new EventEmitter(), { postMessage: vi.fn(), start: vi.fn(), close: vi.fn() });
    const onHung = vi.fn();
    const connection = connectionOverPort(port as unknown as StoragePort, 'test-ping', { intervalMs: 1_000, timeoutMs: 5_000, onHung });
    vi.advanceTimersByTime(3_000);
    expect(port.postMessage).toHaveBeenCalledTimes(3);
    expect(port.postMessage).toHaveBeenLastCalledWith(expect.objectContaining({ method: 'custom', connectionId: 'desk-heartbeat' }));
    // An answer keeps it alive...
    port.emit('message', { data: { connectionId: 'desk-heartbeat', answerTo: 'desk-heartbeat|3', method: 'custom', error: {} } });
    vi.advanceTimersByTime(5_000);
    expect(onHung).not.toHaveBeenCalled();
    // ...silence does not.
    vi.advanceTimersByTime(2_000);
    expect(onHung).toHaveBeenCalledOnce();
    expect(port.close).toHaveBeenCalled();
    const sent = port.postMessage.mock.calls.length;
    vi.advanceTimersByTime(10_000);
    expect(port.postMessage).toHaveBeenCalledTimes(sent);
    expect(onHung).toHaveBeenCalledOnce();
    expect(connection.isOpen).toBe(false);
  });
});
