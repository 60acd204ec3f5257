// One simulated desk in its own worker thread (RxDB's open-core build allows 13 open
// collections per JavaScript realm): a real RxDatabase on Dexie over fake-indexeddb, the
// desk's real command layer, and a clock that each step sets.
import { parentPort } from 'node:worker_threads';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { VenueData } from '../../shared/schema/records';
import type { DeskApiName } from '../../shared/schema/api';
import { openDeskDatabase } from '../../main/db/deskDatabase';
import { openDesk } from '../../main/desk/openDesk';
import type { Desk } from '../../main/desk/openDesk';

export type ToDeskWorker =
  | { type: 'open'; deskId: string; data: VenueData }
  | { type: 'call'; nowMs: number; name: DeskApiName; payload: unknown }
  | { type: 'close' };

export type FromDeskWorker = { type: 'answer'; value: unknown } | { type: 'failed'; message: string };

let desk: Desk | null = null;
let nowMs = 0;

async function handle(message: ToDeskWorker): Promise<unknown> {
  switch (message.type) {
    case 'open': {
      const db = await openDeskDatabase(getRxStorageDexie({ indexedDB, IDBKeyRange }), `desk-${message.deskId.toLowerCase().replace(/[^a-z0-9]/g, '')}`);
      desk = await openDesk({ db, identity: { deskId: message.deskId, staff: `staff at ${message.deskId}` }, now: () => nowMs });
      const loaded = await desk.loadVenue(message.data);
      if (!loaded.ok) throw new Error(loaded.message);
      return { ok: true };
    }
    case 'call':
      if (!desk) throw new Error('desk not open');
      nowMs = message.nowMs;
      return desk.call(message.name, message.payload);
    case 'close':
      await desk?.close();
      desk = null;
      return { ok: true };
  }
}

parentPort!.on('message', (message: ToDeskWorker) => {
  handle(message).then(
    (value) => parentPort!.postMessage({ type: 'answer', value } satisfies FromDeskWorker),
    (error: unknown) => parentPort!.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) } satisfies FromDeskWorker),
  );
});
