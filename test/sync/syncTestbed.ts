// What the sync tests share: a tiny venue, the real sync endpoint in this process, desks on
// Dexie over fake-indexeddb (at most two in this realm: RxDB's open-core limit is 13
// collections), a settable clock, and a way to wait for something that happens in the
// background without sleeping a fixed time.
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { VenueData } from '../../shared/schema/records';
import type { SyncDocument, SyncCollection } from '../../shared/schema/sync';
import { openDeskDatabase } from '../../main/db/deskDatabase';
import type { Desk } from '../../main/desk/openDesk';
import { openDesk } from '../../main/desk/openDesk';
import type { EndpointSettings, FetchFunction } from '../../main/sync/syncEndpoint';
import { SyncEndpoint } from '../../main/sync/syncEndpoint';
import type { SyncSettingsStore } from '../../main/sync/syncSettings';
import type { FailoverTuning } from '../../main/sync/deskSync';
import { syncSettingsInMemory } from '../../main/sync/syncSettings';
import type { HubFinder } from '../../main/sync/hubDiscovery';
import type { SyncTuning } from '../../main/sync/collectionReplication';
import type { RunningEndpoint } from '../scenarios/scenarioEndpoint';
import { startEndpoint } from '../scenarios/scenarioEndpoint';
import type { DatabaseLocation } from '../../server/db/openDatabase';

/** Short retries, so that a test sees a desk come back within a second or two. */
export const testTuning: Partial<SyncTuning> = { retryInitialMs: 50, retryMaxMs: 400, timeoutMs: 3_000 };

export function tinyVenue(venueId = 'v1'): VenueData {
  return {
    venue: { id: venueId, timeZone: 'Europe/London', name: 'Tiny studio' },
    products: [{ id: 'p10', name: '10 classes', uses: 10, expiry: { kind: 'none' }, validFor: 'all' }],
    customers: [
      { id: 'c1', name: 'Ada Lovelace', email: 'ada@example.com' },
      { id: 'c2', name: 'Grace Hopper', email: 'grace@example.com' },
    ],
    passes: [
      { id: 'x1', customerId: 'c1', productId: 'p10', productName: '10 classes', purchasedAt: '2026-01-05T10:00:00Z', code: 'PASS-0001', terms: { uses: 2, expiry: { kind: 'none' }, validFor: 'all' } },
      { id: 'x2', customerId: 'c2', productId: 'p10', productName: '10 classes', purchasedAt: '2026-01-06T10:00:00Z', code: 'PASS-0002', terms: { uses: 10, expiry: { kind: 'none' }, validFor: 'all' } },
    ],
    sessions: [{ id: 's1', name: 'Yoga', category: 'yoga', startsAt: '2026-02-01T18:00:00Z', endsAt: '2026-02-01T19:00:00Z' }],
    bookings: [{ id: 'b1', sessionId: 's1', customerId: 'c2', passId: 'x2', bookedAt: '2026-01-20T09:00:00Z' }],
    ledger: [{
      id: 'past-1', kind: 'check-in', venueId, passId: 'x2', customerId: 'c2', sessionId: '', deskId: 'desk-old', staff: 'Sam', reason: '',
      at: '2026-01-10T10:00:00Z', hlc: '001768039200000:000000:desk-old', charged: true, bookingId: '', venueDay: '2026-01-10',
    }],
  };
}

/** The desks' clock unless a test sets another (openTestDesk's `nowMs`). */
export const testDeskEpochMs = Date.parse('2026-02-01T17:00:00Z');

/**
 * The endpoint's clock runs from the desks' (`epochMs`, the instant the tests pretend it is):
 * a desk measures its clock against the endpoint's, and one 10 months off would correct itself.
 */
export async function startTestEndpoint(database: DatabaseLocation = { kind: 'pglite-memory' }, port = 0, epochMs = testDeskEpochMs): Promise<RunningEndpoint> {
  const startedMs = Date.now();
  const started = await startEndpoint(database, port, () => epochMs + (Date.now() - startedMs));
  if (!started.ok) throw new Error(started.message);
  return started.endpoint;
}

export async function venueOnEndpoint(endpoint: RunningEndpoint, data: VenueData, devices: readonly string[]): Promise<EndpointSettings[]> {
  await endpoint.server.admin.createVenue(data.venue);
  await endpoint.server.admin.importVenueData(data.venue.id, data);
  const settings: EndpointSettings[] = [];
  for (const name of devices) settings.push({ url: endpoint.url, token: (await endpoint.server.admin.issueDevice(data.venue.id, name)).token });
  return settings;
}

export type TestDesk = {
  desk: Desk;
  databaseName: string;
  logs: string[];
  store: SyncSettingsStore;
  setNow(ms: number): void;
  close(): Promise<void>;
};

let databases = 0;

export async function openTestDesk(options: {
  deskId: string;
  venue: VenueData | null;
  store?: SyncSettingsStore;
  fetch?: FetchFunction;
  nowMs?: number;
  tuning?: Partial<SyncTuning>;
  /** How soon the desk turns from its hub to upstream, and back (main/sync/deskSync.ts). */
  failover?: Partial<FailoverTuning>;
  /** Opens this database again (it survives a close in this realm) instead of a new one. */
  databaseName?: string;
  /** How the desk looks for venue hubs (a stand-in: tests send no multicast outside a namespace). */
  findHubs?: HubFinder;
}): Promise<TestDesk> {
  let nowMs = options.nowMs ?? testDeskEpochMs;
  const logs: string[] = [];
  const store = options.store ?? syncSettingsInMemory();
  const databaseName = options.databaseName ?? `sync${options.deskId.toLowerCase().replace(/[^a-z0-9]/g, '')}${databases++}`;
  const db = await openDeskDatabase(getRxStorageDexie({ indexedDB, IDBKeyRange }), databaseName);
  const desk = await openDesk({
    db,
    identity: { deskId: options.deskId, staff: `staff at ${options.deskId}` },
    now: () => nowMs,
    log: (line) => logs.push(line),
    sync: { store, tuning: { ...testTuning, ...options.tuning }, resyncEveryMs: 0, ...(options.fetch ? { fetch: options.fetch } : {}), ...(options.findHubs ? { findHubs: options.findHubs } : {}), ...(options.failover ? { failover: options.failover } : {}) },
  });
  if (options.venue) {
    const loaded = await desk.loadVenue(options.venue);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.note));
  }
  return { desk, logs, store, databaseName, setNow: (ms) => { nowMs = ms; }, close: () => desk.close() };
}

/** Polls until `check` holds (background replication has no promise to await). */
export async function eventually<T>(what: string, check: () => T | Promise<T>, timeoutMs = 15_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Everything the endpoint holds in a collection, pulled from the start with a device token. */
export async function endpointDocuments(settings: EndpointSettings, collection: SyncCollection): Promise<SyncDocument[]> {
  const endpoint = new SyncEndpoint(settings);
  const documents: SyncDocument[] = [];
  let checkpoint: { seq: number; id: string } | undefined;
  for (;;) {
    const page = await endpoint.pull(collection, checkpoint, 500);
    if (!page.ok) throw new Error(`pull ${collection}: ${page.failure.message}`);
    documents.push(...(page.value.documents as SyncDocument[]));
    if (!page.value.checkpoint || page.value.documents.length < 500) return documents;
    checkpoint = page.value.checkpoint;
  }
}
