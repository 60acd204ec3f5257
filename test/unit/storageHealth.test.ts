// A full disk, exhausted quota or data the browser deleted is never answered as success nor as
// "something went wrong" (main/db/storageHealth.ts): the storage host's answers are read by the
// bridge, a command whose write was refused answers storage-full or storage-lost, and the
// desk's status carries it until a write is saved again.
import 'fake-indexeddb/auto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { Subject } from 'rxjs';
import type { RxStorage } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { exposeRxStorageRemote } from 'rxdb/plugins/storage-remote';
import type { MessageFromRemote, MessageToRemote } from 'rxdb/plugins/storage-remote';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DeskApiName, DeskEventName, DeskEvents, DeskStatus } from '../../shared/schema/api';
import { STORAGE_LOST_ERROR } from '../../shared/schema/deskSocket';
import { wordsIn } from '../../renderer/i18n/wordsIn';
import { parseVenueFileText } from '../../main/venue/readVenueFile';
import type { ApiBridge, RunningDesk, StorageBridge } from '../../main/deskHost';
import { runDesk } from '../../main/runDesk';
import { StorageHealthWatch, storageFailureOf } from '../../main/db/storageHealth';
import { connectionOverPort } from '../../main/electron/storage.electron';
import type { StoragePort } from '../../main/electron/storage.electron';
import type { StorageChannel as PortConnection } from '../../main/bridge/storageChannel';
import { venueFile } from '../electron/venue';

// The port adapter lives beside Electron's MessageChannelMain; the port itself is Node's here.
vi.mock('electron', async () => (await import('./electron/fakeElectron')).fakeElectron);

/** As RxDB's remote storage throws what the storage host answered (rx-storage-remote.ts). */
function remoteError(error: Record<string, unknown>, params: unknown = [[{ document: { id: 'x' } }], 'ctx']): Error {
  return new Error('could not requestRemote: ' + JSON.stringify({ methodName: 'bulkWrite', params, error }, null, 4));
}

describe('storageFailureOf', () => {
  it.each([
    ['IndexedDB\'s QuotaExceededError, as the page answers it', { name: 'QuotaExceededError', message: '' }, 'full'],
    ['the same, thrown in main by RxDB\'s remote storage', remoteError({ name: 'QuotaExceededError', message: '' }), 'full'],
    ['Dexie\'s AbortError that says why', remoteError({ name: 'AbortError', message: 'QuotaExceededError The quota has been exceeded.' }), 'full'],
    ['the page\'s sticky refusal once the data is gone', remoteError({ name: STORAGE_LOST_ERROR, message: 'the desk\'s data is gone' }), 'lost'],
    ['a customer called QuotaExceededError in the documents of a failed write', remoteError({ name: 'TypeError', message: 'x is null' }, [[{ document: { name: 'QuotaExceededError' } }]]), null],
    ['a connection that dropped (outcome unknown)', new Error('the storage host went away before answering bulkWrite: its outcome is unknown'), null],
    ['a database Dexie closed on purpose', remoteError({ name: 'DatabaseClosedError', message: 'Database has been closed' }), null],
    ['an abort for another reason', remoteError({ name: 'AbortError', message: 'ConstraintError Key already exists' }), null],
    ['a remote error whose JSON is cut short', new Error('could not requestRemote: {"methodName": "bulkWrite", "error": {"name": "QuotaExceededError"'), null],
    ['the longest message that is not one', new Error('x'.repeat(1_000_000)), null],
    ['not an error', 'QuotaExceededError', null],
    ['nothing', undefined, null],
  ])('%s', (_, error, expected) => {
    expect(storageFailureOf(error)).toBe(expected);
  });
});

