// Fills the in-memory venue from the database at start, then keeps it current from RxDB's
// change events (local commands and merged documents alike).
import type { Subscription } from 'rxjs';
import type { RxCollection, RxDocumentData, RxJsonSchema } from 'rxdb';
import { normalizeMangoQuery, prepareQuery } from 'rxdb';
import type { LedgerEntry, PassSummaryRecord, VenueData } from '../../shared/schema/records';
import type { BundledVenue } from '../venue/venueBundles';
import type { BundleKind, CollectionName } from '../../shared/schema/collections';
import type { DeskDatabase } from '../db/deskDatabase';
import { readVenue } from '../db/deskDatabase';
import { readBundlesState, recordsOf, stripStorageFields } from '../db/bundles';
import type { VenueMemory } from '../state/venueMemory';
import type { DeskContext } from '../state/deskContext';
import { reasonOf } from '../state/setAsideRecords';
import { isHlcWithinBounds } from '../../shared/rules/hybridLogicalClock';

const PAGE = 5000;

/**
 * Every document of a collection, in pages by primary key (an indexed read, never a scan by
 * field), read from the storage instance itself: an RxQuery would make an RxDocument of each
 * one and keep its pages in RxDB's query cache, a second copy of the venue in main beside the
 * in-memory venue, which is the only one the desk needs.
 */
export async function forEachDocument<T extends { id: string }>(collection: RxCollection<T>, visit: (doc: T) => void): Promise<number> {
  const schema = collection.schema.jsonSchema as RxJsonSchema<RxDocumentData<{ id: string }>>;
  const pageAfter = (after: string) => {
    // The index hint matters: without it RxDB's planner may serve `id > after` from a
    // secondary index (passes by customerId, ledger by passId...), walking and sorting the
    // whole collection for every page; the bench measured that as quadratic (hours at a
    // million entries). With it, each page is a range read of the primary index.
    const query = normalizeMangoQuery(schema, {
      selector: { _deleted: { $eq: false }, id: { $gt: after } } as never,
      sort: [{ id: 'asc' }],
      limit: PAGE,
      index: ['_deleted', 'id'],
    });
    const reading = collection.storageInstance.query(prepareQuery(schema, query) as never);
    // Read ahead: if the page before fails to be put into memory, this one is never awaited.
    reading.catch(() => undefined);
    return reading;
  };
  let count = 0;
  let next = pageAfter('');
  for (;;) {
    const page = await next;
    const full = page.documents.length === PAGE;
    // The next page is read (in the storage host) while this one is put into memory (here).
    if (full) next = pageAfter((page.documents[PAGE - 1] as { id: string }).id);
    for (const doc of page.documents) visit(stripStorageFields(doc) as unknown as T);
    count += page.documents.length;
    if (!full) return count;
  }
}

export async function loadMemory(db: DeskDatabase, memory: VenueMemory, desk: DeskContext, log: (line: string) => void = () => undefined): Promise<void> {
  memory.venue = await readVenue(db);
  // What a bulk load wrote (a snapshot, a venue file) first, then the records that arrived one
  // at a time since, which are newer. Bundles of a load that did not finish are not read: the
  // load is done again (main/venue/loadVenue.ts, main/sync/snapshotSync.ts).
  const state = await readBundlesState(db);
  const bundled = state?.doorComplete === true;
  // A record already on disk that this desk cannot use (written by an older version, or by a
  // bug) is set aside, never thrown: it must not stop the desk from opening.
  const guarded = <T extends { id?: string }>(kind: string, take: (doc: T) => void) => (doc: T) => {
    try {
      take(doc);
    } catch (error) {
      desk.setAside.note('on disk', `${kind} ${String(doc?.id ?? '?')}`, reasonOf(error));
    }
  };
  const fromBoth = async <T extends { id: string }>(kind: BundleKind & CollectionName, collection: RxCollection<T>, take: (doc: T) => void) => {
    const safely = guarded(kind, take);
    if (bundled) {
      for await (const records of recordsOf<T>(db, kind, log)) for (const record of records) safely(record);
    }
    await forEachDocument(collection, safely);
  };
  await fromBoth('products', db.products, (doc) => memory.upsertProduct(doc));
  await fromBoth('customers', db.customers, (doc) => memory.upsertCustomer(doc));
  // Sorted once here, so that the first keystroke at the door does not pay for it.
  memory.search.buildNow();
  await fromBoth('passes', db.passes, (doc) => memory.upsertPass(doc));
  await fromBoth('sessions', db.sessions, (doc) => memory.upsertSession(doc));
  await fromBoth('bookings', db.bookings, (doc) => memory.upsertBooking(doc));
  const takeEntry = guarded<LedgerEntry>('ledger entry', (entry) => takeLedgerEntry(memory, desk, entry, 'on disk'));
  if (bundled) {
    for await (const records of recordsOf<PassSummaryRecord>(db, 'summaries', log)) takeSummaries(memory, desk, records);
    for await (const records of recordsOf<LedgerEntry>(db, 'recent', log)) records.forEach(takeEntry);
    memory.bundledRecent = state.counts.recent ?? 0;
    memory.bundledHistory = state.history.complete ? state.counts.history ?? 0 : 0;
  }
  await forEachDocument(db.ledger, (doc) => takeEntry(doc as unknown as LedgerEntry));
}

