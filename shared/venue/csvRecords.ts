// The platform's collections as CSV files, the way a booking platform exports them: one file
// per collection, its first line naming the columns (docs/import-examples/ has one of each,
// documented in docs/sync-server.md "Importing platform data"). The one reading of them, for the
// endpoint's import (server/import/csvImport.ts) and the desk's (main/venue/csvOnDesk.ts):
// each row checked with the records' own schemas, every mistake named by line and field.
//
//   customers: id,name,email                              (email may be empty)
//   products:  id,name,uses,expiry,validFor               (uses empty: unlimited; expiry "none",
//                                                          "30 days" or a date 2026-03-31;
//                                                          validFor empty or "all", else
//                                                          categories separated by ";")
//   passes:    id,customerId,productId,purchasedAt,code   (code may be empty)
//   sessions:  id,name,category,startsAt,endsAt
//   bookings:  id,sessionId,customerId,passId,bookedAt    (passId may be empty: paid otherwise)
import type { z } from 'zod';
import type { Booking, Customer, ExpiryRule, Pass, Product, Session, ValidFor } from '../schema/records';
import { bookingSchema, customerSchema, passInputSchema, productSchema, sessionSchema } from '../schema/records';
import type { SyncProblem } from '../schema/syncContract';
import type { CsvColumns, CsvProblem, CsvRow } from './csvTable';
import { MAX_PROBLEMS, csvHeader, csvProblem, readCsvTable } from './csvTable';
import type { ProblemWords } from './importProblems';
import { problem } from './importProblems';
import { describeIssue } from './resolveVenueFile';

export const csvCollections = ['customers', 'products', 'passes', 'sessions', 'bookings'] as const;
export type CsvCollection = (typeof csvCollections)[number];

export const csvColumns: Record<CsvCollection, CsvColumns> = {
  customers: { required: ['id', 'name'], optional: ['email'] },
  products: { required: ['id', 'name', 'expiry'], optional: ['uses', 'validFor'] },
  passes: { required: ['id', 'customerId', 'productId', 'purchasedAt'], optional: ['code'] },
  sessions: { required: ['id', 'name', 'category', 'startsAt', 'endsAt'], optional: [] },
  bookings: { required: ['id', 'sessionId', 'customerId', 'bookedAt'], optional: ['passId'] },
};

/** A pass row: its terms come from its product, where the import looks them up. */
export type PassRow = { id: string; customerId: string; productId: string; purchasedAt: string; code: string };

export type CsvRecords =
  | { collection: 'customers'; records: Customer[] }
  | { collection: 'products'; records: Product[] }
  | { collection: 'passes'; records: PassRow[] }
  | { collection: 'sessions'; records: Session[] }
  | { collection: 'bookings'; records: Booking[] };

export type ReadCsv = ({ ok: true; lines: number[] } & CsvRecords) | { ok: false; problems: CsvProblem[] };

/** Which collection a CSV holds, from its first line. */
export function csvCollectionOf(text: string): CsvCollection | null {
  const header = csvHeader(text);
  if (!header) return null;
  if (header.includes('purchasedAt') || header.includes('productId')) return 'passes';
  if (header.includes('bookedAt') || header.includes('sessionId')) return 'bookings';
  if (header.includes('startsAt') || header.includes('endsAt')) return 'sessions';
  if (header.includes('expiry') || header.includes('uses') || header.includes('validFor')) return 'products';
  if (header.includes('name')) return 'customers';
  return null;
}

/** The first line each collection's file starts with (for a refusal that says what was expected). */
export function headerLineOf(collection: CsvCollection): string {
  const columns = csvColumns[collection];
  return [...columns.required, ...columns.optional].join(',');
}

