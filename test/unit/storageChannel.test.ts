// The storage bridge's one core (main/bridge/storageChannel.ts), driven over a transport that
// is neither a socket nor a port: the two adapters (main/bridge/storage.websocket.ts,
// main/electron/storage.electron.ts) only carry its messages. And every channel name and
// socket path between main and the pages is written once, in shared/schema/deskChannels.ts.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Subject } from 'rxjs';
import { createRxDatabase } from 'rxdb';
import type { RxCollection, RxDatabase } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { exposeRxStorageRemote } from 'rxdb/plugins/storage-remote';
import type { MessageFromRemote, MessageToRemote } from 'rxdb/plugins/storage-remote';
import { describe, expect, it } from 'vitest';
import type { StorageSignal } from '../../main/db/storageHealth';
import type { StorageConnection } from '../../main/deskHost';
import type { StorageChannel, StorageTransport } from '../../main/bridge/storageChannel';
import { openStorageChannel, storageConnectionOffers } from '../../main/bridge/storageChannel';
import { CHANNEL_CALL, CHANNEL_EVENT, CHANNEL_STORAGE_PORT, deskSocketPaths } from '../../shared/schema/deskChannels';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

type Item = { id: string; n: number };
const itemSchema = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: { id: { type: 'string', maxLength: 50 }, n: { type: 'number' } },
  required: ['id', 'n'],
} as const;

/**
 * A storage host page behind a transport of function calls: RxDB's exposeRxStorageRemote on
 * its memory storage. `deaf` stops the page hearing anything; `gone()` is the transport closing.
 */
function pageBehindCalls(identifier: string) {
  const toPage = new Subject<MessageToRemote>();
  let deaf = false;
  let open = true;
  let channel: StorageChannel | null = null;
  exposeRxStorageRemote({
    storage: getRxStorageMemory(),
    messages$: toPage,
    send: (message: MessageFromRemote) => {
      if (open) queueMicrotask(() => channel?.receive(structuredClone(message)));
    },
  });
  const transport: StorageTransport = {
    send: (message) => {
      if (!deaf) queueMicrotask(() => toPage.next(structuredClone(message)));
    },
    get isOpen() {
      return open;
    },
    close: () => { open = false; },
  };
  channel = openStorageChannel(transport, { identifier });
  return {
    channel,
    deafen: () => { deaf = true; },
    gone: () => {
      open = false;
      channel?.close();
    },
  };
}

function settled(promise: Promise<unknown>): Promise<{ outcome: 'resolved' } | { outcome: 'rejected'; message: string }> {
  return promise.then(() => ({ outcome: 'resolved' as const }), (error: unknown) => ({ outcome: 'rejected' as const, message: String(error instanceof Error ? error.message : error) }));
}

describe('one storage-channel core, whatever the transport', () => {
  it('carries RxDB\'s storage, and answers every request once the transport is gone: in flight "outcome unknown", later "not sent"', async () => {
    const page = pageBehindCalls('core-test-1');
    const db: RxDatabase<{ items: RxCollection<Item> }> = await createRxDatabase({ name: 'coredb', storage: page.channel.storage, multiInstance: false });
    await db.addCollections({ items: { schema: itemSchema } });
    await db.items.insert({ id: 'a', n: 1 });
    expect(await db.items.count().exec()).toBe(1);

    page.deafen();
    const inFlight = settled(db.items.insert({ id: 'b', n: 2 }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    page.gone();
    await page.channel.closed;
    expect(await inFlight).toEqual({ outcome: 'rejected', message: expect.stringContaining('outcome is unknown') });
    expect(await settled(db.items.insert({ id: 'c', n: 3 }))).toEqual({ outcome: 'rejected', message: expect.stringContaining('was not sent') });
    // Nothing hangs: the database closes.
    await db.close();
  });

  it('turns what the page reports into signals: its persistence, and its data deleted by the browser', async () => {
    const page = pageBehindCalls('core-test-2');
    const signals: StorageSignal[] = [];
    page.channel.signals?.subscribe((signal) => signals.push(signal));
    page.channel.receive({ hostReport: { persisted: false, usageBytes: 1, quotaBytes: 2 } });
    page.channel.receive({ storageLost: 'the browser closed the database' });
    page.channel.receive('not a message');
    page.channel.receive({ answerTo: 'desk-heartbeat|1', method: 'custom' });
    expect(signals).toEqual([{ kind: 'persistence', persisted: false }, { kind: 'lost', reason: 'the storage host says: the browser closed the database' }]);
    page.gone();
  });
});

describe('one readiness gate for a storage connection', () => {
  const connection = () => {
    let close = () => {};
    const closed = new Promise<void>((resolve) => { close = resolve; });
    return { connection: { storage: getRxStorageMemory(), closed } as StorageConnection, close };
  };

  it('a connection offered before the desk listens waits for it, and is handed over once', () => {
    const offers = storageConnectionOffers();
    const early = connection();
    offers.offer(early.connection);
    const taken: StorageConnection[] = [];
    offers.onConnection((next) => taken.push(next));
    const later = connection();
    offers.offer(later.connection);
    expect(taken).toEqual([early.connection, later.connection]);
  });

  it('a connection that closed while it waited is not handed over', async () => {
    const offers = storageConnectionOffers();
    const gone = connection();
    offers.offer(gone.connection);
    gone.close();
    await gone.connection.closed;
    const taken: StorageConnection[] = [];
    offers.onConnection((next) => taken.push(next));
    expect(taken).toEqual([]);
  });
});

async function sourceFiles(folder: string): Promise<string[]> {
  const entries = await readdir(path.join(projectRoot, folder), { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && /\.(ts|tsx)$/.test(entry.name))
    .map((entry) => path.relative(projectRoot, path.join(entry.parentPath, entry.name)));
}

describe('every channel name and socket path in one shared file', () => {
  const names = [CHANNEL_CALL, CHANNEL_EVENT, CHANNEL_STORAGE_PORT, deskSocketPaths.storage, deskSocketPaths.api];

  it('no file of main/, renderer/ or shared/ but shared/schema/deskChannels.ts spells one out', async () => {
    const files = (await Promise.all(['main', 'renderer', 'shared'].map(sourceFiles))).flat()
      .filter((file) => file !== path.join('shared', 'schema', 'deskChannels.ts'));
    const spelt: string[] = [];
    for (const file of files) {
      const text = await readFile(path.join(projectRoot, file), 'utf8');
      for (const name of names) {
        // A string literal of it, in any quotes (a comment may name a path).
        if (new RegExp(`['"\`]${name.replace(/[/:]/g, '\\$&')}['"\`?]`).test(text)) spelt.push(`${file}: ${name}`);
      }
    }
    expect(spelt).toEqual([]);
  });
});
