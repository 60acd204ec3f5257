// A venue file in (SPEC "Setting up, data in and out"): the platform's data is checked whole,
// shape first and then every cross-reference, and either all of it comes back resolved or
// nothing does, with every mistake named by its place in the file. README: "A file with a
// mistake is refused whole, with the line, column and field at fault; nothing is half-loaded."
// The words are for the venue's IT person who has to fix the file, not for a programmer; each
// problem is a message of the one catalog (./importProblems.ts), said in English here for the
// endpoint and the logs, in the desk's language on the desk.
import type { z } from 'zod';
import type { ProblemValue, ProblemWords } from './importProblems';
import { problem, problemInEnglish } from './importProblems';
import type { Booking, LedgerEntry, Pass, PassInput, Product, Session, VenueData, VenueFile } from '../schema/records';
import { venueFileSchema } from '../schema/records';
import { instantMs } from '../rules/venueTime';

export type VenuePath = (string | number)[];
/** `message`: the problem in English (the endpoint's answers, the logs); `problem`: the same as a message of the catalog. */
export type VenueFileError = { path: VenuePath; message: string; problem: ProblemWords };
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

  add(path: VenuePath, words: ProblemWords): void {
    this.count += 1;
    if (this.kept.length < MAX_VENUE_FILE_ERRORS) this.kept.push({ path, message: problemInEnglish(words), problem: words });
    else this.firstLeftOut ??= path;
  }

  list(): VenueFileError[] {
    if (this.firstLeftOut === null) return this.kept;
    const more = problem('importProblem.moreNotListed', { count: this.count - this.kept.length });
    return [...this.kept, { path: this.firstLeftOut, message: problemInEnglish(more), problem: more }];
  }
}

// --- shape: zod's issues in the venue's words -------------------------------------------

const expectedWords: Record<string, ProblemValue> = {
  string: problem('importProblem.kind.text'),
  number: problem('importProblem.kind.number'),
  int: problem('importProblem.kind.int'),
  boolean: problem('importProblem.kind.boolean'),
  object: problem('importProblem.kind.object'),
  array: problem('importProblem.kind.array'),
  null: 'null',
};

function quoted(text: string): string {
  const shown = text.length > 60 ? `${text.slice(0, 57)}…` : text;
  return JSON.stringify(shown);
}

function describeValue(input: unknown): ProblemValue {
  if (input === null) return 'null';
  if (Array.isArray(input)) return problem(input.length === 0 ? 'importProblem.value.emptyList' : 'importProblem.value.list');
  switch (typeof input) {
    case 'string': return input === '' ? problem('importProblem.value.emptyText') : quoted(input);
    case 'number': return problem('importProblem.value.number', { number: String(input) });
    case 'boolean': return String(input);
    case 'object': return problem('importProblem.value.object');
    default: return problem('importProblem.value.missing');
  }
}

function fieldName(path: readonly PropertyKey[]): ProblemValue {
  const last = path[path.length - 1];
  return typeof last === 'string' ? `"${last}"` : problem('importProblem.thisValue');
}

/** A refinement of the records' schemas names its message (shared/schema/records.ts `refinedAs`); else zod's own words. */
function customWords(issue: Issue): ProblemWords | null {
  const params = 'params' in issue ? issue.params as { problem?: ProblemWords['id']; values?: Record<string, string | number> } | undefined : undefined;
  return params?.problem ? problem(params.problem, params.values) : null;
}

function toVenuePath(path: readonly PropertyKey[]): VenuePath {
  return path.map((key) => (typeof key === 'number' ? key : String(key)));
}