/** A CSV file's records, each checked; nothing when any row has a mistake. */
export function readCsvRecords(text: string, collection?: CsvCollection): ReadCsv {
  const kind = collection ?? csvCollectionOf(text);
  if (!kind) {
    const expected = csvCollections.map((name) => `${headerLineOf(name)} for ${name}`).join('; ');
    return { ok: false, problems: [csvProblem({ path: 'line 1', line: 1 }, problem('importProblem.csvColumnsFirst', { columns: expected }))] };
  }
  const table = readCsvTable(text, csvColumns[kind]);
  if (!table.ok) return table;
  const rows = table.rows;
  const lines = rows.map((row) => row.line);
  const problems = duplicateIds(rows);
  const build = builders[kind];
  const records: unknown[] = [];
  rows.forEach((row, index) => {
    if (problems.length >= MAX_PROBLEMS) return;
    const built = build(row.fields);
    if (built.ok) records.push(built.record);
    else problems.push(...built.problems.map((mistake) => csvProblemAt(row, index, mistake.field, mistake.problem)));
  });
  if (kind === 'passes' && problems.length === 0) problems.push(...sharedPassCodes(rows, records as PassRow[]));
  if (problems.length > 0) return { ok: false, problems: problems.slice(0, MAX_PROBLEMS) };
  return { ok: true, lines, collection: kind, records } as ({ ok: true; lines: number[] } & CsvRecords);
}

/** A mistake in `row` (index: 0 is the first row after the header), in `field`. */
export function problemAt(row: { line: number }, index: number, field: string, message: string): SyncProblem {
  return { path: `line ${row.line} "${field}"`, message, line: row.line, index, field };
}

/** The same, with its words for the desk. */
export function csvProblemAt(row: { line: number }, index: number, field: string, words: ProblemWords): CsvProblem {
  return csvProblem({ path: `line ${row.line} "${field}"`, line: row.line, index, field }, words);
}

/**
 * A pass row with its terms: a new pass takes its product's current name and terms; a pass
 * already held keeps the snapshot it has (what was sold does not change when the product is
 * edited), unless the row moves it to another product.
 */
export function passFromRow(row: PassRow, product: Product, kept: Pass | null): Pass {
  const snapshot = kept && kept.productId === row.productId
    ? { productName: kept.productName, terms: kept.terms }
    : { productName: product.name, terms: { uses: product.uses, expiry: product.expiry, validFor: product.validFor } };
  return { id: row.id, customerId: row.customerId, productId: row.productId, productName: snapshot.productName, purchasedAt: row.purchasedAt, code: row.code, terms: snapshot.terms };
}

/** What an import holds already, to check a file's references against. */
export type HeldRecords = {
  has(collection: 'customers' | 'products' | 'passes' | 'sessions', id: string): boolean;
};

/** Passes name a customer and a product, bookings a session, a customer and maybe a pass: each must be held. */
export function missingReferences(read: CsvRecords, lines: readonly number[], held: HeldRecords): CsvProblem[] {
  const problems: CsvProblem[] = [];
  const need = (index: number, field: string, collection: 'customers' | 'products' | 'passes' | 'sessions', id: string) => {
    if (problems.length >= MAX_PROBLEMS || held.has(collection, id)) return;
    const kind = ({ customers: 'customer', products: 'product', passes: 'pass', sessions: 'session' } as const)[collection];
    problems.push(csvProblemAt({ line: lines[index] ?? 0 }, index, field, problem('importProblem.csvNoRecord', { kind, id })));
  };
  if (read.collection === 'passes') {
    read.records.forEach((pass, index) => {
      need(index, 'customerId', 'customers', pass.customerId);
      need(index, 'productId', 'products', pass.productId);
    });
  }
  if (read.collection === 'bookings') {
    read.records.forEach((booking, index) => {
      need(index, 'sessionId', 'sessions', booking.sessionId);
      need(index, 'customerId', 'customers', booking.customerId);
      if (booking.passId) need(index, 'passId', 'passes', booking.passId);
    });
  }
  return problems;
}

// ---- One row into one record -------------------------------------------------------------

type Issue = z.core.$ZodIssue;
type Built<T> = { ok: true; record: T } | { ok: false; problems: { field: string; problem: ProblemWords }[] };
type Fields = Record<string, string>;

