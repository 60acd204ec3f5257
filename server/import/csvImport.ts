// Customers and passes from CSV files, the way a booking platform exports them. Documented in
// docs/sync-server.md:
//   customers: id,name,email            (email may be empty)
//   passes:    id,customerId,productId,purchasedAt,code   (code may be empty)
// Products come from a JSON import first: a pass takes a snapshot of its product's terms at
// purchase, so a new pass gets the product's current terms and name, and a pass already
// stored keeps the snapshot it has (re-importing must not rewrite what a customer bought).
import type { Database, Queryable } from '../db/database';
import type { Customer, Pass, Product } from '../../shared/schema/records';
import { customerSchema, passInputSchema } from '../../shared/schema/records';
import type { SyncProblem } from '../../shared/schema/sync';
import { findVenue } from '../db/venues';
import { storedDocuments } from '../db/documents';
import { refusal } from '../errors';
import { MAX_PROBLEMS, NUL_MESSAGE, fieldWithNul, summaryOf } from '../sync/documentProblems';
import type { PlaceOf } from './applyVenueData';
import { applyVenueData, refreshStatisticsAfter } from './applyVenueData';
import type { CsvRow } from './csvTable';
import { csvHeader, readCsvTable } from './csvTable';
import { ImportRefused, refusedAsValue } from './importRefused';
import type { ImportResult } from './venueImport';

export const csvCollections = ['customers', 'passes'] as const;
export type CsvCollection = (typeof csvCollections)[number];

const columnsOf = {
  customers: { required: ['id', 'name'], optional: ['email'] },
  passes: { required: ['id', 'customerId', 'productId', 'purchasedAt'], optional: ['code'] },
} as const;

/** Which collection a CSV holds, from its first line: passes name a purchase, customers do not. */
export function csvCollectionOf(text: string): CsvCollection | null {
  const header = csvHeader(text);
  if (!header) return null;
  if (header.includes('purchasedAt') || header.includes('productId')) return 'passes';
  if (header.includes('name')) return 'customers';
  return null;
}

export async function importCsv(db: Database, venueId: string, text: string, collection?: CsvCollection): Promise<ImportResult> {
  const kind = collection ?? csvCollectionOf(text);
  if (!kind) {
    return invalid([{ path: 'line 1', message: `the first line must name the columns: ${columnsOf.customers.required.join(',')},email for customers, or ${columnsOf.passes.required.join(',')},code for passes`, line: 1 }]);
  }
  const table = readCsvTable(text, columnsOf[kind]);
  if (!table.ok) return invalid(table.problems);
  const rows = table.rows;
  const at: ProblemAt = (index, field, message) => {
    const line = rows[index]?.line ?? 0;
    return { path: `line ${line} "${field}"`, message, line, index, field };
  };
  const placeOf: PlaceOf = (_collection, index, field) => at(index, field, '');

  if (kind === 'customers') {
    const customers = customersOf(rows, at);
    if (!customers.ok) return invalid(customers.problems);
    return write(db, venueId, async () => ({ customers: customers.records }), placeOf);
  }
  const passes = passRowsOf(rows, at);
  if (!passes.ok) return invalid(passes.problems);
  return write(db, venueId, (tx) => resolvePasses(tx, venueId, passes.records, at), placeOf);
}

async function write(
  db: Database,
  venueId: string,
  records: (tx: Queryable) => Promise<{ customers?: Customer[]; passes?: Pass[] }>,
  placeOf: PlaceOf,
): Promise<ImportResult> {
  const result = await refusedAsValue(() => db.transaction(async (tx) => {
    const venue = await findVenue(tx, venueId);
    if (!venue) throw new ImportRefused(refusal('unknown-venue', `there is no venue "${venueId}" on this server: create it first (venue create)`));
    // Taken before the products and customers are read, so they cannot change under the import.
    await tx.query('SELECT 1 FROM venues WHERE id = $1 FOR UPDATE', [venueId]);
    return applyVenueData(tx, venue, await records(tx), [], placeOf);
  }));
  if (!result.ok) return result;
  await refreshStatisticsAfter(db, result.value);
  return { ok: true, summary: result.value };
}

function invalid(problems: SyncProblem[]): ImportResult {
  const kept = problems.slice(0, MAX_PROBLEMS);
  return { ok: false, refusal: refusal('invalid-file', `nothing was imported: ${summaryOf(kept)}`, kept) };
}

type Checked<T> = { ok: true; records: T[] } | { ok: false; problems: SyncProblem[] };

/** A mistake in row `index` (0 = the first row after the header), in field `field`. */
type ProblemAt = (index: number, field: string, message: string) => SyncProblem;