describe('StorageHealthWatch', () => {
  it('says "full" until a write is saved again, "lost" for good, and persistence per storage host', () => {
    const lines: string[] = [];
    const watch = new StorageHealthWatch((line) => lines.push(line));
    let changes = 0;
    watch.onChange(() => { changes += 1; });
    watch.apply({ kind: 'persistence', persisted: false });
    expect(watch.health).toEqual({ problem: null, persistent: false });
    watch.apply({ kind: 'write-refused', failure: 'full' });
    watch.apply({ kind: 'write-refused', failure: 'full' });
    expect(watch.health.problem).toBe('full');
    watch.apply({ kind: 'write-saved' });
    expect(watch.health.problem).toBeNull();
    watch.apply({ kind: 'lost', reason: 'evicted' });
    watch.apply({ kind: 'write-saved' });
    watch.apply({ kind: 'write-refused', failure: 'full' });
    expect(watch.health.problem).toBe('lost');
    watch.newConnection();
    expect(watch.health).toEqual({ problem: 'lost', persistent: null });
    expect(changes).toBe(5);
    expect(lines.filter((line) => line.includes('ALARM'))).toHaveLength(2);
  });
});

// ---- The whole desk (runDesk) on a storage host that runs out of space ----------------------

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

/** What the storage host's disk does: take writes, refuse them for want of space, or hold nothing any more. */
let disk: 'ok' | 'full' | 'lost' = 'ok';

/** RxDB's Dexie storage whose writes fail as IndexedDB's do when the disk says no. */
function storageOfADisk(): RxStorage<unknown, unknown> {
  const dexie = getRxStorageDexie() as RxStorage<unknown, unknown>;
  return {
    ...dexie,
    name: dexie.name,
    rxdbVersion: dexie.rxdbVersion,
    async createStorageInstance(params) {
      const inner = await dexie.createStorageInstance(params);
      return new Proxy(inner, {
        get(target, property) {
          const value = Reflect.get(target, property, target) as unknown;
          if (property !== 'bulkWrite') return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
          return async (...args: Parameters<typeof inner.bulkWrite>) => {
            if (disk === 'full') throw new DOMException('', 'QuotaExceededError');
            if (disk === 'lost') throw Object.assign(new Error('the desk\'s data is gone'), { name: STORAGE_LOST_ERROR });
            return target.bulkWrite(...args);
          };
        },
      });
    },
  };
}

function storageHostPage(port: MessagePort): void {
  const messages$ = new Subject<MessageToRemote>();
  port.on('message', (message: MessageToRemote) => messages$.next(message));
  port.on('close', () => messages$.complete());
  exposeRxStorageRemote({ storage: storageOfADisk(), messages$, send: (message: MessageFromRemote) => port.postMessage(message) });
}

let workDir = '';
let desk: RunningDesk;
let connection: PortConnection;
let channel: MessageChannel;
const statuses: DeskStatus[] = [];
const logLines: string[] = [];
let handler: ((name: DeskApiName, payload: unknown) => Promise<unknown>) | null = null;
const call = async (name: DeskApiName, payload: unknown = {}) => (await handler!(name, payload)) as Record<string, unknown>;
const health = async () => ((await call('deskStatus')).status as DeskStatus).storageHealth;
const ledgerCount = async () => ((await call('deskStatus')).status as DeskStatus).counts.ledger;

