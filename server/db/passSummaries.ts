// The pass summaries table: per venue, one summary per pass that a ledger entry names
// (shared/rules/passSummary.ts, as its record), and the ledger seq they include. Only
// server/sync/summaryRefresh.ts writes them, with the shared fold; here is only the SQL.
import type { Queryable } from './database';
import type { PassSummaryRecord } from '../../shared/schema/records';

export type SummaryProgress = {
  /** Every ledger entry of the venue with a seq at or below this is in its summaries. */
  uptoSeq: number;
  /** How many summaries the venue has. */
  summaries: number;
};

export async function readSummaryProgress(db: Queryable, venueId: string): Promise<SummaryProgress> {
  const rows = await db.query<{ upto_seq: number; summaries: number }>('SELECT upto_seq, summaries FROM pass_summaries_upto WHERE venue_id = $1', [venueId]);
  const row = rows[0];
  return row ? { uptoSeq: row.upto_seq, summaries: row.summaries } : { uptoSeq: 0, summaries: 0 };
}

/** Call in the transaction that wrote the summaries up to `uptoSeq`, never in another. */
export async function saveSummaryProgress(tx: Queryable, venueId: string, progress: SummaryProgress): Promise<void> {
  await tx.query(
    `INSERT INTO pass_summaries_upto (venue_id, upto_seq, summaries) VALUES ($1, $2, $3)
     ON CONFLICT (venue_id) DO UPDATE SET upto_seq = EXCLUDED.upto_seq, summaries = EXCLUDED.summaries`,
    [venueId, progress.uptoSeq, progress.summaries],
  );
}

export type StoredLedgerEntry = { seq: number; json: string };

/** The venue's ledger entries after `afterSeq`, in seq order (the pull's index, documents_by_seq). */
export async function ledgerEntriesAfter(db: Queryable, venueId: string, afterSeq: number, limit: number): Promise<StoredLedgerEntry[]> {
  return db.query<StoredLedgerEntry>(
    `SELECT seq, body::text AS json FROM documents
      WHERE venue_id = $1 AND collection = 'ledger' AND seq > $2
      ORDER BY seq
      LIMIT $3`,
    [venueId, afterSeq, limit],
  );
}

/** The stored summaries of these passes, as JSON text of their records. */
export async function storedSummaries(db: Queryable, venueId: string, passIds: readonly string[]): Promise<Map<string, string>> {
  if (passIds.length === 0) return new Map();
  // A probe of the primary key per pass, whatever the statistics say: see primaryKeyProbe in
  // documents.ts for what a plain `pass_id = ANY(…)` can become on a table never analysed.
  const rows = await db.query<{ pass_id: string; json: string }>(
    `SELECT found.pass_id, found.body::text AS json
       FROM unnest($2::text[]) AS wanted(pass_id)
       CROSS JOIN LATERAL (SELECT venue_id, pass_id, body FROM pass_summaries
                            WHERE (venue_id, pass_id) >= ($1, wanted.pass_id)
                            ORDER BY venue_id, pass_id
                            LIMIT 1) AS found
      WHERE found.venue_id = $1 AND found.pass_id = wanted.pass_id`,
    [venueId, passIds],
  );
  return new Map(rows.map((row) => [row.pass_id, row.json]));
}

/** Writes the summaries (new ones inserted, others replaced) in one statement; returns how many were new. */
export async function upsertSummaries(tx: Queryable, venueId: string, records: readonly PassSummaryRecord[]): Promise<number> {
  if (records.length === 0) return 0;
  const rows = await tx.query<{ inserted: boolean }>(
    `INSERT INTO pass_summaries (venue_id, pass_id, body)
     SELECT $1, item->>'passId', item FROM jsonb_array_elements($2::jsonb) AS item
     ON CONFLICT (venue_id, pass_id) DO UPDATE SET body = EXCLUDED.body
     RETURNING (xmax = 0) AS inserted`,
    [venueId, JSON.stringify(records)],
  );
  return rows.filter((row) => row.inserted).length;
}

/** Venues with ledger entries their summaries do not include yet: one index probe per venue. */
export async function venuesWithNewEntries(db: Queryable): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `SELECT venues.id FROM venues
      WHERE (SELECT max(seq) FROM documents WHERE venue_id = venues.id AND collection = 'ledger')
            > coalesce((SELECT upto_seq FROM pass_summaries_upto WHERE venue_id = venues.id), 0)
      ORDER BY venues.id`,
  );
  return rows.map((row) => row.id);
}