function issueProblems(issues: readonly { path: PropertyKey[]; message: string; code: string; input?: unknown }[], index: number, at: ProblemAt): SyncProblem[] {
  return issues.map((issue) => {
    const field = String(issue.path[0] ?? 'id');
    const message = issue.code === 'invalid_type' && issue.input === undefined ? 'this value must not be empty' : issue.message;
    return at(index, field, message);
  });
}

/** Ids must be unique within a file: two rows with one id would silently keep only the last. */
function duplicateIds(rows: readonly CsvRow[], at: ProblemAt): SyncProblem[] {
  const first = new Map<string, number>();
  const problems: SyncProblem[] = [];
  rows.forEach((row, index) => {
    const id = row.fields.id ?? '';
    const seen = first.get(id);
    if (seen === undefined) first.set(id, index);
    else problems.push(at(index, 'id', `the id "${id}" is also on line ${rows[seen]!.line}`));
  });
  return problems;
}

function customersOf(rows: readonly CsvRow[], at: ProblemAt): Checked<Customer> {
  const problems = duplicateIds(rows, at);
  const records: Customer[] = [];
  rows.forEach((row, index) => {
    if (problems.length >= MAX_PROBLEMS) return;
    const { id, name, email } = row.fields;
    const candidate = { id, name, ...(email ? { email } : {}) };
    const checked = customerSchema.safeParse(candidate);
    if (checked.success) records.push(checked.data);
    else problems.push(...issueProblems(checked.error.issues, index, at));
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, records };
}

type PassRow = { id: string; customerId: string; productId: string; purchasedAt: string; code: string };

function passRowsOf(rows: readonly CsvRow[], at: ProblemAt): Checked<PassRow> {
  const problems = duplicateIds(rows, at);
  const records: PassRow[] = [];
  const codes = new Map<string, number>();
  rows.forEach((row, index) => {
    if (problems.length >= MAX_PROBLEMS) return;
    const { id, customerId, productId, purchasedAt, code } = row.fields;
    const checked = passInputSchema.safeParse({ id, customerId, productId, purchasedAt, ...(code ? { code } : {}) });
    if (!checked.success) {
      problems.push(...issueProblems(checked.error.issues, index, at));
      return;
    }
    const pass = checked.data;
    // Its ids are looked up before anything is written: text PostgreSQL cannot store would fail that query.
    const unstorable = fieldWithNul(pass);
    if (unstorable !== null) {
      problems.push(at(index, unstorable, NUL_MESSAGE));
      return;
    }
    if (pass.code) {
      // SPEC: "a pass code matches exactly, ignoring case".
      const seen = codes.get(pass.code.toLowerCase());
      if (seen !== undefined) problems.push(at(index, 'code', `the pass code "${pass.code}" is also on line ${rows[seen]!.line}; pass codes must differ, ignoring upper and lower case`));
      else codes.set(pass.code.toLowerCase(), index);
    }
    records.push({ id: pass.id, customerId: pass.customerId, productId: pass.productId, purchasedAt: pass.purchasedAt, code: pass.code ?? '' });
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, records };
}

/** Passes with their terms snapshot; every product and customer must be on the server already. */
async function resolvePasses(tx: Queryable, venueId: string, rows: readonly PassRow[], at: ProblemAt): Promise<{ passes: Pass[] }> {
  const products = await storedDocuments(tx, venueId, 'products', [...new Set(rows.map((row) => row.productId))]);
  const customers = await storedDocuments(tx, venueId, 'customers', [...new Set(rows.map((row) => row.customerId))]);
  const stored = await storedDocuments(tx, venueId, 'passes', rows.map((row) => row.id));
  const problems: SyncProblem[] = [];
  const passes: Pass[] = [];
  rows.forEach((row, index) => {
    if (problems.length >= MAX_PROBLEMS) return;
    if (!customers.has(row.customerId)) problems.push(at(index, 'customerId', `no customer with id "${row.customerId}" on the server: import the customers first`));
    const productJson = products.get(row.productId);
    if (!productJson) {
      problems.push(at(index, 'productId', `no product with id "${row.productId}" on the server: products come from a JSON import first`));
      return;
    }
    const product = JSON.parse(productJson) as Product;
    const before = stored.get(row.id);
    const kept = before ? JSON.parse(before) as Pass : null;
    // The snapshot taken at purchase stays; a pass moved to another product takes that one's.
    const snapshot = kept && kept.productId === row.productId
      ? { productName: kept.productName, terms: kept.terms }
      : { productName: product.name, terms: { uses: product.uses, expiry: product.expiry, validFor: product.validFor } };
    passes.push({ id: row.id, customerId: row.customerId, productId: row.productId, productName: snapshot.productName, purchasedAt: row.purchasedAt, code: row.code, terms: snapshot.terms });
  });
  if (problems.length > 0) throw new ImportRefused(refusal('invalid-file', `nothing was imported: ${summaryOf(problems)}`, problems));
  return { passes };
}
