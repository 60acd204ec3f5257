// One reader of the desk's ledger (main/state/ledgerReader.ts): the pass page, an undo and the
// guard of local history ask the same reader, which keeps the history bundles it read. Before
// it, each asked the database its own way, and a pass page read its history bundle again every
// time it was opened.
import { afterEach, describe, expect, it } from 'vitest';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { LedgerEntry } from '../../shared/schema/records';
import { openDeskDatabase } from '../../main/db/deskDatabase';
import type { Desk } from '../../main/desk/openDesk';
import { openDesk } from '../../main/desk/openDesk';
import { demoVenueFor } from '../../main/venue/demoVenue';

const storage = getRxStorageDexie({ indexedDB, IDBKeyRange });
const nowMs = Date.parse('2026-03-10T12:00:00Z');
let desk: Desk | null = null;
let counter = 0;

afterEach(async () => {
  await desk?.close();
  desk = null;
});

/** A desk holding a venue taken whole (history in bundles), and a count of its bundle reads. */
async function bulkLoadedDesk(): Promise<{ desk: Desk; venueLedger: readonly LedgerEntry[]; bundleReads: () => number }> {
  const venue = demoVenueFor(nowMs, 60);
  const db = await openDeskDatabase(storage, `ledgerReader${counter++}`);
  desk = await openDesk({ db, identity: { deskId: 'A', staff: 'Sam' }, now: () => nowMs });
  expect((await desk.loadVenue(venue)).ok).toBe(true);
  let reads = 0;
  const query = db.bundles.storageInstance.query.bind(db.bundles.storageInstance);
  db.bundles.storageInstance.query = (prepared) => {
    reads += 1;
    return query(prepared);
  };
  return { desk, venueLedger: venue.ledger, bundleReads: () => reads };
}

/** A pass whose history is only in the bundles (none of its entries held in memory). */
function passOnlyInHistory(opened: Desk, ledger: readonly LedgerEntry[]): string {
  const passIds = [...new Set(ledger.map((entry) => entry.passId).filter((id) => id !== ''))];
  return passIds.find((passId) => opened.context.memory.entriesOf(passId).length === 0)!;
}

describe('one reader of the ledger', () => {
  it('a pass page opened twice reads its history bundle once', async () => {
    const { desk: opened, venueLedger, bundleReads } = await bulkLoadedDesk();
    const passId = passOnlyInHistory(opened, venueLedger);
    const first = await opened.call('passHistory', { passId });
    const readsAfterFirst = bundleReads();
    expect(readsAfterFirst).toBeGreaterThan(0);
    const second = await opened.call('passHistory', { passId });
    expect(second).toEqual(first);
    expect(bundleReads()).toBe(readsAfterFirst);
  });

  it('the guard of local history finds held what the pass page read, with no read of its own', async () => {
    const { desk: opened, venueLedger, bundleReads } = await bulkLoadedDesk();
    const passId = passOnlyInHistory(opened, venueLedger);
    await opened.call('passHistory', { passId });
    const readsAfterPage = bundleReads();
    const pulledAgain = venueLedger.filter((entry) => entry.passId === passId && (entry.kind !== 'check-in' || entry.charged));
    const held = await opened.context.ledger.heldOf(pulledAgain);
    expect([...held.keys()].sort()).toEqual(pulledAgain.map((entry) => entry.id).sort());
    expect(bundleReads()).toBe(readsAfterPage);
  });
});
