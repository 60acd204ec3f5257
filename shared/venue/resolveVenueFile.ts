// A venue file in (SPEC "Setting up, data in and out"): the platform's data is checked whole,
// shape first and then every cross-reference, and either all of it comes back resolved or
// nothing does, with every mistake named by its place in the file. README: "A file with a
// mistake is refused whole, with the line, column and field at fault; nothing is half-loaded."
// The words are for the venue's IT person who has to fix the file, not for a programmer.
import type { z } from 'zod';
import type { Booking, LedgerEntry, Pass, PassInput, Product, Session, VenueData, VenueFile } from '../schema/records';
import { venueFileSchema } from '../schema/records';
import { instantMs } from '../rules/venueTime';

export type VenuePath = (string | number)[];
export type VenueFileError = { path: VenuePath; message: string };
export type ResolvedVenueFile = { ok: true; data: VenueData } | { ok: false; errors: VenueFileError[] };

/**
 * Past this many the list stops, with one closing line saying how many more there are:
 * a file with the same mistake on every line is better fixed from the first few.
 */
export const MAX_VENUE_FILE_ERRORS = 50;

type Issue = z.core.$ZodIssue;

export function resolveVenueFile(raw: unknown): ResolvedVenueFile {
  const errors = new ErrorList();
  const parsed = venueFileSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    // Cross-references of a file whose shape is wrong would only repeat the same mistakes.
    for (const issue of parsed.error.issues) describeIssue(issue, [], errors);
    return { ok: false, errors: errors.list() };
  }
  const data = resolveReferences(parsed.data, errors);
  return data && errors.count === 0 ? { ok: true, data } : { ok: false, errors: errors.list() };
}

class ErrorList {
  count = 0;
  private readonly kept: VenueFileError[] = [];
  private firstLeftOut: VenuePath | null = null;

  add(path: VenuePath, message: string): void {
    this.count += 1;
    if (this.kept.length < MAX_VENUE_FILE_ERRORS) this.kept.push({ path, message });
    else this.firstLeftOut ??= path;
  }

  list(): VenueFileError[] {
    if (this.firstLeftOut === null) return this.kept;
    const more = this.count - this.kept.length;
    return [...this.kept, {
      path: this.firstLeftOut,
      message: `${more} more ${more === 1 ? 'mistake' : 'mistakes'} from here on not listed; fix the ones above and check the file again`,
    }];
  }
}

// --- shape: zod's issues in the venue's words -------------------------------------------

const expectedWords: Record<string, string> = {
  string: 'text in double quotes',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object { … }',
  array: 'a list [ … ]',
  null: 'null',
};

function quoted(text: string): string {
  const shown = text.length > 60 ? `${text.slice(0, 57)}…` : text;
  return JSON.stringify(shown);
}

function describeValue(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return input.length === 0 ? 'an empty list' : 'a list';
  switch (typeof input) {
    case 'string': return input === '' ? 'empty text ""' : quoted(input);
    case 'number': return `the number ${input}`;
    case 'boolean': return String(input);
    case 'object': return 'an object';
    default: return 'missing';
  }
}

function fieldName(path: readonly PropertyKey[]): string {
  const last = path[path.length - 1];
  return typeof last === 'string' ? `"${last}"` : 'this value';
}

function toVenuePath(path: readonly PropertyKey[]): VenuePath {
  return path.map((key) => (typeof key === 'number' ? key : String(key)));
}

function describeIssue(issue: Issue, prefix: readonly PropertyKey[], errors: ErrorList): void {
  const path = [...prefix, ...issue.path];
  const add = (message: string, at: readonly PropertyKey[] = path) => errors.add(toVenuePath(at), message);
  const but = 'input' in issue && issue.input !== undefined ? `, not ${describeValue(issue.input)}` : '';
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return add(`required field ${fieldName(path)} is missing`);
      return add(`must be ${expectedWords[issue.expected] ?? issue.expected}${but}`);
    case 'unrecognized_keys':
      // One line per field, each pointing at the field itself so the editor lands on it.
      for (const key of issue.keys) add(`unknown field "${key}": check its spelling, or remove it`, [...path, key]);
      return;
    case 'invalid_union':
      return describeUnionIssue(issue, path, errors);
    case 'invalid_value':
      return add(`must be ${issue.values.map((value) => describeValue(value)).join(' or ')}${but}`);
    case 'too_small':
      return add(`${tooSmallWords(issue)}${but}`);
    case 'too_big':
      return add(`${tooBigWords(issue)}${but}`);
    case 'invalid_format':
    case 'custom':
      return add(`${issue.message}${but}`);
    default:
      return add(issue.message);
  }
}

