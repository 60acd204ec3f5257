// Platform data from CSV files, one collection a file, the way a booking platform exports them:
// customers, products, passes, sessions and bookings. The files are read by the one reading the
// desk's import uses too (shared/venue/csvRecords.ts, documented in docs/sync-server.md, an
// example of each in docs/import-examples/); here they are checked against what the venue holds
// and written in one transaction. A pass takes a snapshot of its product's terms at purchase,
// so a new pass gets the product's current terms and name, and a pass already stored keeps the
// snapshot it has (re-importing must not rewrite what a customer bought).
import type { Database, Queryable } from '../db/database';
import type { Pass, Product } from '../../shared/schema/records';
import type { SyncProblem } from '../../shared/schema/syncContract';
import type { CsvCollection, CsvRecords, PassRow } from '../../shared/venue/csvRecords';
import { csvCollections, missingReferences, passFromRow, problemAt, readCsvRecords } from '../../shared/venue/csvRecords';
import { findVenue } from '../db/venues';
import { storedDocuments } from '../db/documents';
import { refusal } from '../errors';
import { MAX_PROBLEMS, NUL_MESSAGE, fieldWithNul, summaryOf } from '../sync/documentProblems';
import type { PlaceOf, PlatformRecords } from './applyVenueData';
import { applyVenueData, refreshStatisticsAfter } from './applyVenueData';
import { ImportRefused, refusedAsValue } from './importRefused';
import type { ImportResult } from './venueImport';

export { csvCollections };
export type { CsvCollection };

export async function importCsv(db: Database, venueId: string, text: string, collection?: CsvCollection): Promise<ImportResult> {
  const read = readCsvRecords(text, collection);
  if (!read.ok) return invalid(read.problems);
  const { lines } = read;
  // Ids are looked up before anything is written: text PostgreSQL cannot store would fail that query.
  const unstorable = (read.records as readonly Record<string, unknown>[]).flatMap((record, index) => {
    const field = fieldWithNul(record);
    return field === null ? [] : [problemAt({ line: lines[index] ?? 0 }, index, field, NUL_MESSAGE)];
  });
  if (unstorable.length > 0) return invalid(unstorable);
  const placeOf: PlaceOf = (_collection, index, field) => problemAt({ line: lines[index] ?? 0 }, index, field, '');

  const result = await refusedAsValue(() => db.transaction(async (tx) => {
    const venue = await findVenue(tx, venueId);
    if (!venue) throw new ImportRefused(refusal('unknown-venue', `there is no venue "${venueId}" on this server: create it first (venue create)`));
    // Taken before the products and customers are read, so they cannot change under the import.
    await tx.query('SELECT 1 FROM venues WHERE id = $1 FOR UPDATE', [venueId]);
    return applyVenueData(tx, venue, await recordsToWrite(tx, venueId, read, lines), [], placeOf);
  }));
  if (!result.ok) return result;
  await refreshStatisticsAfter(db, result.value);
  return { ok: true, summary: result.value };
}

/** The file's records as the venue will hold them, once their references are found on the server. */
async function recordsToWrite(tx: Queryable, venueId: string, read: CsvRecords, lines: readonly number[]): Promise<Partial<PlatformRecords>> {
  const wanted = referencedIds(read);
  const stored = {
    customers: await storedDocuments(tx, venueId, 'customers', wanted.customers),
    products: await storedDocuments(tx, venueId, 'products', wanted.products),
    passes: await storedDocuments(tx, venueId, 'passes', wanted.passes),
    sessions: await storedDocuments(tx, venueId, 'sessions', wanted.sessions),
  };
  const missing = missingReferences(read, lines, { has: (collection, id) => stored[collection].has(id) });
  if (missing.length > 0) refuseWith(missing);
  switch (read.collection) {
    case 'customers':
      return { customers: read.records };
    case 'products':
      return { products: read.records };
    case 'sessions':
      return { sessions: read.records };
    case 'bookings':
      return { bookings: read.records };
    case 'passes': {
      const passes: Pass[] = read.records.map((row) => {
        const kept = stored.passes.get(row.id);
        return passFromRow(row, JSON.parse(stored.products.get(row.productId)!) as Product, kept ? JSON.parse(kept) as Pass : null);
      });
      return { passes };
    }
  }
}

/** The ids a file names in other collections (and, for passes, its own: a stored pass keeps its snapshot). */
function referencedIds(read: CsvRecords): Record<'customers' | 'products' | 'passes' | 'sessions', string[]> {
  const ids = { customers: new Set<string>(), products: new Set<string>(), passes: new Set<string>(), sessions: new Set<string>() };
  if (read.collection === 'passes') {
    read.records.forEach((row: PassRow) => {
      ids.customers.add(row.customerId);
      ids.products.add(row.productId);
      ids.passes.add(row.id);
    });
  }
  if (read.collection === 'bookings') {
    for (const booking of read.records) {
      ids.sessions.add(booking.sessionId);
      ids.customers.add(booking.customerId);
      if (booking.passId) ids.passes.add(booking.passId);
    }
  }
  return { customers: [...ids.customers], products: [...ids.products], passes: [...ids.passes], sessions: [...ids.sessions] };
}

function refuseWith(problems: SyncProblem[]): never {
  const kept = problems.slice(0, MAX_PROBLEMS);
  throw new ImportRefused(refusal('invalid-file', `nothing was imported: ${summaryOf(kept)}`, kept));
}

function invalid(problems: SyncProblem[]): ImportResult {
  const kept = problems.slice(0, MAX_PROBLEMS);
  return { ok: false, refusal: refusal('invalid-file', `nothing was imported: ${summaryOf(kept)}`, kept) };
}