/** A venue just written as bundles into an open desk (main/venue/venueBundles.ts), into its memory. */
export function takeBundledVenue(memory: VenueMemory, desk: DeskContext, data: VenueData, bundled: BundledVenue): void {
  data.products.forEach((record) => memory.upsertProduct(record));
  data.customers.forEach((record) => memory.upsertCustomer(record));
  memory.search.buildNow();
  data.passes.forEach((record) => memory.upsertPass(record));
  data.sessions.forEach((record) => memory.upsertSession(record));
  data.bookings.forEach((record) => memory.upsertBooking(record));
  takeSummaries(memory, desk, bundled.summaries);
  for (const entry of bundled.recent) takeLedgerEntry(memory, desk, entry, 'venue file');
  memory.bundledRecent = bundled.recent.length;
  memory.bundledHistory = data.ledger.length;
}

/**
 * One ledger entry into memory, its stamp followed by the clock (within ε). An entry whose
 * stamp is not one (out of the bounds, written before they existed) is set aside: memory
 * orders overrides by stamp, and the clock must never be moved by it.
 */
export function takeLedgerEntry(memory: VenueMemory, desk: DeskContext, entry: LedgerEntry, source: string): void {
  if (!isHlcWithinBounds(entry.hlc)) {
    desk.setAside.note(source, `ledger entry ${entry.id}`, `its clock stamp "${String(entry.hlc).slice(0, 40)}" is not one a clock can hold`);
    return;
  }
  if (memory.addLedgerEntry(entry)) desk.observeHlc(entry.hlc);
}

function takeSummaries(memory: VenueMemory, desk: DeskContext, records: readonly PassSummaryRecord[]): void {
  for (const record of records) {
    const stamps = [record.expiryOverride?.hlc, record.usesOverride?.hlc].filter((stamp) => stamp !== undefined);
    if (!stamps.every(isHlcWithinBounds)) {
      desk.setAside.note('on disk', `summary of pass ${record.passId}`, 'an override in it has a clock stamp that is not one a clock can hold');
      continue;
    }
    memory.addSummary(record);
    // Overrides are ordered by stamp: this desk's next one must come after every one seen.
    stamps.forEach((stamp) => desk.observeHlc(stamp));
  }
}

/** Applies every later change; returns the subscriptions to end on close. */
export function followChanges(db: DeskDatabase, memory: VenueMemory, desk: DeskContext, onChange: (collection: string) => void): Subscription[] {
  const follow = <T>(collection: RxCollection<T>, apply: (doc: T) => void) =>
    collection.$.subscribe((event) => {
      if (event.operation === 'DELETE') return; // platform records are replaced, never deleted, on a desk
      apply(stripStorageFields(event.documentData as T));
      onChange(collection.name);
    });
  return [
    follow(db.products, (doc) => memory.upsertProduct(doc)),
    follow(db.customers, (doc) => memory.upsertCustomer(doc)),
    follow(db.passes, (doc) => memory.upsertPass(doc)),
    follow(db.sessions, (doc) => memory.upsertSession(doc)),
    follow(db.bookings, (doc) => memory.upsertBooking(doc)),
    follow(db.ledger, (doc) => takeLedgerEntry(memory, desk, doc as unknown as LedgerEntry, 'written')),
  ];
}
