// The storage the host page serves: RxDB's Dexie storage (strict durability: an acknowledged
// check-in is on disk), with one path of its own for the write the door waits on.
//
// A check-in is one new ledger document. Dexie's storage writes it as a read of the id (to
// find a conflict), a put, and empty writes to its attachments table, in a transaction over
// two stores with its own promise machinery: about twice a bare IndexedDB put, measured in
// this page (profile in docs/performance.md). Here a write of new documents only (no
// `previous`, no attachments) is one `add` per document in one strict transaction on the
// documents store: IndexedDB itself refuses an id that exists (ConstraintError), and then the
// write is handed to Dexie's own path, which reports the conflict as RxDB expects. The stored
// form and the change event are RxDB's own (`fromStorageToDexie`, `categorizeBulkWriteRows`).
// The answer leaves before the change event, so that main answers the door first.
//
// Bundles (main/db/bundles.ts) are announced without their records: main takes a bundle's
// records when it writes them and reads bundles from the storage itself, never from an event,
// and sending every 256 KB document back over the bridge cost more than writing it (profiled:
// the page spent most of a bulk load in WebSocket.send).
import { Subject, map, merge } from 'rxjs';
import type { Observable } from 'rxjs';
import type { BulkWriteRow, EventBulk, RxStorage, RxStorageBulkWriteResponse, RxStorageChangeEvent, RxStorageDefaultCheckpoint, RxStorageInstance } from 'rxdb';
import { categorizeBulkWriteRows, getPrimaryFieldOfPrimaryKey } from 'rxdb';
import { fromStorageToDexie, getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { RxStorageInstanceDexie } from 'rxdb/plugins/storage-dexie';
import { BUNDLES_COLLECTION } from '../../shared/schema/collections';
import { STORAGE_LOST_ERROR } from '../../shared/schema/deskSocket';

type Instance = RxStorageInstance<unknown, unknown, unknown, RxStorageDefaultCheckpoint>;
type ChangeBulk = EventBulk<RxStorageChangeEvent<unknown>, RxStorageDefaultCheckpoint>;

/**
 * The browser may delete an origin's data while the desk runs (storage it never promised to
 * keep, cleared under disk pressure or by a person): it then closes every connection to the
 * origin's databases by force. From then on this page answers every request with
 * STORAGE_LOST_ERROR, sticky until it is loaded again, and says so once through `onLost`:
 * nothing may be "saved" into a database that no longer holds the desk.
 */
export type StorageLoss = { onLost?: (reason: string) => void };

/** RxDB's Dexie storage, strict, with the insert path above. */
export function deskStorage(loss: StorageLoss = {}): RxStorage<unknown, unknown> {
  const dexie = getRxStorageDexie({ chromeTransactionDurability: 'strict' }) as RxStorage<unknown, unknown>;
  let lost: string | null = null;
  const markLost = (reason: string) => {
    if (lost !== null) return;
    lost = reason;
    console.error(`storage host: ${reason}`);
    loss.onLost?.(reason);
  };
  const stillThere = () => {
    if (lost === null) return;
    const error = new Error(`the desk's data is gone: ${lost}`);
    error.name = STORAGE_LOST_ERROR;
    throw error;
  };
  return {
    ...dexie,
    name: dexie.name,
    rxdbVersion: dexie.rxdbVersion,
    async createStorageInstance(params) {
      stillThere();
      const inner = await dexie.createStorageInstance(params);
      const { dexieDb } = await (inner as unknown as RxStorageInstanceDexie<unknown>).internals;
      // 'close' fires on an IndexedDB connection only when it is closed by force, never on close().
      dexieDb.backendDB()?.addEventListener('close', () => markLost(`the browser closed the database ${dexieDb.name} by force (its site data was cleared or evicted)`));
      return withInsertFastPath(inner as unknown as Instance, stillThere) as never;
    },
  };
}

/** Instance methods that may still run once the data is gone: letting go of it. */
const releasing = new Set<PropertyKey>(['close', 'remove', 'changeStream', 'databaseName', 'collectionName', 'schema', 'internals', 'options', 'storage']);

function withInsertFastPath(inner: Instance, stillThere: () => void): Instance {
  const dexie = inner as unknown as RxStorageInstanceDexie<unknown>;
  const primaryPath = getPrimaryFieldOfPrimaryKey(inner.schema.primaryKey) as string;
  const ownChanges = new Subject<ChangeBulk>();
  const merged: Observable<ChangeBulk> = merge(inner.changeStream(), ownChanges);
  const changes = inner.collectionName === BUNDLES_COLLECTION ? merged.pipe(map(withoutRecords)) : merged;

  const onlyNewDocuments = (rows: readonly BulkWriteRow<unknown>[]) => rows.length > 0 && !inner.schema.attachments
    && rows.every((row) => !row.previous && row.document._rev && Object.keys(row.document._attachments ?? {}).length === 0);

  const addAll = async (rows: readonly BulkWriteRow<unknown>[]): Promise<boolean> => {
    const state = await dexie.internals;
    const database = state.dexieDb.backendDB();
    // Closed by force under a write (the data cleared): Dexie's path says so in its own words.
    if (!database) return false;
    return new Promise<boolean>((resolve, reject) => {
      const transaction = database.transaction(['docs'], 'readwrite', { durability: 'strict' });
      const store = transaction.objectStore('docs');
      let taken = false;
      for (const row of rows) {
        const request = store.add(fromStorageToDexie(state.booleanIndexes, row.document));
        request.onerror = (event) => {
          // An id that exists: nothing of this transaction lands; Dexie's path sorts it out.
          if (request.error?.name === 'ConstraintError') {
            taken = true;
            event.preventDefault();
            transaction.abort();
          }
        };
      }
      transaction.oncomplete = () => resolve(true);
      transaction.onabort = () => (taken ? resolve(false) : reject(transaction.error ?? new Error('the insert was aborted')));
    });
  };

  return new Proxy(inner, {
    get(target, property) {
      if (property === 'changeStream') return () => changes;
      if (property === 'bulkWrite') {
        return async (rows: BulkWriteRow<unknown>[], context: string): Promise<RxStorageBulkWriteResponse<unknown>> => {
          stillThere();
          if (!onlyNewDocuments(rows) || !(await addAll(rows))) return target.bulkWrite(rows, context);
          const { eventBulk, newestRow } = categorizeBulkWriteRows(target, primaryPath as never, new Map(), rows, context);
          if (newestRow) eventBulk.checkpoint = { id: String((newestRow.document as Record<string, unknown>)[primaryPath]), lwt: newestRow.document._meta.lwt };
          // After the answer: exposeRxStorageRemote sends it when this promise settles.
          setTimeout(() => ownChanges.next(eventBulk as unknown as ChangeBulk), 0);
          return { error: [] };
        };
      }
      const value = Reflect.get(target, property, target) as unknown;
      if (typeof value !== 'function') return value;
      const method = (value as (...args: unknown[]) => unknown).bind(target);
      if (releasing.has(property)) return method;
      // A read of a database the browser emptied would answer "nothing there": refused too.
      return (...args: unknown[]) => {
        stillThere();
        return method(...args);
      };
    },
  });
}

function withoutRecords(bulk: ChangeBulk): ChangeBulk {
  const strip = <T>(doc: T): T => (doc && typeof doc === 'object' && 'records' in doc ? { ...doc, records: '' } : doc);
  return { ...bulk, events: bulk.events.map((event) => ({ ...event, documentData: strip(event.documentData), previousDocumentData: strip(event.previousDocumentData) })) } as ChangeBulk;
}
