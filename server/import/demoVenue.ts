// `server demo`: a demo venue of any size on the server, made by the same deterministic
// generator as the desk's demo (shared/venue/generateDemoVenue.ts). A large one has a million
// ledger entries: they are generated customer by customer and written in chunks, never held
// in memory at once, all in one transaction (a venue is there whole or not at all).
import type { Database } from '../db/database';
import type { LedgerEntry, Venue } from '../../shared/schema/records';
import { ledgerEntrySchema } from '../../shared/schema/records';
import type { DemoVenueOptions } from '../../shared/venue/generateDemoVenue';
import { planDemoVenue } from '../../shared/venue/generateDemoVenue';
import { resolveVenueFile } from '../../shared/venue/resolveVenueFile';
import { createVenue, findVenue } from '../db/venues';
import type { ImportSummary } from './applyVenueData';
import { applyVenueData, refreshStatisticsAfter } from './applyVenueData';
import type { SummaryRefresh } from '../sync/summaryRefresh';
import { refreshPassSummaries } from '../sync/summaryRefresh';

export type DemoVenueResult = {
  venue: Venue;
  created: boolean;
  ledgerSize: number;
  summary: ImportSummary;
  /** The pass summaries made for the new venue (null when it was already there). */
  summaries: SummaryRefresh | null;
};

/** Creates the demo venue unless it is already there (then it is left exactly as it is). */
export async function createDemoVenue(db: Database, options: DemoVenueOptions, onLedgerProgress?: (written: number, total: number) => void): Promise<DemoVenueResult> {
  const plan = planDemoVenue(options);
  const existing = await findVenue(db, plan.venue.id);
  if (existing) return { venue: existing, created: false, ledgerSize: plan.ledgerSize, summary: {}, summaries: null };

  const { ledgerEntries, ledgerSize, ...platform } = plan;
  const resolved = resolveVenueFile({ ...platform, ledger: [] });
  // The generator's output is checked like any file: a mistake here is a bug in the generator.
  if (!resolved.ok) throw new Error(`the demo generator made a bad venue: ${JSON.stringify(resolved.errors.slice(0, 3))}`);
  const summary = await db.transaction(async (tx) => {
    const created = await createVenue(tx, plan.venue);
    if (!created.ok) throw new Error(`venue ${plan.venue.id} appeared while the demo was being made`);
    return applyVenueData(tx, plan.venue, resolved.data, checkedLedger(ledgerEntries(), ledgerSize, onLedgerProgress));
  });
  await refreshStatisticsAfter(db, summary);
  // Ready for a new desk's snapshot at once, rather than at the first one.
  const summaries = await refreshPassSummaries(db, plan.venue.id);
  return { venue: plan.venue, created: true, ledgerSize, summary, summaries };
}

function* checkedLedger(entries: Iterable<LedgerEntry>, total: number, onProgress?: (written: number, total: number) => void): Generator<LedgerEntry> {
  let count = 0;
  for (const entry of entries) {
    const checked = ledgerEntrySchema.safeParse(entry);
    if (!checked.success) throw new Error(`the demo generator made a bad ledger entry ${entry.id}: ${checked.error.issues[0]?.message ?? ''}`);
    yield checked.data;
    count += 1;
    if (onProgress && count % 50_000 === 0) onProgress(count, total);
  }
  onProgress?.(count, total);
}
