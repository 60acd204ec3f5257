// Puts a venue's platform data (and any past ledger) into the desk's database. The data is
// validated whole before the first write (a bad file changes nothing). Into an empty desk it
// goes as bundles (main/venue/venueBundles.ts: a large venue in seconds, not many minutes);
// into a desk that holds the venue already, as upserts by id, one record each. Either way,
// loading the same file again, or again after a crash half-way, converges.
import type { VenueData } from '../../shared/schema/records';
import type { DeskNote } from '../../shared/rules/deskNotes';
import type { LedgerDocument } from '../../shared/schema/collections';
import type { DeskDatabase } from '../db/deskDatabase';
import { readVenue, writeVenue } from '../db/deskDatabase';
import type { BundledVenue } from './venueBundles';
import { takesBundles, writeVenueBundles } from './venueBundles';

const BATCH = 2000;

export type VenueCounts = Record<'customers' | 'products' | 'passes' | 'sessions' | 'bookings' | 'ledger', number>;

async function inBatches<T>(items: readonly T[], write: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < items.length; start += BATCH) await write(items.slice(start, start + BATCH));
}

export type VenueLoaded = {
  ok: true;
  counts: VenueCounts;
  /** Set when the venue went in as bundles: what memory takes besides the records themselves (no change events announce bundles). */
  bundled: BundledVenue | null;
};

export async function loadVenueData(db: DeskDatabase, data: VenueData, nowMs: number): Promise<VenueLoaded | { ok: false; note: DeskNote }> {
  const held = await readVenue(db);
  if (held && held.id !== data.venue.id) {
    return { ok: false, note: { note: 'file-other-venue', held: held.id, file: data.venue.id } };
  }
  // As on the endpoint: every date of every pass is a day in the venue's zone.
  if (held && held.timeZone !== data.venue.timeZone) {
    return { ok: false, note: { note: 'file-time-zone', held: held.timeZone, file: data.venue.timeZone } };
  }
  let bundled: BundledVenue | null = null;
  if (await takesBundles(db, held !== null)) {
    bundled = await writeVenueBundles(db, data, nowMs);
  } else {
    await upsertEach(db, data);
  }
  await writeVenue(db, data.venue);
  return {
    ok: true,
    counts: {
      customers: data.customers.length, products: data.products.length, passes: data.passes.length,
      sessions: data.sessions.length, bookings: data.bookings.length, ledger: data.ledger.length,
    },
    bundled,
  };
}

async function upsertEach(db: DeskDatabase, data: VenueData): Promise<void> {
  await inBatches(data.products, (batch) => db.products.bulkUpsert(batch));
  await inBatches(data.customers, (batch) => db.customers.bulkUpsert(batch));
  await inBatches(data.passes, (batch) => db.passes.bulkUpsert(batch));
  await inBatches(data.sessions, (batch) => db.sessions.bulkUpsert(batch));
  await inBatches(data.bookings, (batch) => db.bookings.bulkUpsert(batch));
  // Ledger entries are immutable: an id already held is left as it is.
  await inBatches(data.ledger, (batch) => db.ledger.bulkInsert(batch as LedgerDocument[]));
}
