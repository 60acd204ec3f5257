// The documents table: every synced record of a venue, by collection, with the seq of its last
// change. Documents leave here as JSON text, already in the wire shape (the record plus RxDB's
// `_deleted: false`), so a pull of thousands of them is never parsed and serialised again.
import type { Queryable } from './database';
import type { SyncCheckpoint, SyncCollection } from '../../shared/schema/sync';
import { syncCollections } from '../../shared/schema/sync';

export type ChangedDocument = { id: string; seq: number; json: string };

/** Documents changed after `afterSeq`, in seq order: the body of a pull and of a stream message. */
export async function readChanges(db: Queryable, venueId: string, collection: SyncCollection, afterSeq: number, limit: number): Promise<ChangedDocument[]> {
  // seq is unique within a venue, so "after the checkpoint" needs only the seq; the id of a
  // checkpoint is kept for RxDB's sake and for reading, not for ordering.
  return db.query<ChangedDocument>(
    `SELECT id, seq, (body || '{"_deleted": false}'::jsonb)::text AS json
       FROM documents
      WHERE venue_id = $1 AND collection = $2 AND seq > $3
      ORDER BY seq
      LIMIT $4`,
    [venueId, collection, afterSeq, limit],
  );
}

export function checkpointOf(documents: readonly ChangedDocument[], previous: SyncCheckpoint | null): SyncCheckpoint | null {
  const last = documents[documents.length - 1];
  // RxDB: with nothing new, the checkpoint stays where it was.
  return last ? { seq: last.seq, id: last.id } : previous;
}

/** `{"documents":[…],"checkpoint":…}` without parsing the documents. */
export function changesJson(documents: readonly ChangedDocument[], checkpoint: SyncCheckpoint | null, prefix = ''): string {
  return `{${prefix}"documents":[${documents.map((document) => document.json).join(',')}],"checkpoint":${JSON.stringify(checkpoint)}}`;
}

/** The highest seq of each collection of the venue (0 where empty). */
export async function latestSeqs(db: Queryable, venueId: string): Promise<Record<SyncCollection, number>> {
  // One backward index probe per collection: a GROUP BY would read all of a large venue's rows.
  const rows = await db.query<{ collection: SyncCollection; seq: number | null }>(
    `SELECT wanted.collection,
            (SELECT max(seq) FROM documents WHERE venue_id = $1 AND collection = wanted.collection) AS seq
       FROM unnest($2::text[]) AS wanted(collection)`,
    [venueId, [...syncCollections]],
  );
  const seqs = Object.fromEntries(syncCollections.map((collection) => [collection, 0])) as Record<SyncCollection, number>;
  for (const row of rows) seqs[row.collection] = row.seq ?? 0;
  return seqs;
}

export async function latestSeq(db: Queryable, venueId: string, collection: SyncCollection): Promise<number> {
  const rows = await db.query<{ seq: number | null }>(
    'SELECT max(seq) AS seq FROM documents WHERE venue_id = $1 AND collection = $2',
    [venueId, collection],
  );
  return rows[0]?.seq ?? 0;
}

export async function countDocuments(db: Queryable, venueId: string): Promise<Partial<Record<SyncCollection, number>>> {
  const rows = await db.query<{ collection: SyncCollection; count: number }>(
    'SELECT collection, count FROM document_counts WHERE venue_id = $1 AND count > 0',
    [venueId],
  );
  return Object.fromEntries(rows.map((row) => [row.collection, row.count]));
}

/** Raises the count of a collection's documents; called in the transaction that inserted them. */
export async function countInserted(tx: Queryable, venueId: string, collection: SyncCollection, inserted: number): Promise<void> {
  if (inserted === 0) return;
  await tx.query(
    `INSERT INTO document_counts (venue_id, collection, count) VALUES ($1, $2, $3)
     ON CONFLICT (venue_id, collection) DO UPDATE SET count = document_counts.count + EXCLUDED.count`,
    [venueId, collection, inserted],
  );
}

