// Bundles: records taken in bulk, many to a document (shared/schema/collections.ts says why).
// A desk writes them once, when it takes a venue whole (the endpoint's snapshot, or a venue
// file into an empty desk); what changes later arrives one record at a time in the ordinary
// collections, which override the bundles at start (main/desk/loadMemory.ts).
import type { RxCollection, RxDocumentData, RxJsonSchema, MangoQuery } from 'rxdb';
import { normalizeMangoQuery, prepareQuery } from 'rxdb';
import type { BundleDocument, BundleKind } from '../../shared/schema/collections';
import type { LedgerEntry } from '../../shared/schema/records';
import type { DeskDatabase } from './deskDatabase';

export { BUNDLE_BYTES, BundleCutter, bundleId, bundlesOf } from '../../shared/sync/bundleCutter';

/**
 * How much text one write carries when nothing waits on the storage (a venue file, a
 * snapshot's door part): IndexedDB's cost is mostly per transaction (a strict one waits for the
 * disk), measured at 11 MB/s in transactions of 1 MB and 16 MB/s in transactions of 4 MB.
 * While the door is open (a snapshot's history), one bundle a write, so that a check-in waits
 * behind little.
 */
export const BULK_WRITE_BYTES = 4 * 1024 * 1024;

/** Writes bundles (again, after a crash half-way: the same ids are replaced), `maxBytes` of text a write. */
export async function writeBundles(db: DeskDatabase, bundles: readonly BundleDocument[], maxBytes = BULK_WRITE_BYTES): Promise<void> {
  let batch: BundleDocument[] = [];
  let bytes = 0;
  for (const bundle of bundles) {
    batch.push(bundle);
    bytes += bundle.records.length;
    if (bytes >= maxBytes) {
      await db.bundles.bulkUpsert(batch);
      batch = [];
      bytes = 0;
    }
  }
  if (batch.length > 0) await db.bundles.bulkUpsert(batch);
}

/**
 * A query answered by the storage instance itself: no RxDocument per document and nothing
 * kept in RxDB's query cache (the cold start reads hundreds of megabytes this way).
 */
export async function queryStorage<T>(collection: RxCollection<T>, query: MangoQuery<T>): Promise<RxDocumentData<T>[]> {
  const schema = collection.schema.jsonSchema as RxJsonSchema<RxDocumentData<T>>;
  const prepared = prepareQuery(schema, normalizeMangoQuery(schema, query as never));
  const result = await collection.storageInstance.query(prepared as never);
  return result.documents as RxDocumentData<T>[];
}

/** A stored document without RxDB's own fields: the record as it was written. */
export function stripStorageFields<T>(doc: RxDocumentData<T> | T): T {
  const { _meta, _rev, _attachments, _deleted, ...rest } = doc as Record<string, unknown>;
  void _meta; void _rev; void _attachments; void _deleted;
  return rest as T;
}

/** Bundles read per storage call at start (about 5 MB of text). */
const READ_PAGE = 20;

/**
 * The records of every bundle of a kind, a bundle at a time, in bundle order. The next page
 * of bundles is read in the storage host while this one is parsed here.
 */
export async function* recordsOf<T>(db: DeskDatabase, kind: BundleKind, log: (line: string) => void = () => undefined): AsyncGenerator<T[]> {
  const page = (after: string) => {
    const reading = queryStorage(db.bundles, {
      // The primary key range of this kind: ids are `kind:ordinal`, and ';' follows ':'.
      selector: { _deleted: { $eq: false }, id: { $gt: after, $lt: `${kind};` } } as never,
      sort: [{ id: 'asc' }],
      limit: READ_PAGE,
      index: ['_deleted', 'id'],
    } as MangoQuery<BundleDocument>);
    reading.catch(() => undefined);
    return reading;
  };
  let next = page(`${kind}:`);
  for (;;) {
    const bundles = await next;
    const full = bundles.length === READ_PAGE;
    if (full) next = page(bundles[bundles.length - 1]!.id);
    for (const bundle of bundles) {
      const records = parseBundle<T>(bundle, log);
      if (records) yield records;
    }
    if (!full) return;
  }
}

function parseBundle<T>(bundle: BundleDocument, log: (line: string) => void): T[] | null {
  try {
    const records = JSON.parse(bundle.records) as unknown;
    if (Array.isArray(records)) return records as T[];
  } catch {
    // reported below
  }
  // Its records were checked before they were written: only damaged storage gets here.
  log(`bundles: ${bundle.id} (${bundle.count} ${bundle.kind}) is not readable and is left out`);
  return null;
}

