// What a desk (or a venue hub, from its upstream) accepts from the network. Every pulled or streamed document is validated with
// the shared record schemas before it can reach the database; a document that fails is
// dropped with its reason and the rest of the batch goes on (the checkpoint keeps moving, so
// one bad document never blocks the documents after it, and it is not asked for again).
import type { SnapshotPart, SyncCollection, SyncDocument } from '../schema/sync';
import { syncRecordSchemas } from '../schema/sync';
import { passSummarySchema } from '../schema/records';

export type DroppedDocument = { collection: SyncCollection | SnapshotPart; id: string; reason: string };

export type Screened = { accepted: SyncDocument[]; dropped: DroppedDocument[] };

export function screenPulledDocuments(collection: SyncCollection, documents: readonly unknown[], venueId: string | null): Screened {
  const accepted: SyncDocument[] = [];
  const dropped: DroppedDocument[] = [];
  for (const document of documents) {
    const verdict = screenOne(collection, document, venueId);
    if (verdict.ok) accepted.push(verdict.document);
    else dropped.push({ collection, id: idOf(document), reason: verdict.reason });
  }
  return { accepted, dropped };
}

function screenOne(collection: SyncCollection, document: unknown, venueId: string | null): { ok: true; document: SyncDocument } | { ok: false; reason: string } {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) return { ok: false, reason: 'not an object' };
  const { _deleted, ...record } = document as Record<string, unknown>;
  // Platform records are replaced, never deleted, and ledger entries are immutable: a
  // deletion from the network would take away data the door relies on.
  if (_deleted !== undefined && _deleted !== false) return { ok: false, reason: 'a deletion (desks never delete records)' };
  const parsed = syncRecordSchemas[collection].safeParse(record);
  if (!parsed.success) {
    return { ok: false, reason: reasonOf(parsed.error.issues[0]) };
  }
  const data = parsed.data as Record<string, unknown> & { id: string };
  // Defence in depth for venue isolation: the endpoint serves one venue per token.
  if (collection === 'ledger' && venueId !== null && data.venueId !== venueId) {
    return { ok: false, reason: `a ledger entry of venue "${String(data.venueId)}", not "${venueId}"` };
  }
  return { ok: true, document: { ...data, _deleted: false } };
}

/** A dropped document's name in the log: its key (a summary's is its pass), or "(no id)". */
function idOf(document: unknown, key: 'id' | 'passId' = 'id'): string {
  const id = typeof document === 'object' && document !== null ? (document as Record<string, unknown>)[key] : undefined;
  return typeof id === 'string' ? id.slice(0, 200) : '(no id)';
}

/** The record schema of each snapshot part (shared/schema/sync.ts). */
const snapshotCollectionOf: Record<Exclude<SnapshotPart, 'summaries'>, SyncCollection> = {
  products: 'products', sessions: 'sessions', customers: 'customers', passes: 'passes', bookings: 'bookings', recent: 'ledger', history: 'ledger',
};

/**
 * The records of a snapshot page, checked as a pull's are: platform records and ledger entries
 * with the shared record schemas (and the venue of each entry), summaries with theirs. Records
 * come without `_deleted`; what fails is dropped with its reason, the rest goes on.
 */
export function screenSnapshotRecords(part: SnapshotPart, records: readonly unknown[], venueId: string): { accepted: unknown[]; dropped: DroppedDocument[] } {
  if (part === 'summaries') {
    const accepted: unknown[] = [];
    const dropped: DroppedDocument[] = [];
    for (const record of records) {
      const parsed = passSummarySchema.safeParse(record);
      if (parsed.success) accepted.push(parsed.data);
      else dropped.push({ collection: part, id: idOf(record, 'passId'), reason: reasonOf(parsed.error.issues[0]) });
    }
    return { accepted, dropped };
  }
  const screened = screenPulledDocuments(snapshotCollectionOf[part], records, venueId);
  return {
    accepted: screened.accepted.map(({ _deleted, ...record }) => { void _deleted; return record; }),
    dropped: screened.dropped.map((dropped) => ({ ...dropped, collection: part })),
  };
}

function reasonOf(issue: { path: PropertyKey[]; message: string } | undefined): string {
  return issue ? `${issue.path.map(String).join('.') || 'record'}: ${issue.message}` : 'does not match the schema';
}
