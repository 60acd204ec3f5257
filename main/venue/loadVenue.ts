// Puts a venue's platform data (and any past ledger) into the desk's database. The data is
// validated whole before the first write (a bad file changes nothing); the writes are
// upserts by id, so loading the same file again, or again after a crash half-way, converges.
import type { VenueData } from '../../shared/schema/records';
import type { LedgerDocument } from '../../shared/schema/collections';
import type { DeskDatabase } from '../db/deskDatabase';
import { readVenue, writeVenue } from '../db/deskDatabase';

const BATCH = 2000;

export type VenueCounts = Record<'customers' | 'products' | 'passes' | 'sessions' | 'bookings' | 'ledger', number>;

async function inBatches<T>(items: readonly T[], write: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < items.length; start += BATCH) await write(items.slice(start, start + BATCH));
}

export async function loadVenueData(db: DeskDatabase, data: VenueData): Promise<{ ok: true; counts: VenueCounts } | { ok: false; message: string }> {
  const held = await readVenue(db);
  if (held && held.id !== data.venue.id) {
    return { ok: false, message: `This desk holds venue "${held.id}"; a file of venue "${data.venue.id}" cannot be loaded into it.` };
  }
  // As on the endpoint: every date of every pass is a day in the venue's zone.
  if (held && held.timeZone !== data.venue.timeZone) {
    return { ok: false, message: `venue.timeZone: this desk's venue is in ${held.timeZone}; a file cannot change it to ${data.venue.timeZone} (every date of every pass depends on it).` };
  }
  await inBatches(data.products, (batch) => db.products.bulkUpsert(batch));
  await inBatches(data.customers, (batch) => db.customers.bulkUpsert(batch));
  await inBatches(data.passes, (batch) => db.passes.bulkUpsert(batch));
  await inBatches(data.sessions, (batch) => db.sessions.bulkUpsert(batch));
  await inBatches(data.bookings, (batch) => db.bookings.bulkUpsert(batch));
  // Ledger entries are immutable: an id already held is left as it is.
  await inBatches(data.ledger, (batch) => db.ledger.bulkInsert(batch as LedgerDocument[]));
  await writeVenue(db, data.venue);
  return {
    ok: true,
    counts: {
      customers: data.customers.length, products: data.products.length, passes: data.passes.length,
      sessions: data.sessions.length, bookings: data.bookings.length, ledger: data.ledger.length,
    },
  };
}
