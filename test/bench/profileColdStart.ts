// `tsx test/bench/profileColdStart.ts [--small]`: where the desk's cold start spends its time,
// on the profile `npm run bench` loaded. Not part of the JSON of the bench: a diagnosis.
// For each collection, in loadMemory's order:
//   findPagesMs   the desk's own read (collection.find by primary key, pages of 5000, toJSON)
//   storageMs     the same pages read with the storage instance's query (no RxDocuments)
//   indexedPagesMs the same pages with the primary-key index forced (`index: ['id']`); RxDB's
//                 query planner otherwise picks a secondary index for collections that have one,
//                 so that every page walks the whole collection with a cursor and sorts it
//   buildMs       filling a VenueMemory from documents already in Node
import { parseArgs } from 'node:util';
import type { RxCollection } from 'rxdb';
import { normalizeMangoQuery, prepareQuery } from 'rxdb';
import { openDeskDatabase } from '../../main/db/deskDatabase';
import { forEachDocument } from '../../main/desk/loadMemory';
import { VenueMemory } from '../../main/state/venueMemory';
import type { LedgerEntry } from '../../shared/schema/records';
import { profileDirOf } from './largeVenue';
import { progress, round } from './percentiles';
import { openStorageHost, startBenchServer } from './storageHost';

const PAGE = 5000;

/** Pages as RxQuery prepares them (selector with `_deleted: false`), read from the storage instance. */
async function storagePages(collection: RxCollection, forceIndex: boolean): Promise<number> {
  let after = '';
  let count = 0;
  for (;;) {
    const query = normalizeMangoQuery(collection.schema.jsonSchema, {
      selector: { id: { $gt: after }, _deleted: { $eq: false } },
      sort: [{ id: 'asc' }],
      limit: PAGE,
      ...(forceIndex ? { index: ['_deleted', 'id'] } : {}),
    });
    const result = await collection.storageInstance.query(prepareQuery(collection.schema.jsonSchema, query));
    count += result.documents.length;
    if (result.documents.length < PAGE) return count;
    after = (result.documents[result.documents.length - 1] as { id: string }).id;
  }
}

const { values } = parseArgs({ options: { small: { type: 'boolean', default: false } }, strict: true });
const server = await startBenchServer();
const host = await openStorageHost(server, profileDirOf(values.small ? 'small' : 'large'));
const db = await openDeskDatabase(host.connection.storage);
const memory = new VenueMemory('desk-profile');
const figures: Record<string, unknown> = {};
for (const name of ['products', 'customers', 'passes', 'sessions', 'bookings', 'ledger'] as const) {
  const collection = db[name] as unknown as RxCollection<{ id: string }>;
  let started = performance.now();
  const storageCount = await storagePages(collection as unknown as RxCollection, false);
  const storageMs = performance.now() - started;
  started = performance.now();
  const indexedCount = await storagePages(collection as unknown as RxCollection, true);
  const indexedMs = performance.now() - started;
  const plan = prepareQuery(collection.schema.jsonSchema, normalizeMangoQuery(collection.schema.jsonSchema, { selector: { id: { $gt: '' }, _deleted: { $eq: false } } as never, sort: [{ id: 'asc' }], limit: PAGE })).queryPlan;
  const docs: { id: string }[] = [];
  started = performance.now();
  await forEachDocument(collection, (doc) => docs.push(doc));
  const findPagesMs = performance.now() - started;
  started = performance.now();
  for (const doc of docs) {
    switch (name) {
      case 'products': memory.upsertProduct(doc as never); break;
      case 'customers': memory.upsertCustomer(doc as never); break;
      case 'passes': memory.upsertPass(doc as never); break;
      case 'sessions': memory.upsertSession(doc as never); break;
      case 'bookings': memory.upsertBooking(doc as never); break;
      case 'ledger': memory.addLedgerEntry(doc as unknown as LedgerEntry); break;
    }
  }
  const buildMs = performance.now() - started;
  figures[name] = {
    docs: docs.length,
    storageCount,
    storageMs: round(storageMs, 1),
    storageDocsPerSec: Math.round(storageCount / (storageMs / 1000)),
    plannedIndex: plan.index.join('+'),
    sortSatisfiedByIndex: plan.sortSatisfiedByIndex,
    indexedCount,
    indexedPagesMs: round(indexedMs, 1),
    indexedDocsPerSec: Math.round(indexedCount / (indexedMs / 1000)),
    findPagesMs: round(findPagesMs, 1),
    findDocsPerSec: Math.round(docs.length / (findPagesMs / 1000)),
    buildMs: round(buildMs, 1),
  };
  progress(`${name}: ${JSON.stringify(figures[name])}`);
}
await db.close();
await host.close();
await server.close();
process.stdout.write(JSON.stringify(figures, null, 2) + '\n');