const builders: Record<CsvCollection, (fields: Fields) => Built<unknown>> = {
  customers: ({ id, name, email }) => checked(customerSchema, { id, name, ...(email ? { email } : {}) }),
  products: (fields) => productOf(fields),
  passes: ({ id, customerId, productId, purchasedAt, code }) => {
    const pass = checked(passInputSchema, { id, customerId, productId, purchasedAt, ...(code ? { code } : {}) });
    if (!pass.ok) return pass;
    const value = pass.record;
    return { ok: true, record: { id: value.id, customerId: value.customerId, productId: value.productId, purchasedAt: value.purchasedAt, code: value.code ?? '' } satisfies PassRow };
  },
  sessions: ({ id, name, category, startsAt, endsAt }) => {
    const session = checked(sessionSchema, { id, name, category, startsAt, endsAt });
    if (session.ok && Date.parse(session.record.endsAt) <= Date.parse(session.record.startsAt)) {
      return { ok: false, problems: [{ field: 'endsAt', problem: problem('importProblem.csvSessionEnds') }] };
    }
    return session;
  },
  bookings: ({ id, sessionId, customerId, passId, bookedAt }) => checked(bookingSchema, { id, sessionId, customerId, ...(passId ? { passId } : {}), bookedAt }),
};

function productOf({ id, name, uses, expiry, validFor }: Fields): Built<Product> {
  const problems: { field: string; problem: ProblemWords }[] = [];
  let total: number | null = null;
  if (uses) {
    if (!/^\d+$/.test(uses)) problems.push({ field: 'uses', problem: problem('importProblem.csvUses', { uses }) });
    else total = Number(uses);
  }
  const rule = expiryOf(expiry ?? '');
  if (!rule) problems.push({ field: 'expiry', problem: problem('importProblem.csvExpiry', { expiry: expiry ?? '' }) });
  if (problems.length > 0) return { ok: false, problems };
  return checked(productSchema, { id, name, uses: total, expiry: rule, validFor: validForOf(validFor ?? '') });
}

function expiryOf(text: string): ExpiryRule | null {
  const value = text.trim().toLowerCase();
  if (value === 'none' || value === 'never') return { kind: 'none' };
  const days = /^(\d+)\s*days?$/.exec(value);
  if (days) return { kind: 'relative', days: Number(days[1]) };
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return { kind: 'fixed', date: value };
  return null;
}

function validForOf(text: string): ValidFor {
  const categories = text.split(';').map((category) => category.trim()).filter((category) => category !== '');
  return categories.length === 0 || (categories.length === 1 && categories[0] === 'all') ? 'all' : categories;
}

function checked<T>(schema: { safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: readonly Issue[] } } }, candidate: unknown): Built<T> {
  const result = schema.safeParse(candidate);
  if (result.success) return { ok: true, record: result.data };
  const problems: { field: string; problem: ProblemWords }[] = [];
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? 'id');
    // A column is there on every line: a value missing from a row is an empty one.
    if (issue.code === 'invalid_type' && issue.input === undefined) problems.push({ field, problem: problem('importProblem.csvEmptyValue') });
    else describeIssue(issue, [], { add: (_path, words) => void problems.push({ field, problem: words }) });
  }
  return { ok: false, problems };
}

/** Ids must be unique within a file: two rows with one id would silently keep only the last. */
function duplicateIds(rows: readonly CsvRow[]): CsvProblem[] {
  const first = new Map<string, number>();
  const problems: CsvProblem[] = [];
  rows.forEach((row, index) => {
    const id = row.fields.id ?? '';
    const seen = first.get(id);
    if (seen === undefined) first.set(id, index);
    else problems.push(csvProblemAt(row, index, 'id', problem('importProblem.csvIdTwice', { id, line: rows[seen]!.line })));
  });
  return problems;
}

/** SPEC: "a pass code matches exactly, ignoring case": two passes of a file never share one. */
function sharedPassCodes(rows: readonly CsvRow[], passes: readonly PassRow[]): CsvProblem[] {
  const codes = new Map<string, number>();
  const problems: CsvProblem[] = [];
  passes.forEach((pass, index) => {
    if (!pass.code) return;
    const seen = codes.get(pass.code.toLowerCase());
    if (seen !== undefined) problems.push(csvProblemAt(rows[index]!, index, 'code', problem('importProblem.csvCodeTwice', { code: pass.code, line: rows[seen]!.line })));
    else codes.set(pass.code.toLowerCase(), index);
  });
  return problems;
}
