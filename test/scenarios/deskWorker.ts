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
import { networkDown, randomNetwork, reliable } from '../sync/faultyNetwork';
import type { FetchFunction } from '../../main/sync/syncEndpoint';
import { pinnedFetch } from '../../main/sync/pinnedFetch';

export type ToDeskWorker =
  | { type: 'open'; deskId: string; databaseName: string; data: VenueData }
  | { type: 'call'; nowMs: number; name: DeskApiName; payload: unknown }
  | { type: 'sync'; endpoint: EndpointSettings; faults?: NetworkFaults }
  /**
   * One round over the desk's ordered endpoints through the desk's own failover (DeskSync.routeRound),
   * after its failover clock moved on by `advanceMs`. `down`: origins that do not answer (a hub
   * dropped off the network, the internet cut); `cutAfter`: an origin that stops answering after
   * this many more requests (a hub lost part-way through the round).
   */
  | { type: 'routeSync'; endpoints: EndpointSettings[]; faults?: NetworkFaults; down: string[]; cutAfter?: { origin: string; requests: number }; advanceMs: number }
  /** Everything the desk holds of the ledger, and the state of the given passes at `nowMs`. */
  | { type: 'snapshot'; nowMs: number; passIds: string[] }
  | { type: 'close' };

export type SyncAnswer = SyncRoundResult & { faults?: FaultCounts; via?: 'hub' | 'upstream'; switches?: string[] };
export type DeskSnapshot = { ledger: LedgerEntry[]; states: Record<string, PassState | { error: string }> };

export type FromDeskWorker = { type: 'answer'; value: unknown } | { type: 'failed'; message: string };

let desk: Desk | null = null;
let databaseName: string | null = null;
let nowMs = 0;
/** The desk's failover clock (DeskSync's `failover.clockMs`): moved on only by `routeSync`, so no real wait is needed. */
let failoverMs = 0;
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
      failoverMs = 0;
      desk = await openDesk({ db, identity: { deskId: message.deskId, staff: `staff at ${message.deskId}` }, now: () => nowMs, sync: { tuning: roundTuning, failover: { clockMs: () => failoverMs } } });
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
    case 'routeSync': {
      if (!desk) throw new Error('desk not open');
      failoverMs += message.advanceMs;
      const network = routedNetwork(message.endpoints, message.faults, message.down, message.cutAfter);
      const result = await desk.sync.routeRound(message.endpoints, network.fetch);
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

/** One pinned fetch (and its kept-alive connections) per certificate for the worker's life. */
const pinnedFetches = new Map<string, FetchFunction>();
function pinnedFor(certificate: string): FetchFunction {
  let pinned = pinnedFetches.get(certificate);
  if (!pinned) pinnedFetches.set(certificate, pinned = pinnedFetch(certificate));
  return pinned;
}

/**
 * The desk's network to its endpoints: a hub's requests on the fetch pinned to its certificate
 * (as the desk's own), everything over the faulty network, and unreachable origins refused.
 */
function routedNetwork(endpoints: EndpointSettings[], faults: NetworkFaults | undefined, down: string[], cutAfter: { origin: string; requests: number } | undefined): { fetch: FetchFunction; counts: FaultCounts } {
  const pinned = new Map(endpoints.filter((settings) => settings.certificate !== undefined).map((settings) => [new URL(settings.url).origin, pinnedFor(settings.certificate!)]));
  let left = cutAfter?.requests ?? Infinity;
  const base: FetchFunction = async (url, init) => {
    const origin = new URL(url).origin;
    if (down.includes(origin)) return networkDown();
    if (origin === cutAfter?.origin) {
      if (left <= 0) return networkDown();
      left -= 1;
    }
    return (pinned.get(origin) ?? ((target, options) => fetch(target, options)))(url, init);
  };
  return randomNetwork(faults ?? reliable, base);
}

parentPort!.on('message', (message: ToDeskWorker) => {
  handle(message).then(
    (value) => parentPort!.postMessage({ type: 'answer', value } satisfies FromDeskWorker),
    (error: unknown) => parentPort!.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) } satisfies FromDeskWorker),
  );
});
