// Brings a venue's pass summaries up to its latest ledger entry (docs/architecture.md, "Sync":
// "The server may keep, per pass, a snapshot of its folded state up to a change sequence
// (computed with the same shared fold)"). The fold is shared/rules/passSummary.ts, the one
// implementation of the rule: this reads the entries the summaries do not include yet, in seq
// order and in pages, adds each page to the stored summaries of its passes, and writes them
// back with the seq they now include, in one transaction per page.
//
// - Exact whatever happens: a summary is a set union (adding an entry twice changes nothing,
//   order never matters), and the seq moves in the transaction that wrote what it covers, so
//   a refresh stopped between pages (or a crash) resumes from a consistent point.
// - Nothing skipped: per venue, commit order is seq order (server/db/changeSequence.ts), so
//   "the entries after upto_seq, in seq order" never misses one committed later.
// - One refresh of a venue at a time, across every server process on the database: each page
//   takes a PostgreSQL advisory lock of the venue before it reads upto_seq. A second caller
//   waits for the page in progress, then reads where it ended, so the two share the work and
//   none is done twice; a caller that comes when all is done reads one empty page.
// - Pages are transactions of their own so that pushes are written between them: PGlite is one
//   connection, and a first refresh of a large venue (a million entries) takes a while.
import type { Database, Queryable } from '../db/database';
import type { LedgerEntry, PassSummaryRecord } from '../../shared/schema/records';
import { PassSummary } from '../../shared/rules/passSummary';
import type { SummaryProgress } from '../db/passSummaries';
import {
  ledgerEntriesAfter, readSummaryProgress, saveSummaryProgress, storedSummaries, upsertSummaries,
} from '../db/passSummaries';

/** The advisory lock class of summary refreshes (the venue id's hash is the other key). */
const SUMMARY_LOCK_CLASS = 7_428_002;

/** Entries per page: large enough to be quick, short enough that pushes wait little behind a page on PGlite. */
export const SUMMARY_PAGE = 5_000;

export type SummaryRefresh = {
  /** The ledger seq the venue's summaries include now. */
  uptoSeq: number;
  /** Entries added to summaries by this call (0: they were up to date). */
  entries: number;
  /** Summaries written (new or changed) by this call. */
  written: number;
  /** The venue's summaries now. */
  summaries: number;
  /** How long this call took. */
  ms: number;
};

export type RefreshOptions = {
  pageSize?: number;
  /** Checked between pages: a refresh stopped there leaves the summaries consistent. */
  signal?: AbortSignal;
};

export async function refreshPassSummaries(db: Database, venueId: string, options: RefreshOptions = {}): Promise<SummaryRefresh> {
  const started = performance.now();
  const pageSize = options.pageSize ?? SUMMARY_PAGE;
  let entries = 0;
  let written = 0;
  let progress: SummaryProgress;
  for (;;) {
    const page = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [SUMMARY_LOCK_CLASS, venueId]);
      const before = await readSummaryProgress(tx, venueId);
      const stored = await ledgerEntriesAfter(tx, venueId, before.uptoSeq, pageSize);
      if (stored.length === 0) return { progress: before, entries: 0, written: 0, full: false };
      // Checked with ledgerEntrySchema on their way in (push, import): not again, a million times.
      const changed = await summariesWithEntries(tx, venueId, stored.map((entry) => JSON.parse(entry.json) as LedgerEntry));
      const added = await upsertSummaries(tx, venueId, changed);
      const after = { uptoSeq: stored[stored.length - 1]!.seq, summaries: before.summaries + added };
      await saveSummaryProgress(tx, venueId, after);
      return { progress: after, entries: stored.length, written: changed.length, full: stored.length === pageSize };
    });
    progress = page.progress;
    entries += page.entries;
    written += page.written;
    if (!page.full || options.signal?.aborted) break;
  }
  return { uptoSeq: progress.uptoSeq, entries, written, summaries: progress.summaries, ms: Math.round(performance.now() - started) };
}

/**
 * The summaries of the passes these entries name, each stored one with the entries added (a
 * pass with none stored yet starts empty), as records to write: those the entries changed, and
 * every new one (a pass named only by entries that count for nothing still has a summary, as
 * summarizeByPass gives it). Entries with no pass are in no summary.
 */
async function summariesWithEntries(tx: Queryable, venueId: string, entries: readonly LedgerEntry[]): Promise<PassSummaryRecord[]> {
  const byPass = new Map<string, LedgerEntry[]>();
  for (const entry of entries) {
    if (!entry.passId) continue;
    let list = byPass.get(entry.passId);
    if (!list) byPass.set(entry.passId, (list = []));
    list.push(entry);
  }
  const stored = await storedSummaries(tx, venueId, [...byPass.keys()]);
  const changed: PassSummaryRecord[] = [];
  for (const [passId, list] of byPass) {
    const json = stored.get(passId);
    const summary = json === undefined ? new PassSummary() : PassSummary.fromRecord(JSON.parse(json) as PassSummaryRecord);
    let changedAny = json === undefined;
    for (const entry of list) if (summary.add(entry)) changedAny = true;
    if (changedAny) changed.push(summary.toRecord(passId));
  }
  return changed;
}
