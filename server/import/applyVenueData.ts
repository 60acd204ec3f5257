// Platform data into a venue, in one transaction: products, customers, passes, sessions and
// bookings replace what is stored under their ids when they differ (the import is the newer
// version) and keep their seq when they do not, so a re-import sends the desks only what
// changed; past ledger entries are inserted once and never changed.
import type { Queryable } from '../db/database';
import type { Booking, Customer, LedgerEntry, Pass, Product, Session, Venue } from '../../shared/schema/records';
import type { SyncCollection } from '../../shared/schema/sync';
import type { SyncProblem } from '../../shared/schema/syncContract';
import type { UpsertCounts } from '../db/documents';
import { countInserted, insertNewLedgerEntries, storedDocuments, upsertDocuments } from '../db/documents';
import { canonicalJson } from '../sync/canonicalJson';
import type { VenueSequence } from '../db/changeSequence';
import { lockVenueSequence, saveVenueSequence } from '../db/changeSequence';
import { refusal } from '../errors';
import { announce } from '../sync/changeNotices';
import { MAX_PROBLEMS, NUL_MESSAGE, fieldWithNul, summaryOf } from '../sync/documentProblems';
import { ImportRefused } from './importRefused';

export type PlatformRecords = {
  products: readonly Product[];
  customers: readonly Customer[];
  passes: readonly Pass[];
  sessions: readonly Session[];
  bookings: readonly Booking[];
};

export type ImportSummary = Partial<Record<SyncCollection, UpsertCounts>>;

/** Where each collection's records came from, to name a mistake in the words of the file. */
export type PlaceOf = (collection: SyncCollection, index: number, field: string) => SyncProblem;

export const placeInFile: PlaceOf = (collection, index, field) => ({ path: `${collection}[${index}].${field}`, message: '', index, field });

/** Records per statement: large enough to be quick, small enough for one JSON parameter. */
const CHUNK = 2000;

/** Ledger entries are small and many (a million in a large venue): larger statements are quicker. */
const LEDGER_CHUNK = 5000;

export const IMPORT_WRITER = 'import';

/**
 * Writes `records` and `ledger` into the venue under its lock (see changeSequence.ts) and
 * announces what changed. Throws ImportRefused, which rolls `tx` back, on the first mistake
 * that can only be seen against what is stored.
 */
export async function applyVenueData(
  tx: Queryable,
  venue: Venue,
  records: Partial<PlatformRecords>,
  ledger: Iterable<LedgerEntry>,
  placeOf: PlaceOf = placeInFile,
): Promise<ImportSummary> {
  const sequence = await lockVenueSequence(tx, venue.id);
  if (!sequence) throw new ImportRefused(refusal('unknown-venue', `there is no venue "${venue.id}" on this server: create it first (venue create)`));
  const stored = await tx.query<{ time_zone: string; name: string | null }>('SELECT time_zone, name FROM venues WHERE id = $1', [venue.id]);
  if (stored[0] && stored[0].time_zone !== venue.timeZone) {
    const problem = { path: 'venue.timeZone', message: `the venue's time zone on this server is ${stored[0].time_zone}; an import cannot change it (every date of every pass depends on it)`, field: 'timeZone' };
    throw new ImportRefused(refusal('invalid-file', `nothing was imported: ${summaryOf([problem])}`, [problem]));
  }
  if (venue.name !== undefined && venue.name !== stored[0]?.name) await tx.query('UPDATE venues SET name = $2 WHERE id = $1', [venue.id, venue.name]);

  const summary: ImportSummary = {};
  const order = ['products', 'customers', 'passes', 'sessions', 'bookings'] as const;
  for (const collection of order) {
    const list = records[collection];
    if (!list || list.length === 0) continue;
    const counts: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };
    for (let start = 0; start < list.length; start += CHUNK) {
      const chunk = list.slice(start, start + CHUNK);
      refuseNul(chunk, collection, start, placeOf);
      const seqs = sequence.take(chunk.length);
      add(counts, await upsertDocuments(tx, venue.id, collection, chunk, seqs.first, IMPORT_WRITER));
    }
    summary[collection] = counts;
  }
  if (records.passes && records.passes.length > 0) await refuseSharedPassCodes(tx, venue.id, records.passes, placeOf);

  const ledgerCounts = await importLedger(tx, venue.id, ledger, sequence, placeOf);
  if (ledgerCounts) summary.ledger = ledgerCounts;

  for (const [collection, counts] of Object.entries(summary) as [SyncCollection, UpsertCounts][]) await countInserted(tx, venue.id, collection, counts.inserted);
  await saveVenueSequence(tx, venue.id, sequence);
  const last = sequence.lastSeq + sequence.taken;
  for (const [collection, counts] of Object.entries(summary) as [SyncCollection, UpsertCounts][]) {
    if (counts.inserted + counts.updated > 0) await announce(tx, { kind: 'changes', venueId: venue.id, collection, seq: last });
  }
  return summary;
}

