// The venue every fuzzed boundary works on, and a desk holding it. The venue has a pass for
// each refusal of the rules (revoked, uses already redeemed, a customer with no pass, one
// already checked in today, an undone check-in), so that calls valid in shape but refused by
// the rules are fuzzed too, and a desk's whole state can be compared before and after.
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { LedgerEntry, VenueData } from '../../shared/schema/records';
import type { DeskDatabase } from '../../main/db/deskDatabase';
import { openDeskDatabase, readVenue } from '../../main/db/deskDatabase';
import { readBundlesState, recordsOf } from '../../main/db/bundles';
import type { Desk } from '../../main/desk/openDesk';
import { openDesk } from '../../main/desk/openDesk';
import type { FetchFunction } from '../../main/sync/syncEndpoint';
import type { SyncSettingsStore } from '../../main/sync/syncSettings';
import { syncSettingsInMemory } from '../../main/sync/syncSettings';

export const FUZZ_VENUE_ID = 'fuzz-venue';
/** The desks' clock: just before the morning sessions of the venue's day. */
export const FUZZ_NOW_MS = Date.parse('2026-03-10T07:55:00Z');

const hlcAt = (iso: string, deskId = 'desk-old') => `${String(Date.parse(iso)).padStart(15, '0')}:000000:${deskId}`;

function entry(fields: Record<string, unknown> & { id: string; kind: LedgerEntry['kind']; at: string }): LedgerEntry {
  return {
    venueId: FUZZ_VENUE_ID, passId: 'x1', customerId: 'c1', sessionId: '', deskId: 'desk-old', staff: 'Sam', reason: '', hlc: hlcAt(fields.at),
    ...fields,
  } as LedgerEntry;
}

export function fuzzVenue(venueId = FUZZ_VENUE_ID): VenueData {
  const terms = { uses: 10, expiry: { kind: 'none' as const }, validFor: 'all' as const };
  return {
    venue: { id: venueId, timeZone: 'Europe/London', name: 'Fuzz studio' },
    products: [{ id: 'p10', name: '10 classes', uses: 10, expiry: { kind: 'none' }, validFor: 'all' }],
    customers: [
      { id: 'c1', name: 'Ada Lovelace', email: 'ada@example.com' },
      { id: 'c2', name: 'Grace Hopper', email: 'grace@example.com' },
      { id: 'c3', name: 'José Núñez' },
      { id: 'c4', name: "Zoë O'Brien" },
    ],
    passes: [
      { id: 'x1', customerId: 'c1', productId: 'p10', productName: '10 classes', purchasedAt: '2026-01-05T10:00:00Z', code: 'PASS-0001', terms },
      { id: 'x2', customerId: 'c1', productId: 'p10', productName: '10 classes', purchasedAt: '2026-02-01T10:00:00Z', code: 'PASS-0002', terms },
      { id: 'x3', customerId: 'c2', productId: 'p10', productName: '10 classes', purchasedAt: '2026-01-06T10:00:00Z', code: 'PASS-0003', terms },
      { id: 'xr', customerId: 'c4', productId: 'p10', productName: '10 classes', purchasedAt: '2026-01-07T10:00:00Z', code: 'PASS-0004', terms },
    ],
    sessions: [
      { id: 's1', name: 'Morning yoga', category: 'yoga', startsAt: '2026-03-10T08:00:00Z', endsAt: '2026-03-10T09:00:00Z' },
      { id: 's2', name: 'Spin', category: 'spin', startsAt: '2026-03-10T08:00:00Z', endsAt: '2026-03-10T09:00:00Z' },
    ],
    bookings: [{ id: 'b1', sessionId: 's1', customerId: 'c2', passId: 'x3', bookedAt: '2026-03-01T09:00:00Z' }],
    ledger: [
      // c1 is already at spin today: a second check-in must be confirmed.
      entry({ id: 'ci-1', kind: 'check-in', sessionId: 's2', at: '2026-03-10T07:00:00Z', charged: true, bookingId: '', venueDay: '2026-03-10' }),
      entry({ id: 'ci-2', kind: 'check-in', at: '2026-03-09T10:00:00Z', charged: true, bookingId: '', venueDay: '2026-03-09' }),
      entry({ id: 'u-2', kind: 'undo-check-in', checkInId: 'ci-2', at: '2026-03-09T10:05:00Z' }),
      entry({ id: 'rv-1', kind: 'revoke', passId: 'xr', customerId: 'c4', at: '2026-03-01T10:00:00Z' }),
    ],
  };
}