/**
 * One document by its primary key, for a lateral join from a list of ids (`wanted.id`), as an
 * index probe whatever the statistics say. `venue_id = … AND collection = … AND id = …` was
 * planned as a scan of the venue's whole collection filtered by id whenever the planner had no
 * statistics (PGlite runs no autovacuum: measured 11 ms for 5 ids among 35,000 entries, growing
 * with the venue), because it then guesses the venue and collection match a row or two. A row
 * comparison in the primary key's order, with that order and LIMIT 1, can only be answered by
 * the primary key: the first entry at or after the id, which is the id if it is stored.
 * Callers check `found.venue_id`, `found.collection` and `found.id`.
 */
export function primaryKeyProbe(venueParam: string, collectionSql: string, idSql: string): string {
  return `(SELECT venue_id, collection, id, body FROM documents
            WHERE (venue_id, collection, id) >= (${venueParam}, ${collectionSql}, ${idSql})
            ORDER BY venue_id, collection, id
            LIMIT 1)`;
}

/** The stored documents of these ids (JSON text of the record, without `_deleted`). */
export async function storedDocuments(db: Queryable, venueId: string, collection: SyncCollection, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.query<{ id: string; json: string }>(
    `SELECT found.id, found.body::text AS json
       FROM unnest($3::text[]) AS wanted(id)
       CROSS JOIN LATERAL ${primaryKeyProbe('$1', '$2', 'wanted.id')} AS found
      WHERE found.venue_id = $1 AND found.collection = $2 AND found.id = wanted.id`,
    [venueId, collection, ids],
  );
  return new Map(rows.map((row) => [row.id, row.json]));
}

export type UpsertCounts = { inserted: number; updated: number; unchanged: number };

/**
 * Writes platform records: new ones are inserted, changed ones replaced, and an identical one
 * left alone with its seq, so re-importing the same file sends nothing to the desks. Equality
 * is jsonb equality, which ignores key order and formatting. Seqs `firstSeq …` are reserved
 * for all of `records`; the ones of unchanged records stay unused (gaps are harmless).
 */
export async function upsertDocuments(tx: Queryable, venueId: string, collection: SyncCollection, records: readonly { id: string }[], firstSeq: number, writtenBy: string): Promise<UpsertCounts> {
  if (records.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
  const rows = await tx.query<{ inserted: boolean }>(
    `INSERT INTO documents (venue_id, collection, id, seq, body, written_by)
     SELECT $1, $2, item.doc->>'id', $3 + item.ord - 1, item.doc, $4
       FROM jsonb_array_elements($5::jsonb) WITH ORDINALITY AS item(doc, ord)
     ON CONFLICT (venue_id, collection, id) DO UPDATE
        SET seq = EXCLUDED.seq, body = EXCLUDED.body, written_by = EXCLUDED.written_by
      WHERE documents.body IS DISTINCT FROM EXCLUDED.body
     RETURNING (xmax = 0) AS inserted`,
    [venueId, collection, firstSeq, writtenBy, JSON.stringify(records)],
  );
  const inserted = rows.filter((row) => row.inserted).length;
  return { inserted, updated: rows.length - inserted, unchanged: records.length - rows.length };
}

/** Inserts ledger entries whose id is not stored yet; returns how many were new. */
export async function insertNewLedgerEntries(tx: Queryable, venueId: string, records: readonly { id: string }[], firstSeq: number, writtenBy: string): Promise<number> {
  if (records.length === 0) return 0;
  const rows = await tx.query(
    `INSERT INTO documents (venue_id, collection, id, seq, body, written_by)
     SELECT $1, 'ledger', item.doc->>'id', $2 + item.ord - 1, item.doc, $3
       FROM jsonb_array_elements($4::jsonb) WITH ORDINALITY AS item(doc, ord)
     ON CONFLICT (venue_id, collection, id) DO NOTHING
     RETURNING 1`,
    [venueId, firstSeq, writtenBy, JSON.stringify(records)],
  );
  return rows.length;
}