/**
 * The bundles of a kind whose key range holds `key` (one group's records are in one bundle:
 * a pass's history, a customer's passes and their summaries when cut by customer), parsed, in
 * bundle order: one indexed read of the bundles by `kind` and `lastKey`.
 */
export async function bundlesHolding<T>(db: DeskDatabase, kind: BundleKind, key: string): Promise<{ firstKey: string; lastKey: string; records: T[] }[]> {
  const candidates = await queryStorage(db.bundles, {
    selector: { _deleted: { $eq: false }, kind: { $eq: kind }, lastKey: { $gte: key } } as never,
    sort: [{ kind: 'asc' }, { lastKey: 'asc' }],
    limit: 2,
    // RxDB puts `_deleted` before and the primary key after every index of the schema.
    index: ['_deleted', 'kind', 'lastKey', 'id'],
  } as MangoQuery<BundleDocument>);
  const holding: { firstKey: string; lastKey: string; records: T[] }[] = [];
  for (const bundle of candidates) {
    if (bundle.firstKey > key) break;
    holding.push({ firstKey: bundle.firstKey, lastKey: bundle.lastKey, records: parseBundle<T>(bundle, () => undefined) ?? [] });
  }
  return holding;
}

/**
 * History bundles as read, the last `keep` of them held, so that passes sharing a bundle read
 * it once. Bundles of history never change once written (the ledger at or below a seq does not):
 * a reader is dropped only when the history is written anew (VenueMemory's bundledHistory).
 */
export class HistoryReader {
  private readonly read: { firstKey: string; lastKey: string; records: LedgerEntry[] }[] = [];

  constructor(private readonly db: DeskDatabase, private readonly keep = Number.POSITIVE_INFINITY) {}

  /** A pass's entries in the history of a bulk load (one pass's entries are in one bundle). */
  async entriesOf(passId: string): Promise<LedgerEntry[]> {
    if (passId === '') return [];
    const at = this.read.findIndex((bundle) => bundle.firstKey <= passId && passId <= bundle.lastKey);
    if (at >= 0) {
      const [held] = this.read.splice(at, 1);
      this.read.push(held!);
      return held!.records.filter((entry) => entry.passId === passId);
    }
    const entries: LedgerEntry[] = [];
    for (const bundle of await bundlesHolding<LedgerEntry>(this.db, 'history', passId)) {
      this.read.push(bundle);
      if (this.read.length > this.keep) this.read.shift();
      for (const entry of bundle.records) if (entry.passId === passId) entries.push(entry);
    }
    return entries;
  }
}

/** What a desk took in bulk, and how far: an RxDB local document. */
export const BUNDLES_DOCUMENT = 'bundles';

export type BundlesState = {
  source: 'snapshot' | 'venue-file';
  /** Every record the door needs is in (platform records, pass summaries, recent entries). */
  doorComplete: boolean;
  /**
   * The passes and the pass summaries are cut by customer (main/venue/venueBundles.ts): one
   * customer's passes in one bundle, their summaries in one bundle, each keyed by the customer's
   * id, so that a customer's are read alone (main/state/customersOnDemand.ts). Absent in bundles
   * cut by pass (a snapshot's, and a venue file's before 2026-12-08): those are read whole.
   */
  byCustomer?: true;
  /** The next ordinal of each kind (a resumed history goes on from there). */
  ordinals: Partial<Record<BundleKind, number>>;
  /** How many records of each kind the bundles hold. */
  counts: Partial<Record<BundleKind, number>>;
  /** The past ledger: complete, or where a resumed reading goes on (the endpoint's cursor). */
  history: { complete: boolean; after: string | null; entries: number };
  /** A snapshot's seqs and the endpoint they belong to: the replications pull after them. */
  snapshot: {
    endpoint: string;
    venueId: string;
    seqs: Record<string, number>;
    recentSince: string;
    /** How many records the endpoint said each part holds (for progress). */
    expected: Record<string, number>;
  } | null;
};

export async function readBundlesState(db: DeskDatabase): Promise<BundlesState | null> {
  const doc = await db.getLocal<BundlesState>(BUNDLES_DOCUMENT);
  return doc ? doc.toJSON().data : null;
}

export async function writeBundlesState(db: DeskDatabase, state: BundlesState): Promise<void> {
  await db.upsertLocal<BundlesState>(BUNDLES_DOCUMENT, state);
}