/** Each problem of one zod issue, at its place (`prefix` + the issue's path). */
export function describeIssue(issue: Issue, prefix: readonly PropertyKey[], errors: { add(path: VenuePath, words: ProblemWords): void }): void {
  const path = [...prefix, ...issue.path];
  const add = (words: ProblemWords, at: readonly PropertyKey[] = path) => errors.add(toVenuePath(at), words);
  // "…, not 42": what the file has, when it has something.
  const but = (words: ProblemWords): ProblemWords => ('input' in issue && issue.input !== undefined ? problem('importProblem.butNot', { problem: words, given: describeValue(issue.input) }) : words);
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return add(problem('importProblem.missingField', { field: fieldName(path) }));
      return add(but(problem('importProblem.mustBe', { expected: expectedWords[issue.expected] ?? issue.expected })));
    case 'unrecognized_keys':
      // One line per field, each pointing at the field itself so the editor lands on it.
      for (const key of issue.keys) add(problem('importProblem.unknownField', { field: key }), [...path, key]);
      return;
    case 'invalid_union':
      return describeUnionIssue(issue, path, errors);
    case 'invalid_value':
      return add(but(problem('importProblem.mustBe', { expected: { anyOf: issue.values.map((value) => describeValue(value)) } })));
    case 'too_small':
      return add(but(tooSmallWords(issue)));
    case 'too_big':
      return add(but(tooBigWords(issue)));
    default: {
      // A refinement of the records (an instant, a time zone…) names its message; zod's own
      // words are left only for a check no record of a venue file makes.
      const words = customWords(issue);
      return add(but(words ?? problem('importProblem.inCheckerWords', { text: issue.message })));
    }
  }
}

function describeUnionIssue(issue: Extract<Issue, { code: 'invalid_union' }>, path: PropertyKey[], errors: { add(path: VenuePath, words: ProblemWords): void }): void {
  const input = issue.input;
  if (issue.discriminator !== undefined && issue.errors.length === 0) {
    // zod already points the path at the discriminating field ("kind").
    const options = ('options' in issue ? issue.options ?? [] : []).map((option) => JSON.stringify(option)).join(', ');
    const given = input !== null && typeof input === 'object' ? (input as Record<string, unknown>)[issue.discriminator] : undefined;
    errors.add(toVenuePath(path), given === undefined
      ? problem('importProblem.missingFieldOneOf', { field: fieldName(path), options })
      : problem('importProblem.mustBeOneOf', { options, given: describeValue(given) }));
    return;
  }
  // When one alternative got further than its top level (a list with a bad item), its
  // mistakes are the helpful ones; otherwise say which forms are allowed.
  const deeper = issue.errors.find((branch) => branch.length > 0 && branch.every((inner) => inner.path.length > 0));
  if (deeper) {
    for (const inner of deeper) describeIssue(inner, path, errors);
    return;
  }
  const forms: ProblemValue[] = issue.errors.flatMap((branch) => branch.map((inner): ProblemValue =>
    inner.code === 'invalid_value' ? { anyOf: inner.values.map((value) => describeValue(value)) }
    : inner.code === 'invalid_type' ? expectedWords[inner.expected] ?? inner.expected
    : customWords(inner) ?? problem('importProblem.inCheckerWords', { text: inner.message })));
  const distinct = [...new Map(forms.map((form) => [JSON.stringify(form), form])).values()];
  const mustBe = problem('importProblem.mustBe', { expected: distinct.length === 1 ? distinct[0]! : { anyOf: distinct } });
  errors.add(toVenuePath(path), input === undefined ? mustBe : problem('importProblem.butNot', { problem: mustBe, given: describeValue(input) }));
}

function tooSmallWords(issue: Extract<Issue, { code: 'too_small' }>): ProblemWords {
  const count = Number(issue.minimum);
  switch (issue.origin) {
    case 'string': return count <= 1 ? problem('importProblem.notEmpty') : problem('importProblem.atLeastChars', { count });
    case 'array': return problem('importProblem.atLeastItems', { count });
    default: return problem(issue.inclusive ? 'importProblem.atLeast' : 'importProblem.moreThan', { count });
  }
}

function tooBigWords(issue: Extract<Issue, { code: 'too_big' }>): ProblemWords {
  const count = Number(issue.maximum);
  switch (issue.origin) {
    case 'string': return problem('importProblem.atMostChars', { count });
    case 'array': return problem('importProblem.atMostItems', { count });
    default: return problem(issue.inclusive ? 'importProblem.atMost' : 'importProblem.lessThan', { count });
  }
}

// --- cross-references --------------------------------------------------------------------

