// Fills the in-memory venue from the database at start (the door's part first, the customers'
// after the door opens), then keeps it current from RxDB's
// change events (local commands and merged documents alike), both through the one intake
// (main/state/stateIntake.ts).
import type { Subscription } from 'rxjs';
import type { RxCollection, RxDocumentData, RxJsonSchema } from 'rxdb';
import { normalizeMangoQuery, prepareQuery } from 'rxdb';
import type { LedgerEntry, PassSummaryRecord, VenueData } from '../../shared/schema/records';
import type { BundledVenue } from '../venue/venueBundles';
import type { DeskDatabase } from '../db/deskDatabase';
import { readVenue } from '../db/deskDatabase';
import type { BundlesState } from '../db/bundles';
import { readBundlesState, recordsOf, stripStorageFields } from '../db/bundles';
import type { DeskContext } from '../state/deskContext';
import type { PlatformKind, PlatformRecords } from '../state/stateIntake';
import type { ReadAlone } from '../state/customersOnDemand';

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

/**
 * What the door reads first (docs/architecture.md "The start"): the venue, its products,
 * sessions and bookings, and the ledger entries held whole (a bulk load's recent ones and every
 * entry written one each): today's check-ins, the duplicate rule's and the review list's. The
 * customers, their passes and the passes' summaries follow in `loadCustomers`, after the door
 * opens. Returns what the bulk load wrote, for `loadCustomers`.
 */
export async function loadDoor(db: DeskDatabase, desk: DeskContext, log: (line: string) => void = () => undefined): Promise<BundlesState | null> {
  const { intake, memory } = desk;
  intake.venue(await readVenue(db));
  // What a bulk load wrote (a snapshot, a venue file) first, then the records that arrived one
  // at a time since, which are newer. Bundles of a load that did not finish are not read: the
  // load is done again (main/venue/loadVenue.ts, main/sync/snapshotSync.ts).
  const state = await readBundlesState(db);
  const noWait = () => Promise.resolve();
  await fromBoth(db, desk, state, 'products', db.products, noWait, log);
  await fromBoth(db, desk, state, 'sessions', db.sessions, noWait, log);
  await fromBoth(db, desk, state, 'bookings', db.bookings, noWait, log);
  const takeEntry = intake.guarded<LedgerEntry>('on disk', 'ledger entry', (entry) => intake.ledgerEntry(entry, 'on disk'));
  if (state?.doorComplete === true) {
    for await (const records of recordsOf<LedgerEntry>(db, 'recent', log)) records.forEach(takeEntry);
    memory.bundledRecent = state.counts.recent ?? 0;
    memory.bundledHistory = state.history.complete ? state.counts.history ?? 0 : 0;
  }
  await forEachDocument(db.ledger, (doc) => takeEntry(doc as unknown as LedgerEntry));
  return state;
}

/**
 * The rest of what the desk holds in memory, read after the door opens: the customers (into
 * the search unfolded, folded later: main/state/searchFold.ts), their passes and the passes'
 * summaries. A summary is a union with the entries already held, so the order does not matter.
 * A customer read alone meanwhile (main/state/customersOnDemand.ts) holds their newest records
 * already: the bundles' older ones of them are skipped (the records written one each are newest).
 * `idle` is awaited after each bundle: a customer being read alone at the door goes first
 * (`CustomersOnDemand.quiet`; not every call: some wait for this part inside their call).
 */
export async function loadCustomers(db: DeskDatabase, desk: DeskContext, state: BundlesState | null, readAlone: ReadAlone, idle: () => Promise<void>, log: (line: string) => void = () => undefined): Promise<void> {
  const { intake, memory } = desk;
  memory.starting = true;
  try {
    await fromBoth(db, desk, state, 'customers', db.customers, idle, log, (customer) => readAlone.customers.has(customer.id));
  } finally {
    memory.starting = false;
  }
  await fromBoth(db, desk, state, 'passes', db.passes, idle, log, (pass) => readAlone.customers.has(pass.customerId) || readAlone.passes.has(pass.id));
  if (state?.doorComplete === true) {
    for await (const records of recordsOf<PassSummaryRecord>(db, 'summaries', log)) {
      records.forEach((record) => intake.summary(record, 'on disk'));
      await idle();
    }
  }
}

/**
 * A kind's bundles (of a bulk load that finished), then its records written one each, which are
 * newer. `skipBundled`: a bundled record memory holds newer already.
 */
async function fromBoth<K extends PlatformKind>(db: DeskDatabase, desk: DeskContext, state: BundlesState | null, kind: K, collection: RxCollection<PlatformRecords[K]>, idle: () => Promise<void>, log: (line: string) => void, skipBundled: (record: PlatformRecords[K]) => boolean = () => false): Promise<void> {
  const { intake } = desk;
  const take = intake.guarded<PlatformRecords[K]>('on disk', kind, (doc) => intake.record(kind, doc));
  if (state?.doorComplete === true) {
    for await (const records of recordsOf<PlatformRecords[K]>(db, kind, log)) {
      for (const record of records) if (!skipBundled(record)) take(record);
      await idle();
    }
  }
  await forEachDocument(collection, take);
}

/** A venue just written as bundles into an open desk (main/venue/venueBundles.ts), into its memory. */
export function takeBundledVenue(desk: DeskContext, data: VenueData, bundled: BundledVenue): void {
  const { intake, memory } = desk;
  data.products.forEach((record) => intake.record('products', record));
  data.customers.forEach((record) => intake.record('customers', record));
  memory.search.buildNow();
  data.passes.forEach((record) => intake.record('passes', record));
  data.sessions.forEach((record) => intake.record('sessions', record));
  data.bookings.forEach((record) => intake.record('bookings', record));
  for (const record of bundled.summaries) intake.summary(record, 'venue file');
  for (const entry of bundled.recent) intake.ledgerEntry(entry, 'venue file');
  memory.bundledRecent = bundled.recent.length;
  memory.bundledHistory = data.ledger.length;
}

/** Applies every later change; returns the subscriptions to end on close. */
export function followChanges(db: DeskDatabase, desk: DeskContext, onChange: (collection: string) => void): Subscription[] {
  const { intake } = desk;
  const follow = <T>(collection: RxCollection<T>, apply: (doc: T) => void) =>
    collection.$.subscribe((event) => {
      if (event.operation === 'DELETE') return; // platform records are replaced, never deleted, on a desk
      apply(stripStorageFields(event.documentData as T));
      onChange(collection.name);
    });
  // A change event runs in RxDB's subscription: a record that throws there is set aside, never
  // thrown into RxDB (where nothing would catch it).
  const followRecords = <K extends PlatformKind>(kind: K, collection: RxCollection<PlatformRecords[K]>) =>
    follow(collection, intake.guarded<PlatformRecords[K]>('written', kind, (doc) => intake.record(kind, doc)));
  return [
    followRecords('products', db.products),
    followRecords('customers', db.customers),
    followRecords('passes', db.passes),
    followRecords('sessions', db.sessions),
    followRecords('bookings', db.bookings),
    follow(db.ledger, intake.guarded<{ id?: string }>('written', 'ledger entry', (doc) => intake.ledgerEntry(doc as unknown as LedgerEntry, 'written'))),
  ];
}
