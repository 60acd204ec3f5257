// What a venue hub pulled from its upstream endpoint, written into its own database the way an
// import writes: under the venue's sequence lock, announced to the hub's open streams, and in
// the same transaction as the new checkpoint, so a crash between the two repeats a pull (which
// stores nothing twice: platform records are replaced only when they differ, ledger entries are
// inserted once) and never skips one. Entries written here are marked as upstream's, so that
// the hub never sends them back up.
import type { Database } from '../db/database';
import type { SyncCheckpoint, SyncCollection } from '../../shared/schema/sync';
import type { DroppedDocument } from '../../shared/sync/pulledDocuments';
import { screenPulledDocuments } from '../../shared/sync/pulledDocuments';
import { countInserted, insertNewLedgerEntries, upsertDocuments } from '../db/documents';
import { lockVenueSequence, saveVenueSequence } from '../db/changeSequence';
import { announce } from '../sync/changeNotices';
import { saveHubCheckpoint } from './hubCheckpoints';

/** `written_by` of what came down from upstream. */
export const UPSTREAM_WRITER = 'upstream';

export type StoredPull = { written: number; dropped: DroppedDocument[] };

export async function storeUpstreamPull(
  db: Database,
  venueId: string,
  collection: SyncCollection,
  documents: readonly unknown[],
  checkpoint: SyncCheckpoint,
): Promise<StoredPull> {
  // Checked as a desk checks a pull: what fails is dropped with its reason, the rest goes on.
  const { accepted, dropped } = screenPulledDocuments(collection, documents, venueId);
  const records = accepted.map(({ _deleted: _ignored, ...record }) => record);
  return db.transaction(async (tx) => {
    const sequence = await lockVenueSequence(tx, venueId);
    if (!sequence) throw new Error(`the hub holds no venue "${venueId}"`);
    let written = 0;
    if (records.length > 0) {
      const seqs = sequence.take(records.length);
      if (collection === 'ledger') {
        written = await insertNewLedgerEntries(tx, venueId, records, seqs.first, UPSTREAM_WRITER);
        await countInserted(tx, venueId, collection, written);
      } else {
        const counts = await upsertDocuments(tx, venueId, collection, records, seqs.first, UPSTREAM_WRITER);
        await countInserted(tx, venueId, collection, counts.inserted);
        written = counts.inserted + counts.updated;
      }
      const last = await saveVenueSequence(tx, venueId, sequence);
      if (written > 0) await announce(tx, { kind: 'changes', venueId, collection, seq: last });
    }
    await saveHubCheckpoint(tx, venueId, collection, checkpoint);
    return { written, dropped };
  });
}

export type LocalEntry = { seq: number; id: string; entry: Record<string, unknown> };

/** The hub's own ledger entries (pushed by its desks) after `afterSeq`, in seq order. */
export async function localEntriesAfter(db: Database, venueId: string, afterSeq: number, limit: number): Promise<LocalEntry[]> {
  const rows = await db.query<{ seq: number; id: string; body: Record<string, unknown> }>(
    `SELECT seq, id, body FROM documents
      WHERE venue_id = $1 AND collection = 'ledger' AND seq > $2 AND written_by <> $3
      ORDER BY seq
      LIMIT $4`,
    [venueId, afterSeq, UPSTREAM_WRITER, limit],
  );
  return rows.map((row) => ({ seq: Number(row.seq), id: row.id, entry: row.body }));
}
