// The pages of a snapshot (shared/schema/sync.ts), each one range scan of an index, read in the
// index's order, never the venue's whole ledger: platform records and summaries by their
// primary keys, the history by ledger_by_pass, the recent check-ins by ledger_check_ins_by_day and their undos by
// ledger_undos_by_check_in (migration 3). Records leave as JSON text straight from the table,
// without `_deleted`, so a page of thousands is never parsed and serialised again.
// Each query reads one row more than the page, to know whether another page follows.
import type { Database, Queryable } from './database';

export type PageRow = { key: string; json: string };

/**
 * Reads a page in its index's order, never as "every row after the cursor, then sorted". The
 * planner chose that (a bitmap scan of the rest of the range and a sort) whenever it thought
 * few rows were left: measured on both engines, with statistics, for a history page at the
 * start of a 40,000-entry ledger (a row comparison is estimated by its first column alone) and
 * for platform records whose ids do not follow their insertion order; and without statistics
 * (PGlite runs no autovacuum) for every page of summaries. A page would then read the whole
 * rest of a venue's ledger, each time. With sorting off for the page's transaction the only
 * plan left is the index range scan, which stops after `limit` rows.
 */
async function inIndexOrder<T>(db: Database, read: (tx: Queryable) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.query("SELECT set_config('enable_sort', 'off', true), set_config('enable_incremental_sort', 'off', true)");
    return read(tx);
  });
}

/** Platform records with seq ≤ `atSeq`, by id, after `afterId`. */
export async function platformRecordsAfter(db: Database, venueId: string, collection: string, atSeq: number, afterId: string, limit: number): Promise<PageRow[]> {
  return inIndexOrder(db, (tx) => tx.query<PageRow>(
    `SELECT id AS key, body::text AS json FROM documents
      WHERE venue_id = $1 AND collection = $2 AND id > $3 AND seq <= $4
      ORDER BY id
      LIMIT $5`,
    [venueId, collection, afterId, atSeq, limit],
  ));
}

/** A page of the venue's summaries by pass id, as JSON text of their records. */
export async function summariesAfter(db: Database, venueId: string, afterPassId: string, limit: number): Promise<PageRow[]> {
  return inIndexOrder(db, (tx) => tx.query<PageRow>(
    `SELECT pass_id AS key, body::text AS json FROM pass_summaries
      WHERE venue_id = $1 AND pass_id > $2
      ORDER BY pass_id
      LIMIT $3`,
    [venueId, afterPassId, limit],
  ));
}

export type HistoryRow = { passId: string; id: string; json: string };

/** Ledger entries with seq ≤ `atSeq`, by pass id then id, after (`afterPassId`, `afterId`). */
export async function historyAfter(db: Database, venueId: string, atSeq: number, afterPassId: string, afterId: string, limit: number): Promise<HistoryRow[]> {
  // The row comparison in the index's column order is what the index can start from.
  return inIndexOrder(db, (tx) => tx.query<HistoryRow>(
    `SELECT body->>'passId' AS "passId", id, body::text AS json FROM documents
      WHERE venue_id = $1 AND collection = 'ledger' AND (body->>'passId', id) > ($2, $3) AND seq <= $4
      ORDER BY body->>'passId', id
      LIMIT $5`,
    [venueId, afterPassId, afterId, atSeq, limit],
  ));
}

/**
 * The check-ins with venueDay ≥ `since` and the undos of them, seq ≤ `atSeq`. A small set (a
 * few days of one venue's check-ins), read whole by its two indexes and sorted by id. The undos
 * are a lateral subquery kept apart (OFFSET 0) so that each is a probe of its check-in's id:
 * joined directly, a plan without statistics read every undo of the venue for each check-in.
 */
const RECENT = `
  WITH check_ins AS MATERIALIZED (
    SELECT id, body FROM documents
     WHERE venue_id = $1 AND collection = 'ledger' AND body->>'kind' = 'check-in' AND body->>'venueDay' >= $2 AND seq <= $3
  ),
  undos AS (
    SELECT undo.id, undo.body FROM check_ins
     CROSS JOIN LATERAL (
       SELECT id, body FROM documents
        WHERE venue_id = $1 AND collection = 'ledger' AND body->>'kind' = 'undo-check-in' AND body->>'checkInId' = check_ins.id AND seq <= $3
       OFFSET 0
     ) AS undo
  ),
  recent AS (SELECT id, body FROM check_ins UNION ALL SELECT id, body FROM undos)`;

export async function recentAfter(db: Queryable, venueId: string, since: string, atSeq: number, afterId: string, limit: number): Promise<PageRow[]> {
  return db.query<PageRow>(
    `${RECENT}
     SELECT id AS key, body::text AS json FROM recent WHERE id > $4 ORDER BY id LIMIT $5`,
    [venueId, since, atSeq, afterId, limit],
  );
}

export async function countRecent(db: Queryable, venueId: string, since: string, atSeq: number): Promise<number> {
  const rows = await db.query<{ count: number }>(`${RECENT} SELECT count(*) AS count FROM recent`, [venueId, since, atSeq]);
  return rows[0]?.count ?? 0;
}

/**
 * The last seq handed out to the venue and committed: every document with a seq at or below it
 * is committed (changeSequence.ts), so a snapshot at such a seq never changes under a reader
 * except by records leaving it (changed again later, with a greater seq). Null: no such venue.
 */
export async function committedSeq(db: Queryable, venueId: string): Promise<number | null> {
  const rows = await db.query<{ last_seq: number }>('SELECT last_seq FROM venues WHERE id = $1', [venueId]);
  return rows[0]?.last_seq ?? null;
}
