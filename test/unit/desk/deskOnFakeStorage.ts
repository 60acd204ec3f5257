// A desk of the unit tests: its database on fake-indexeddb (the same data reopened by name, as a
// restart), a venue of a few records, and whatever a test opened closed after it. Found written
// twice (recentCheckInsOrder.test ~ searchAfterDoorOpens.test, duplicates over the tree).
import { afterEach } from 'vitest';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { Customer, Pass, VenueData } from '../../../shared/schema/records';
import { openDeskDatabase } from '../../../main/db/deskDatabase';
import { openDesk } from '../../../main/desk/openDesk';
import type { Desk, OpenDeskOptions } from '../../../main/desk/openDesk';

export const fakeStorage = getRxStorageDexie({ indexedDB, IDBKeyRange });

/** A venue with these customers and passes, nothing else. */
export function venueWith(id: string, customers: Customer[], passes: Pass[] = []): VenueData {
  return { venue: { id, timeZone: 'Europe/London' }, products: [], customers, passes, sessions: [], bookings: [], ledger: [] };
}

/** Desk A (Sam at it) on the database `name`, opened again with the same data when called again with the same name. */
export async function openDeskNamed(name: string, now: () => number, options: Partial<OpenDeskOptions> = {}): Promise<Desk> {
  return openDesk({ db: await openDeskDatabase(fakeStorage, name), identity: { deskId: 'A', staff: 'Sam' }, now, ...options });
}

/** The desk a test opened, closed after each test: set `opened.desk` to the one open now. */
export function closedAfterEach(): { desk: Desk | null } {
  const opened: { desk: Desk | null } = { desk: null };
  afterEach(async () => {
    await opened.desk?.close();
    opened.desk = null;
  });
  return opened;
}
