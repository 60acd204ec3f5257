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

type Instance = RxStorageInstance<unknown, unknown, unknown, RxStorageDefaultCheckpoint>;
type ChangeBulk = EventBulk<RxStorageChangeEvent<unknown>, RxStorageDefaultCheckpoint>;

/** RxDB's Dexie storage, strict, with the insert path above. */
export function deskStorage(): RxStorage<unknown, unknown> {
  const dexie = getRxStorageDexie({ chromeTransactionDurability: 'strict' }) as RxStorage<unknown, unknown>;
  return {
    ...dexie,
    name: dexie.name,
    rxdbVersion: dexie.rxdbVersion,
    async createStorageInstance(params) {
      const inner = await dexie.createStorageInstance(params);
      return withInsertFastPath(inner as unknown as Instance) as never;
    },
  };
}

function withInsertFastPath(inner: Instance): Instance {
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
          if (!onlyNewDocuments(rows) || !(await addAll(rows))) return target.bulkWrite(rows, context);
          const { eventBulk, newestRow } = categorizeBulkWriteRows(target, primaryPath as never, new Map(), rows, context);
          if (newestRow) eventBulk.checkpoint = { id: String((newestRow.document as Record<string, unknown>)[primaryPath]), lwt: newestRow.document._meta.lwt };
          // After the answer: exposeRxStorageRemote sends it when this promise settles.
          setTimeout(() => ownChanges.next(eventBulk as unknown as ChangeBulk), 0);
          return { error: [] };
        };
      }
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

function withoutRecords(bulk: ChangeBulk): ChangeBulk {
  const strip = <T>(doc: T): T => (doc && typeof doc === 'object' && 'records' in doc ? { ...doc, records: '' } : doc);
  return { ...bulk, events: bulk.events.map((event) => ({ ...event, documentData: strip(event.documentData), previousDocumentData: strip(event.previousDocumentData) })) } as ChangeBulk;
}