function describeUnionIssue(issue: Extract<Issue, { code: 'invalid_union' }>, path: PropertyKey[], errors: ErrorList): void {
  const input = issue.input;
  if (issue.discriminator !== undefined && issue.errors.length === 0) {
    // zod already points the path at the discriminating field ("kind").
    const options = ('options' in issue ? issue.options ?? [] : []).map((option) => JSON.stringify(option)).join(', ');
    const given = input !== null && typeof input === 'object' ? (input as Record<string, unknown>)[issue.discriminator] : undefined;
    errors.add(toVenuePath(path), given === undefined
      ? `required field ${fieldName(path)} is missing; it must be one of ${options}`
      : `must be one of ${options}, not ${describeValue(given)}`);
    return;
  }
  // When one alternative got further than its top level (a list with a bad item), its
  // mistakes are the helpful ones; otherwise say which forms are allowed.
  const deeper = issue.errors.find((branch) => branch.length > 0 && branch.every((inner) => inner.path.length > 0));
  if (deeper) {
    for (const inner of deeper) describeIssue(inner, path, errors);
    return;
  }
  const forms = issue.errors.flatMap((branch) => branch.map((inner) =>
    inner.code === 'invalid_value' ? inner.values.map((value) => describeValue(value)).join(' or ')
    : inner.code === 'invalid_type' ? expectedWords[inner.expected] ?? inner.expected
    : inner.message));
  errors.add(toVenuePath(path), `must be ${[...new Set(forms)].join(' or ')}${input === undefined ? '' : `, not ${describeValue(input)}`}`);
}

function tooSmallWords(issue: Extract<Issue, { code: 'too_small' }>): string {
  const minimum = Number(issue.minimum);
  switch (issue.origin) {
    case 'string': return minimum <= 1 ? 'must not be empty' : `must be at least ${minimum} characters long`;
    case 'array': return `must list at least ${minimum} ${minimum === 1 ? 'item' : 'items'}`;
    default: return `must be ${issue.inclusive ? 'at least' : 'more than'} ${minimum}`;
  }
}

function tooBigWords(issue: Extract<Issue, { code: 'too_big' }>): string {
  const maximum = Number(issue.maximum);
  switch (issue.origin) {
    case 'string': return `must be at most ${maximum} characters long`;
    case 'array': return `must list at most ${maximum} items`;
    default: return `must be ${issue.inclusive ? 'at most' : 'less than'} ${maximum}`;
  }
}

// --- cross-references --------------------------------------------------------------------

type Collection = 'products' | 'customers' | 'passes' | 'sessions' | 'bookings' | 'ledger';

/** Each id to its index in the file; a second use of an id is a mistake where it appears. */
function indexById(collection: Collection, items: readonly { id: string }[], errors: ErrorList): Map<string, number> {
  const index = new Map<string, number>();
  items.forEach((item, at) => {
    const first = index.get(item.id);
    if (first === undefined) index.set(item.id, at);
    else errors.add([collection, at, 'id'], `the id ${quoted(item.id)} is used twice in ${collection}: ${collection}[${first}] has it too`);
  });
  return index;
}

function resolveReferences(file: VenueFile, errors: ErrorList): VenueData | null {
  const products = indexById('products', file.products, errors);
  const customers = indexById('customers', file.customers, errors);
  const passes = indexById('passes', file.passes, errors);
  const sessions = indexById('sessions', file.sessions, errors);
  indexById('bookings', file.bookings, errors);
  indexById('ledger', file.ledger, errors);

  checkPasses(file.passes, customers, products, errors);
  checkSessions(file.sessions, errors);
  checkBookings(file.bookings, file.passes, customers, sessions, passes, errors);
  checkLedger(file, customers, passes, errors);
  if (errors.count > 0) return null;

  return {
    venue: file.venue,
    products: file.products,
    customers: file.customers,
    passes: file.passes.map((pass) => passWithTerms(pass, file.products[products.get(pass.productId)!]!)),
    sessions: file.sessions,
    bookings: file.bookings,
    ledger: file.ledger,
  };
}