/** The venue as a venue file (passes as the platform sends them: terms from the product). */
export function fuzzVenueFile(venueId = FUZZ_VENUE_ID): Record<string, unknown> {
  const data = fuzzVenue(venueId);
  return {
    ...data,
    passes: data.passes.map(({ productName: _name, terms: _terms, code, ...pass }) => ({ ...pass, code })),
  };
}

/** Every id of the fuzz venue: an id outside these is unknown to the desk. */
export const fuzzVenueIds: ReadonlySet<string> = new Set(Object.values(fuzzVenue()).flatMap((records) => (Array.isArray(records) ? records.map((record: { id: string }) => record.id) : [])));

export type FuzzDesk = {
  desk: Desk;
  store: SyncSettingsStore;
  logs: string[];
  /** The whole of what the desk holds and remembers, as text to compare. */
  snapshot(): Promise<string>;
  close(): Promise<void>;
};

let databases = 0;

/** Only loopback answers; anything else fails as a network down would (a fuzzed address never leaves the machine). */
export const loopbackOnly: FetchFunction = (url, init) =>
  /^http:\/\/127\.0\.0\.1:\d+\//.test(url) ? fetch(url, init) : Promise.reject(new TypeError('fetch failed', { cause: { code: 'ENETUNREACH', message: 'fuzz: only loopback' } }));

export async function openFuzzDesk(options: { fetch?: FetchFunction; venue?: VenueData | null; nowMs?: number } = {}): Promise<FuzzDesk> {
  const db = await openDeskDatabase(getRxStorageDexie({ indexedDB, IDBKeyRange }), `fuzz${process.pid}n${databases++}`);
  const store = syncSettingsInMemory();
  const logs: string[] = [];
  const desk = await openDesk({
    db,
    identity: { deskId: 'desk-fuzz', staff: 'Fuzz' },
    now: () => options.nowMs ?? FUZZ_NOW_MS,
    log: (line) => logs.push(line),
    saveIdentity: async () => undefined,
    sync: { store, fetch: options.fetch ?? loopbackOnly, tuning: { retryInitialMs: 20, retryMaxMs: 100, timeoutMs: 3_000 }, resyncEveryMs: 0 },
  });
  const venue = options.venue === undefined ? fuzzVenue() : options.venue;
  if (venue) {
    const loaded = await desk.loadVenue(venue);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.note));
  }
  return {
    desk,
    store,
    logs,
    snapshot: () => deskSnapshot(desk, store),
    close: () => desk.close(),
  };
}

const collections = ['products', 'customers', 'passes', 'sessions', 'bookings', 'ledger'] as const;

/**
 * What the desk holds of a collection, as its start would read it: the records of its bundles
 * (a bulk load), overridden by those written one each; for the ledger, the history bundles and
 * the entries written one each. A record written again as it was is no change.
 */
async function heldRecords(db: DeskDatabase, name: (typeof collections)[number]): Promise<unknown[]> {
  const held = new Map<string, unknown>();
  const bundled = await readBundlesState(db);
  if (bundled?.doorComplete) {
    for await (const records of recordsOf<{ id: string }>(db, name === 'ledger' ? 'history' : name)) {
      for (const record of records) held.set(record.id, record);
    }
  }
  const documents = await (db[name] as unknown as { find(): { exec(): Promise<{ toJSON(): { id: string } }[]> } }).find().exec();
  for (const document of documents) {
    const { _rev, _meta, _attachments, _deleted, ...record } = document.toJSON() as Record<string, unknown> & { id: string };
    void _rev; void _meta; void _attachments; void _deleted;
    held.set(record.id, record);
  }
  return [...held.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, record]) => withSortedKeys(record));
}

/** The same record whatever order its keys were written in. */
function withSortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withSortedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, withSortedKeys((value as Record<string, unknown>)[key])]));
}

async function deskSnapshot(desk: Desk, store: SyncSettingsStore): Promise<string> {
  const { db } = desk.context;
  const state: Record<string, unknown> = {};
  for (const name of collections) state[name] = await heldRecords(db, name);
  state.venue = await readVenue(db);
  state.identity = { ...desk.context.identity };
  state.pairing = await store.read();
  state.memory = desk.status('connected').counts;
  return JSON.stringify(state);
}
