// runDesk's two bridges in this process, as demoOffered.test.ts and runDeskSync.test.ts both
// wrote them: the storage host is RxDB's Dexie storage on a fake IndexedDB, the API bridge a
// function to call, and every `status` event the desk emits kept in order.
import { IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { RxStorage } from 'rxdb';
import type { DeskApiName, DeskApiResults, DeskEventName, DeskEvents, DeskStatus } from '../../shared/schema/api';
import type { ApiBridge, StorageBridge } from '../../main/deskHost';

/** `indexedDB`: a factory of the test's own, or fake-indexeddb's shared one. */
export function bridgesInProcess(indexedDB: NonNullable<Parameters<typeof getRxStorageDexie>[0]>['indexedDB']) {
  const statuses: DeskStatus[] = [];
  let handler: ((name: DeskApiName, payload: unknown) => Promise<unknown>) | null = null;
  const storage: StorageBridge = {
    onConnection(listener) {
      listener({ storage: getRxStorageDexie({ indexedDB, IDBKeyRange }) as RxStorage<unknown, unknown>, closed: new Promise(() => undefined) });
    },
  };
  const api: ApiBridge = {
    handle(installed) {
      handler = installed;
    },
    emit<E extends DeskEventName>(event: E, data: DeskEvents[E]) {
      if (event === 'status') statuses.push(data as DeskStatus);
    },
  };
  /** A call as the renderer makes it, through runDesk's API handler. */
  const call = <K extends DeskApiName>(name: K, payload: unknown = {}) => handler!(name, payload) as Promise<DeskApiResults[K]>;
  return { storage, api, statuses, call };
}
