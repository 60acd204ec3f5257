// A CSV file imported on the desk (Setup, "Import a venue file"): the same files the endpoint's
// import takes (shared/venue/csvRecords.ts, one reading for both), added to the venue this desk
// holds. References are checked against what the desk holds; a pass takes its product's terms
// as on the endpoint. A desk paired with an endpoint takes its venue from there, so a file is
// imported into the endpoint instead.
import type { VenueData } from '../../shared/schema/records';
import type { DeskNote } from '../../shared/rules/deskNotes';
import type { CsvCollection } from '../../shared/venue/csvRecords';
import type { CsvProblem } from '../../shared/venue/csvTable';
import type { ImportProblemLine } from '../../shared/venue/importProblems';
import { missingReferences, passFromRow, readCsvRecords } from '../../shared/venue/csvRecords';
import type { DeskContext } from '../state/deskContext';

/** A CSV's first line names its columns, with commas between; a venue file is a JSON object. */
export function looksLikeCsv(text: string): boolean {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  const firstLine = start.split(/\r?\n/, 1)[0] ?? '';
  return start[0] !== '{' && start[0] !== '[' && firstLine.includes(',');
}

export type CsvOnDesk =
  | { ok: true; collection: CsvCollection; count: number; data: VenueData }
  | { ok: false; note: DeskNote; problems: ImportProblemLine[] };

export function csvVenueData(context: DeskContext, text: string, paired: boolean): CsvOnDesk {
  const held = context.venue;
  if (paired) return { ok: false, note: { note: 'csv-on-paired-desk' }, problems: [] };
  if (!held) return { ok: false, note: { note: 'csv-needs-venue' }, problems: [] };
  const read = readCsvRecords(text);
  if (!read.ok) return refused(read.problems);
  const { memory } = context;
  const missing = missingReferences(read, read.lines, { has: (collection, id) => memory[collection].has(id) });
  if (missing.length > 0) return refused(missing);
  const data: VenueData = { venue: held, products: [], customers: [], passes: [], sessions: [], bookings: [], ledger: [] };
  switch (read.collection) {
    case 'customers':
      data.customers = read.records;
      break;
    case 'products':
      data.products = read.records;
      break;
    case 'sessions':
      data.sessions = read.records;
      break;
    case 'bookings':
      data.bookings = read.records;
      break;
    case 'passes':
      data.passes = read.records.map((row) => passFromRow(row, memory.products.get(row.productId)!, memory.passes.get(row.id) ?? null));
      break;
  }
  return { ok: true, collection: read.collection, count: read.records.length, data };
}

/** Each problem at its line and column name, in words the desk says in its language. */
function refused(problems: readonly CsvProblem[]): CsvOnDesk {
  return {
    ok: false,
    note: { note: 'file-not-imported' },
    problems: problems.map((problem) => ({ ...(problem.line ? { line: problem.line } : {}), ...(problem.field ? { place: problem.field } : {}), problem: problem.problem })),
  };
}