type Collection = 'products' | 'customers' | 'passes' | 'sessions' | 'bookings' | 'ledger';

const noRecord = (kind: 'customer' | 'product' | 'session' | 'pass', id: string) => problem('importProblem.noRecord', { kind, id: quoted(id) });

/** Each id to its index in the file; a second use of an id is a mistake where it appears. */
function indexById(collection: Collection, items: readonly { id: string }[], errors: ErrorList): Map<string, number> {
  const index = new Map<string, number>();
  items.forEach((item, at) => {
    const first = index.get(item.id);
    if (first === undefined) index.set(item.id, at);
    else errors.add([collection, at, 'id'], problem('importProblem.idTwice', { id: quoted(item.id), collection, first }));
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
    if (!customers.has(pass.customerId)) errors.add(['passes', at, 'customerId'], noRecord('customer', pass.customerId));
    if (!products.has(pass.productId)) errors.add(['passes', at, 'productId'], noRecord('product', pass.productId));
    if (pass.code === undefined) return;
    const key = pass.code.toLowerCase();
    const first = codes.get(key);
    if (first === undefined) codes.set(key, at);
    else errors.add(['passes', at, 'code'], problem('importProblem.codeTwice', { code: quoted(pass.code), pass: quoted(passes[first]!.id), index: first }));
  });
}

function checkSessions(sessions: readonly Session[], errors: ErrorList): void {
  sessions.forEach((session, at) => {
    if (instantMs(session.endsAt) < instantMs(session.startsAt)) {
      errors.add(['sessions', at, 'endsAt'], problem('importProblem.endsBeforeStarts', { endsAt: session.endsAt, startsAt: session.startsAt }));
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
    if (!sessions.has(booking.sessionId)) errors.add(['bookings', at, 'sessionId'], noRecord('session', booking.sessionId));
    const knownCustomer = customers.has(booking.customerId);
    if (!knownCustomer) errors.add(['bookings', at, 'customerId'], noRecord('customer', booking.customerId));
    if (booking.passId === undefined) return;
    const pass = passIndex.has(booking.passId) ? passes[passIndex.get(booking.passId)!]! : null;
    if (!pass) errors.add(['bookings', at, 'passId'], noRecord('pass', booking.passId));
    else if (knownCustomer && pass.customerId !== booking.customerId) {
      // FORMAT.md: a booking with passId "was paid with that pass": only its holder's pass can pay.
      errors.add(['bookings', at, 'passId'], problem('importProblem.bookingPassOfOther', { pass: quoted(pass.id), owner: quoted(pass.customerId), customer: quoted(booking.customerId) }));
    }
  });
}

function checkLedger(file: VenueFile, customers: Map<string, number>, passIndex: Map<string, number>, errors: ErrorList): void {
  file.ledger.forEach((entry: LedgerEntry, at) => {
    if (entry.venueId !== file.venue.id) {
      errors.add(['ledger', at, 'venueId'], problem('importProblem.entryOtherVenue', { venue: quoted(entry.venueId), fileVenue: quoted(file.venue.id) }));
    }
    const knownCustomer = customers.has(entry.customerId);
    if (!knownCustomer) errors.add(['ledger', at, 'customerId'], noRecord('customer', entry.customerId));
    if (entry.passId === '') {
      // Only attendance of a booking paid otherwise redeems no pass (records.ts).
      if (entry.kind !== 'check-in' || entry.charged) errors.add(['ledger', at, 'passId'], problem('importProblem.entryNamesPass', { kind: entry.kind === 'check-in' ? 'chargedCheckIn' : entry.kind }));
      return;
    }
    const pass: PassInput | null = passIndex.has(entry.passId) ? file.passes[passIndex.get(entry.passId)!]! : null;
    if (!pass) errors.add(['ledger', at, 'passId'], noRecord('pass', entry.passId));
    else if (knownCustomer && pass.customerId !== entry.customerId) {
      errors.add(['ledger', at, 'passId'], problem('importProblem.entryPassOfOther', { pass: quoted(pass.id), owner: quoted(pass.customerId), customer: quoted(entry.customerId) }));
    }
  });
}
