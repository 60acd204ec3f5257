// One simulated desk in its own worker thread (RxDB's open-core build allows 13 open
// collections per JavaScript realm): a real RxDatabase on Dexie over fake-indexeddb, the
// desk's real command layer and sync, and a clock that each step sets. The scenario runner
// and the convergence tests (test/sync/) drive it; the latter also over a faulty network.
import { parentPort } from 'node:worker_threads';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { removeRxDatabase } from 'rxdb';
import type { VenueData } from '../../shared/schema/records';
import type { DeskApiName } from '../../shared/schema/api';
import { openDeskDatabase } from '../../main/db/deskDatabase';
import { openDesk } from '../../main/desk/openDesk';
import type { Desk } from '../../main/desk/openDesk';
import type { EndpointSettings } from '../../main/sync/syncEndpoint';
import type { SyncRoundResult } from '../../main/sync/syncRound';
import type { PassState } from '../../shared/rules/passState';
import type { LedgerEntry } from '../../shared/schema/records';
import { recordOf } from '../../main/sync/ledgerHistoryGuard';
import type { FaultCounts, NetworkFaults } from '../sync/faultyNetwork';
import { randomNetwork } from '../sync/faultyNetwork';

export type ToDeskWorker =
  | { type: 'open'; deskId: string; databaseName: string; data: VenueData }
  | { type: 'call'; nowMs: number; name: DeskApiName; payload: unknown }
  | { type: 'sync'; endpoint: EndpointSettings; faults?: NetworkFaults }
  /** Everything the desk holds of the ledger, and the state of the given passes at `nowMs`. */
  | { type: 'snapshot'; nowMs: number; passIds: string[] }
  | { type: 'close' };

export type SyncAnswer = SyncRoundResult & { faults?: FaultCounts };
export type DeskSnapshot = { ledger: LedgerEntry[]; states: Record<string, PassState | { error: string }> };

export type FromDeskWorker = { type: 'answer'; value: unknown } | { type: 'failed'; message: string };

let desk: Desk | null = null;
let databaseName: string | null = null;
let nowMs = 0;
const storage = getRxStorageDexie({ indexedDB, IDBKeyRange });

/** Closes the desk and forgets its data: fake-indexeddb keeps every database in memory, and a soak opens thousands. */
async function closeDesk(): Promise<void> {
  await desk?.close();
  desk = null;
  if (databaseName) await removeRxDatabase(databaseName, storage, false);
  databaseName = null;
}

/** A short retry: in a round, the first failure ends the round anyway. */
const roundTuning = { retryInitialMs: 20, retryMaxMs: 200, timeoutMs: 30_000 };

async function handle(message: ToDeskWorker): Promise<unknown> {
  switch (message.type) {
    case 'open': {
      await closeDesk();
      databaseName = message.databaseName.toLowerCase().replace(/[^a-z0-9]/g, '');
      const db = await openDeskDatabase(storage, databaseName);
      desk = await openDesk({ db, identity: { deskId: message.deskId, staff: `staff at ${message.deskId}` }, now: () => nowMs, sync: { tuning: roundTuning } });
      const loaded = await desk.loadVenue(message.data);
      if (!loaded.ok) throw new Error(JSON.stringify(loaded.note));
      return { ok: true };
    }
    case 'call':
      if (!desk) throw new Error('desk not open');
      nowMs = message.nowMs;
      return desk.call(message.name, message.payload);
    case 'sync': {
      if (!desk) throw new Error('desk not open');
      if (!message.faults) return desk.sync.syncRound(message.endpoint);
      const network = randomNetwork(message.faults);
      const result = await desk.sync.syncRound(message.endpoint, network.fetch);
      return { ...result, faults: network.counts } satisfies SyncAnswer;
    }
    case 'snapshot': {
      if (!desk) throw new Error('desk not open');
      nowMs = message.nowMs;
      const ledger = (await desk.context.db.ledger.find().exec()).map((doc) => recordOf(doc.toJSON() as Record<string, unknown>) as LedgerEntry);
      const states: DeskSnapshot['states'] = {};
      for (const passId of message.passIds) {
        const answer = await desk.call('passState', { passId });
        states[passId] = answer.ok ? answer.view.state : { error: answer.error };
      }
      return { ledger, states } satisfies DeskSnapshot;
    }
    case 'close':
      await closeDesk();
      return { ok: true };
  }
}

parentPort!.on('message', (message: ToDeskWorker) => {
  handle(message).then(
    (value) => parentPort!.postMessage({ type: 'answer', value } satisfies FromDeskWorker),
    (error: unknown) => parentPort!.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) } satisfies FromDeskWorker),
  );
});
