// Fills the in-memory venue from the database at start, then keeps it current from RxDB's
// change events (local commands and merged documents alike).
import type { Subscription } from 'rxjs';
import type { RxCollection, RxDocumentData, RxJsonSchema } from 'rxdb';
import { normalizeMangoQuery, prepareQuery } from 'rxdb';
import type { LedgerEntry } from '../../shared/schema/records';
import type { DeskDatabase } from '../db/deskDatabase';
import { readVenue } from '../db/deskDatabase';
import type { VenueMemory } from '../state/venueMemory';
import type { DeskContext } from './deskContext';

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
    for (const doc of page.documents) visit(stripMeta(doc) as unknown as T);
    count += page.documents.length;
    if (!full) return count;
  }
}

function stripMeta<T>(doc: T): T {
  const { _meta, _rev, _attachments, _deleted, ...rest } = doc as Record<string, unknown>;
  void _meta; void _rev; void _attachments; void _deleted;
  return rest as T;
}

export async function loadMemory(db: DeskDatabase, memory: VenueMemory, desk: DeskContext): Promise<void> {
  memory.venue = await readVenue(db);
  await forEachDocument(db.products, (doc) => memory.upsertProduct(doc));
  await forEachDocument(db.customers, (doc) => memory.upsertCustomer(doc));
  // Sorted once here, so that the first keystroke at the door does not pay for it.
  memory.search.buildNow();
  await forEachDocument(db.passes, (doc) => memory.upsertPass(doc));
  await forEachDocument(db.sessions, (doc) => memory.upsertSession(doc));
  await forEachDocument(db.bookings, (doc) => memory.upsertBooking(doc));
  await forEachDocument(db.ledger, (doc) => {
    const entry = doc as unknown as LedgerEntry;
    memory.addLedgerEntry(entry);
    desk.observeHlc(entry.hlc);
  });
}

/** Applies every later change; returns the subscriptions to end on close. */
export function followChanges(db: DeskDatabase, memory: VenueMemory, desk: DeskContext, onChange: (collection: string) => void): Subscription[] {
  const follow = <T>(collection: RxCollection<T>, apply: (doc: T) => void) =>
    collection.$.subscribe((event) => {
      if (event.operation === 'DELETE') return; // platform records are replaced, never deleted, on a desk
      apply(stripMeta(event.documentData as T));
      onChange(collection.name);
    });
  return [
    follow(db.products, (doc) => memory.upsertProduct(doc)),
    follow(db.customers, (doc) => memory.upsertCustomer(doc)),
    follow(db.passes, (doc) => memory.upsertPass(doc)),
    follow(db.sessions, (doc) => memory.upsertSession(doc)),
    follow(db.bookings, (doc) => memory.upsertBooking(doc)),
    follow(db.ledger, (doc) => {
      const entry = doc as unknown as LedgerEntry;
      if (memory.addLedgerEntry(entry)) desk.observeHlc(entry.hlc);
    }),
  ];
}
