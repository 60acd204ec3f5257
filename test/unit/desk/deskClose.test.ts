// desk.close() is bounded (main/desk/closeStep.ts): a storage host that never answers again (the
// browser closed the database by force under it) cannot hang the app's quit; what was
// acknowledged before is on disk and read back by the next opening.
import { describe, expect, it } from 'vitest';
import { indexedDB } from 'fake-indexeddb';
import type { RxStorage } from 'rxdb';
import { openDeskDatabase } from '../../../main/db/deskDatabase';
import { openDesk } from '../../../main/desk/openDesk';
import { CLOSE_STEP_MS } from '../../../main/desk/closeStep';
import { fakeStorage, venueWith } from './deskOnFakeStorage';


/** A storage whose instances never answer `close` once `gone` is set: a storage host the browser took the data from. */
function storageThatStopsAnswering(): { storage: RxStorage<unknown, unknown>; stopAnswering: () => void } {
  const inner = fakeStorage as RxStorage<unknown, unknown>;
  let gone = false;
  return {
    stopAnswering: () => { gone = true; },
    storage: {
      ...inner,
      async createStorageInstance(params) {
        const instance = await inner.createStorageInstance(params);
        return new Proxy(instance, {
          get(target, property) {
            const value = Reflect.get(target, property, target) as unknown;
            if (property === 'close' && typeof value === 'function') {
              return () => (gone ? new Promise<void>(() => undefined) : (value as () => Promise<void>).call(target));
            }
            return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
          },
        });
      },
    },
  };
}

/** The little of IndexedDB read here (the tests are typed without the DOM library). */
type Request<T> = { result: T; error: unknown; onsuccess: (() => void) | null; onerror: (() => void) | null };
type StoredDatabase = { transaction(store: string): { objectStore(name: string): { getAllKeys(): Request<unknown[]> } }; close(): void };
const stored = indexedDB as unknown as { databases(): Promise<{ name?: string }[]>; open(name: string): Request<StoredDatabase> };
const answer = <T>(request: Request<T>) => new Promise<T>((resolve, reject) => {
  request.onsuccess = () => resolve(request.result);
  request.onerror = () => reject(request.error);
});

/** The ids in the ledger collection's IndexedDB database of the desk database `name`, as RxDB's Dexie storage stores them. */
async function storedLedgerIds(name: string): Promise<string[]> {
  const databases = await stored.databases();
  const ledger = databases.find((database) => database.name?.startsWith(`rxdb-dexie-${name}--`) && database.name.endsWith('--ledger'));
  if (!ledger?.name) throw new Error(`no ledger database of ${name} among ${databases.map((database) => database.name).join(', ')}`);
  const opened = await answer(stored.open(ledger.name));
  try {
    return (await answer(opened.transaction('docs').objectStore('docs').getAllKeys())).map(String);
  } finally {
    opened.close();
  }
}

const venue = venueWith('v-close', [{ id: 'c1', name: 'Ada Lovelace' }], [
  { id: 'x1', customerId: 'c1', productId: 'p', productName: '10 classes', purchasedAt: '2026-11-01T10:00:00Z', code: 'PASS-0001', terms: { uses: 10, expiry: { kind: 'fixed', date: '2026-12-31' }, validFor: 'all' } },
]);

describe('closing a desk whose storage no longer answers', () => {
  it('finishes within a few seconds, says what it left, and loses nothing acknowledged', async () => {
    const name = 'deskclose-forced';
    const { storage: stopping, stopAnswering } = storageThatStopsAnswering();
    const log: string[] = [];
    const desk = await openDesk({ db: await openDeskDatabase(stopping, name), identity: { deskId: 'A', staff: 'Sam' }, now: () => Date.parse('2026-12-07T19:00:00Z'), log: (line) => log.push(line) });
    expect((await desk.loadVenue(venue)).ok).toBe(true);
    const checkedIn = await desk.call('checkIn', { customerId: 'c1', sessionId: null });
    expect(checkedIn).toMatchObject({ ok: true });

    stopAnswering();
    const startedMs = performance.now();
    const closed = await Promise.race([desk.close().then(() => 'closed'), new Promise((resolve) => setTimeout(() => resolve('still closing'), 4 * CLOSE_STEP_MS))]);
    expect(closed).toBe('closed');
    expect(performance.now() - startedMs).toBeLessThan(4 * CLOSE_STEP_MS);
    expect(log.some((line) => line.startsWith('closing the desk: the database had not finished'))).toBe(true);

    // What is on disk: the ledger's IndexedDB database holds the check-in (read without RxDB,
    // which would wait for the database left open to close before opening it again).
    expect(await storedLedgerIds(name)).toEqual([(checkedIn as { checkInId: string }).checkInId]);
  }, 20_000);
});