/** FORMAT.md: "A pass takes a snapshot of its product's terms at purchase". */
function passWithTerms(pass: PassInput, product: Product): Pass {
  return {
    id: pass.id,
    customerId: pass.customerId,
    productId: pass.productId,
    productName: product.name,
    purchasedAt: pass.purchasedAt,
    code: pass.code ?? '',
    // A pass that carries its own terms was sold before the product was last edited.
    terms: pass.terms ?? { uses: product.uses, expiry: product.expiry, validFor: product.validFor },
  };
}

function checkPasses(passes: readonly PassInput[], customers: Map<string, number>, products: Map<string, number>, errors: ErrorList): void {
  // SPEC: "a pass code matches exactly, ignoring case", so two codes differing only in case
  // would make a scan ambiguous at the door.
  const codes = new Map<string, number>();
  passes.forEach((pass, at) => {
    if (!customers.has(pass.customerId)) errors.add(['passes', at, 'customerId'], `no customer with id ${quoted(pass.customerId)}`);
    if (!products.has(pass.productId)) errors.add(['passes', at, 'productId'], `no product with id ${quoted(pass.productId)}`);
    if (pass.code === undefined) return;
    const key = pass.code.toLowerCase();
    const first = codes.get(key);
    if (first === undefined) codes.set(key, at);
    else errors.add(['passes', at, 'code'], `the pass code ${quoted(pass.code)} is also the code of pass ${quoted(passes[first]!.id)} (passes[${first}]); pass codes must differ, ignoring upper and lower case`);
  });
}

function checkSessions(sessions: readonly Session[], errors: ErrorList): void {
  sessions.forEach((session, at) => {
    if (instantMs(session.endsAt) < instantMs(session.startsAt)) {
      errors.add(['sessions', at, 'endsAt'], `the session ends (${session.endsAt}) before it starts (${session.startsAt})`);
    }
  });
}

function checkBookings(
  bookings: readonly Booking[],
  passes: readonly PassInput[],
  customers: Map<string, number>,
  sessions: Map<string, number>,
  passIndex: Map<string, number>,
  errors: ErrorList,
): void {
  bookings.forEach((booking, at) => {
    if (!sessions.has(booking.sessionId)) errors.add(['bookings', at, 'sessionId'], `no session with id ${quoted(booking.sessionId)}`);
    const knownCustomer = customers.has(booking.customerId);
    if (!knownCustomer) errors.add(['bookings', at, 'customerId'], `no customer with id ${quoted(booking.customerId)}`);
    if (booking.passId === undefined) return;
    const pass = passIndex.has(booking.passId) ? passes[passIndex.get(booking.passId)!]! : null;
    if (!pass) errors.add(['bookings', at, 'passId'], `no pass with id ${quoted(booking.passId)}`);
    else if (knownCustomer && pass.customerId !== booking.customerId) {
      // FORMAT.md: a booking with passId "was paid with that pass": only its holder's pass can pay.
      errors.add(['bookings', at, 'passId'], `pass ${quoted(pass.id)} belongs to customer ${quoted(pass.customerId)}, not to ${quoted(booking.customerId)} who made this booking`);
    }
  });
}

function checkLedger(file: VenueFile, customers: Map<string, number>, passIndex: Map<string, number>, errors: ErrorList): void {
  file.ledger.forEach((entry: LedgerEntry, at) => {
    if (entry.venueId !== file.venue.id) {
      errors.add(['ledger', at, 'venueId'], `this entry is of venue ${quoted(entry.venueId)}, but the file is for venue ${quoted(file.venue.id)}`);
    }
    const knownCustomer = customers.has(entry.customerId);
    if (!knownCustomer) errors.add(['ledger', at, 'customerId'], `no customer with id ${quoted(entry.customerId)}`);
    if (entry.passId === '') {
      // Only attendance of a booking paid otherwise redeems no pass (records.ts).
      if (entry.kind !== 'check-in' || entry.charged) errors.add(['ledger', at, 'passId'], `a ${entry.kind === 'check-in' ? 'charged check-in' : entry.kind} must name its pass`);
      return;
    }
    const pass: PassInput | null = passIndex.has(entry.passId) ? file.passes[passIndex.get(entry.passId)!]! : null;
    if (!pass) errors.add(['ledger', at, 'passId'], `no pass with id ${quoted(entry.passId)}`);
    else if (knownCustomer && pass.customerId !== entry.customerId) {
      errors.add(['ledger', at, 'passId'], `pass ${quoted(pass.id)} belongs to customer ${quoted(pass.customerId)}, not to ${quoted(entry.customerId)} named by this entry`);
    }
  });
}
