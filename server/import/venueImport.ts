// A whole venue in: a venue file (JSON in the scenarios' top-level shape, checked by the same
// shared/venue/resolveVenueFile.ts a desk uses), or VenueData from code (the scenario runner).
import type { Database } from '../db/database';
import type { VenueData } from '../../shared/schema/records';
import { venueSchema } from '../../shared/schema/records';
import type { SyncProblem } from '../../shared/schema/syncContract';
import { syncRecordSchemas } from '../../shared/schema/sync';
import { resolveVenueFile } from '../../shared/venue/resolveVenueFile';
import type { Refusal } from '../errors';
import { refusal } from '../errors';
import { MAX_PROBLEMS, pathText, problemsOfIssues, summaryOf } from '../sync/documentProblems';
import type { ImportSummary } from './applyVenueData';
import { applyVenueData, refreshStatisticsAfter } from './applyVenueData';
import { refusedAsValue } from './importRefused';
import { refreshPassSummaries } from '../sync/summaryRefresh';
import { CLOCK_SKEW_BOUND_MS, parseHlc } from '../../shared/rules/hybridLogicalClock';

export type ImportResult = { ok: true; summary: ImportSummary } | { ok: false; refusal: Refusal };

/** A parsed venue file (JSON) for the venue `venueId`; `nowMs` is the endpoint's clock. */
export async function importVenueFile(db: Database, venueId: string, file: unknown, nowMs = Date.now()): Promise<ImportResult> {
  const resolved = resolveVenueFile(file);
  if (!resolved.ok) {
    const problems: SyncProblem[] = resolved.errors.map((error) => ({
      path: pathText(error.path),
      message: error.message,
      ...(typeof error.path[1] === 'number' ? { index: error.path[1] } : {}),
      ...(error.path.length > 2 ? { field: String(error.path[2]) } : {}),
    }));
    return { ok: false, refusal: refusal('invalid-file', `nothing was imported: ${summaryOf(problems)}`, problems) };
  }
  return writeVenueData(db, venueId, resolved.data, nowMs);
}

/** VenueData from code: every record is checked with the shared schemas before anything is written. */
export async function importVenueData(db: Database, venueId: string, data: VenueData, nowMs = Date.now()): Promise<ImportResult> {
  const problems = problemsOfVenueData(data);
  if (problems.length > 0) return { ok: false, refusal: refusal('invalid-file', `nothing was imported: ${summaryOf(problems)}`, problems) };
  return writeVenueData(db, venueId, data, nowMs);
}

async function writeVenueData(db: Database, venueId: string, data: VenueData, nowMs: number): Promise<ImportResult> {
  if (data.venue.id !== venueId) {
    const problem = { path: 'venue.id', message: `this file is for venue "${data.venue.id}", not "${venueId}"`, field: 'id' };
    return { ok: false, refusal: refusal('invalid-file', `nothing was imported: ${summaryOf([problem])}`, [problem]) };
  }
  // docs/architecture.md "Clocks that cannot be poisoned": no stamp further ahead of the
  // endpoint's clock than ε reaches a desk, whether pushed by one or imported.
  const latest = nowMs + CLOCK_SKEW_BOUND_MS;
  const ahead: SyncProblem[] = [];
  data.ledger.forEach((entry, index) => {
    if (ahead.length < MAX_PROBLEMS && parseHlc(entry.hlc).wallMs > latest) {
      ahead.push({ path: `ledger[${index}].hlc`, message: `stamped more than ${CLOCK_SKEW_BOUND_MS / 60_000} minutes after this endpoint's clock (${new Date(nowMs).toISOString()})`, index, field: 'hlc' });
    }
  });
  if (ahead.length > 0) return { ok: false, refusal: refusal('clock-ahead', `nothing was imported: ${summaryOf(ahead)}`, ahead) };
  const result = await refusedAsValue(() => db.transaction((tx) => applyVenueData(tx, data.venue, data, data.ledger)));
  if (!result.ok) return result;
  await refreshStatisticsAfter(db, result.value);
  // A past ledger imported: the next desk's snapshot should not wait for its summaries.
  if ((result.value.ledger?.inserted ?? 0) > 0) await refreshPassSummaries(db, venueId);
  return { ok: true, summary: result.value };
}

function problemsOfVenueData(data: VenueData): SyncProblem[] {
  const problems: SyncProblem[] = [];
  const venue = venueSchema.safeParse(data.venue);
  if (!venue.success) problems.push(...problemsOfIssues(venue.error.issues, ['venue']));
  for (const collection of ['products', 'customers', 'passes', 'sessions', 'bookings', 'ledger'] as const) {
    const schema = syncRecordSchemas[collection];
    const records: readonly unknown[] = data[collection];
    const seen = new Map<unknown, number>();
    for (let index = 0; index < records.length && problems.length < MAX_PROBLEMS; index += 1) {
      const checked = schema.safeParse(records[index]);
      if (!checked.success) {
        problems.push(...problemsOfIssues(checked.error.issues, [collection, index], index));
        continue;
      }
      // Two records with one id would silently keep only one of them.
      const first = seen.get(checked.data.id);
      if (first === undefined) seen.set(checked.data.id, index);
      else problems.push({ path: `${collection}[${index}].id`, message: `the id "${checked.data.id}" is used twice in ${collection}: ${collection}[${first}] has it too`, index, field: 'id' });
    }
  }
  data.ledger.forEach((entry, index) => {
    if (entry.venueId !== data.venue.id && problems.length < MAX_PROBLEMS) {
      problems.push({ path: `ledger[${index}].venueId`, message: `this entry is of venue "${entry.venueId}", not "${data.venue.id}"`, index, field: 'venueId' });
    }
  });
  return problems.slice(0, MAX_PROBLEMS);
}
