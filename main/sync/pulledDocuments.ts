// What a desk accepts from the network. Every pulled or streamed document is validated with
// the shared record schemas before it can reach the database; a document that fails is
// dropped with its reason and the rest of the batch goes on (the checkpoint keeps moving, so
// one bad document never blocks the documents after it, and it is not asked for again).
import type { SyncCollection, SyncDocument } from '../../shared/schema/sync';
import { syncRecordSchemas } from '../../shared/schema/sync';

export type DroppedDocument = { collection: SyncCollection; id: string; reason: string };

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
    const issue = parsed.error.issues[0];
    return { ok: false, reason: issue ? `${issue.path.join('.') || 'document'}: ${issue.message}` : 'does not match the schema' };
  }
  const data = parsed.data as Record<string, unknown> & { id: string };
  // Defence in depth for venue isolation: the endpoint serves one venue per token.
  if (collection === 'ledger' && venueId !== null && data.venueId !== venueId) {
    return { ok: false, reason: `a ledger entry of venue "${String(data.venueId)}", not "${venueId}"` };
  }
  return { ok: true, document: { ...data, _deleted: false } };
}

function idOf(document: unknown): string {
  const id = (document as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id.slice(0, 200) : '(no id)';
}