/** Past ledger entries, in chunks as they come (a generator of a million is never held whole). */
async function importLedger(tx: Queryable, venueId: string, ledger: Iterable<LedgerEntry>, sequence: VenueSequence, placeOf: PlaceOf): Promise<UpsertCounts | null> {
  let counts: UpsertCounts | null = null;
  let chunk: LedgerEntry[] = [];
  let offset = 0;
  // Into a venue with no ledger yet (a new venue, the demo) nothing can differ from what is
  // stored, and ids within one import are unique (checked before), so the comparison is skipped.
  const ledgerWasEmpty = (await tx.query("SELECT 1 FROM documents WHERE venue_id = $1 AND collection = 'ledger' LIMIT 1", [venueId])).length === 0;
  const write = async () => {
    refuseNul(chunk, 'ledger', offset, placeOf);
    const differing = ledgerWasEmpty ? [] : await differingLedgerEntries(tx, venueId, chunk);
    if (differing.length > 0) {
      const problems = differing.map((at) => ({
        ...placeOf('ledger', offset + at, 'id'),
        message: `a different ledger entry with the id "${chunk[at]!.id}" is already stored; ledger entries never change, so a corrected entry needs a new id`,
      }));
      throw new ImportRefused(refusal('invalid-file', `nothing was imported: ${summaryOf(problems)}`, problems));
    }
    const seqs = sequence.take(chunk.length);
    const inserted = await insertNewLedgerEntries(tx, venueId, chunk, seqs.first, IMPORT_WRITER);
    counts ??= { inserted: 0, updated: 0, unchanged: 0 };
    add(counts, { inserted, updated: 0, unchanged: chunk.length - inserted });
    offset += chunk.length;
    chunk = [];
  };
  for (const entry of ledger) {
    chunk.push(entry);
    if (chunk.length === LEDGER_CHUNK) await write();
  }
  if (chunk.length > 0) await write();
  return counts;
}

/** Positions of entries whose id is already stored with a different entry (compared as values). */
async function differingLedgerEntries(tx: Queryable, venueId: string, entries: readonly LedgerEntry[]): Promise<number[]> {
  const stored = await storedDocuments(tx, venueId, 'ledger', entries.map((entry) => entry.id));
  const differing: number[] = [];
  entries.forEach((entry, at) => {
    const json = stored.get(entry.id);
    if (json !== undefined && differing.length < MAX_PROBLEMS && canonicalJson(JSON.parse(json)) !== canonicalJson(entry)) differing.push(at);
  });
  return differing;
}

/**
 * PGlite runs no autovacuum, so after a large import the planner would still plan for an empty
 * table; fresh statistics keep pulls on their index. (On PostgreSQL autovacuum does this too,
 * later; doing it now is harmless.)
 */
export async function refreshStatisticsAfter(db: Queryable, summary: ImportSummary): Promise<void> {
  const written = Object.values(summary).reduce((sum, counts) => sum + counts.inserted + counts.updated, 0);
  if (written >= 10_000) await db.query('ANALYZE documents');
}

function refuseNul(records: readonly object[], collection: SyncCollection, offset: number, placeOf: PlaceOf): void {
  const problems = records.flatMap((record, at) => {
    const field = fieldWithNul(record as Record<string, unknown>);
    return field === null ? [] : [{ ...placeOf(collection, offset + at, field), message: NUL_MESSAGE }];
  }).slice(0, MAX_PROBLEMS);
  if (problems.length === 0) return;
  throw new ImportRefused(refusal('invalid-file', `nothing was imported: ${summaryOf(problems)}`, problems));
}

function add(total: UpsertCounts, more: UpsertCounts): void {
  total.inserted += more.inserted;
  total.updated += more.updated;
  total.unchanged += more.unchanged;
}

/**
 * SPEC: "a pass code matches exactly, ignoring case": two passes of a venue whose codes differ
 * only in case would make a scan at the door ambiguous, whichever import brought them.
 */
async function refuseSharedPassCodes(tx: Queryable, venueId: string, imported: readonly Pass[], placeOf: PlaceOf): Promise<void> {
  const shared = await tx.query<{ code: string; ids: string[] }>(
    `SELECT lower(body->>'code') AS code, array_agg(id ORDER BY id) AS ids
       FROM documents
      WHERE venue_id = $1 AND collection = 'passes' AND body->>'code' <> ''
      GROUP BY lower(body->>'code')
     HAVING count(*) > 1
      LIMIT $2`,
    [venueId, MAX_PROBLEMS],
  );
  if (shared.length === 0) return;
  const positions = new Map(imported.map((pass, index) => [pass.id, index]));
  const problems = shared.map((row) => {
    const index = row.ids.map((id) => positions.get(id)).find((at) => at !== undefined) ?? 0;
    const others = row.ids.filter((id) => id !== imported[index]?.id).map((id) => `"${id}"`).join(', ');
    return { ...placeOf('passes', index, 'code'), message: `the pass code "${row.code}" is also the code of pass ${others}; pass codes must differ, ignoring upper and lower case` };
  });
  throw new ImportRefused(refusal('invalid-file', `nothing was imported: ${summaryOf(problems)}`, problems));
}