beforeAll(async () => {
  workDir = await mkdtemp(path.join(os.tmpdir(), 'desk-storage-health-'));
  channel = new MessageChannel();
  storageHostPage(channel.port2);
  connection = connectionOverPort(asElectronPort(channel.port1), 'desk-storage-health');
  const storage: StorageBridge = { onConnection: (listener) => listener(connection) };
  const api: ApiBridge = {
    handle(installed) {
      handler = installed;
    },
    emit<E extends DeskEventName>(event: E, data: DeskEvents[E]) {
      if (event === 'status') statuses.push(data as DeskStatus);
    },
  };
  // A desk holding a venue file without an endpoint would ask for its first manager: this one is about its disk.
  desk = await runDesk(storage, api, { dataDir: workDir, log: (line) => logLines.push(line), firstManagerAtStart: 'not-asked-by-this-test', initialVenue: () => {
    const parsed = parseVenueFileText(JSON.stringify(venueFile));
    if (!parsed.ok) throw new Error('the test venue is not a venue file');
    return parsed.data;
  } });
  for (let tries = 0; ((await call('deskStatus')).status as DeskStatus).storage !== 'connected'; tries += 1) {
    if (tries > 200) throw new Error(`the desk did not open:\n${logLines.join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
});

afterAll(async () => {
  await desk?.close();
  channel?.port1.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('a desk whose storage host runs out of space', () => {
  it('checks in while the disk takes writes, and says nothing is wrong', async () => {
    expect(await call('checkIn', { customerId: 'c-ada', sessionId: null })).toMatchObject({ ok: true, remaining: 9 });
    expect(await health()).toEqual({ problem: null, persistent: null });
  });

  it('refuses a check-in with storage-full (not internal), changes nothing, and says so in every status', async () => {
    const before = await ledgerCount();
    const seen = statuses.length;
    disk = 'full';
    const refused = await call('checkIn', { customerId: 'c-ada', sessionId: null, confirmDuplicate: true });
    expect(refused).toEqual({ ok: false, error: 'storage-full' });
    expect(wordsIn('en-GB').refusalWords('storage-full')).toMatch(/^Check-ins are NOT being saved: the disk is full\./);
    // Told at once, not at the next status main happened to send.
    expect(statuses.slice(seen).some((status) => status.storageHealth.problem === 'full')).toBe(true);
    expect(await health()).toEqual({ problem: 'full', persistent: null });
    expect(await ledgerCount()).toBe(before);
    const recent = (await call('recentCheckIns')).items as { customerId: string }[];
    expect(recent.map((item) => item.customerId)).toEqual(['c-ada']);
    // Every command that writes: an undo and an override are refused the same way.
    const undo = await call('undoCheckIn', { checkInId: (recent[0] as unknown as { checkInId: string }).checkInId });
    expect(undo).toEqual({ ok: false, error: 'storage-full' });
    expect(await call('overrideUses', { passId: 'x-ada-old', total: 100_000 })).toEqual({ ok: false, error: 'storage-full' });
    expect(logLines.some((line) => line.includes('ALARM') && line.includes('QuotaExceededError'))).toBe(true);
  });

  it('saves again once there is room, and the alarm goes', async () => {
    disk = 'ok';
    expect(await call('checkIn', { customerId: 'c-zoe', sessionId: null })).toMatchObject({ ok: false, error: 'no-eligible-pass' });
    // A refusal of the rules writes nothing: the alarm stays until a write is saved.
    expect((await health()).problem).toBe('full');
    expect(await call('checkIn', { customerId: 'c-ada', sessionId: null, confirmDuplicate: true })).toMatchObject({ ok: true, remaining: 8 });
    expect(await health()).toEqual({ problem: null, persistent: null });
    expect(statuses.at(-1)?.storageHealth.problem).toBeNull();
  });

  it('says when the storage host has no promise of persistent storage', async () => {
    connection.signal({ kind: 'persistence', persisted: false });
    expect(await health()).toEqual({ problem: null, persistent: false });
    connection.signal({ kind: 'persistence', persisted: true });
    expect((await health()).persistent).toBe(true);
  });

  it('says "lost" at once when the page reports its data deleted, refuses writes with storage-lost, and keeps saying it', async () => {
    channel.port2.postMessage({ storageLost: 'the browser closed the database rxdb-dexie-boxoffice--0--ledger by force' });
    await expect.poll(async () => (await health()).problem).toBe('lost');
    disk = 'lost';
    expect(await call('checkIn', { customerId: 'c-ada', sessionId: null, confirmDuplicate: true })).toEqual({ ok: false, error: 'storage-lost' });
    disk = 'ok';
    expect(await call('checkIn', { customerId: 'c-ada', sessionId: null, confirmDuplicate: true })).toMatchObject({ ok: true });
    expect((await health()).problem).toBe('lost');
  });
});
