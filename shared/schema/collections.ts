// The RxDB collection schemas of a desk (and of the server's sync documents): the six
// collections of docs/architecture.md. Dexie needs every indexed field `required` (DXE1),
// and RxDB needs a maxLength on every indexed string.
import type { RxJsonSchema } from 'rxdb';
import type { Booking, Customer, LedgerEntry, Pass, Product, Session } from './records';

/**
 * A ledger entry as one flat document: every kind's fields, optional where kind-specific. Who
 * was signed in and who authorised (`staffId`, `authorisedBy…`, later fields) are stored but not
 * named in the RxDB schema: naming them would change its hash, with which RxDB refuses to open
 * a desk's existing database (a new version migrates every document, a million at a large
 * venue); a JSON schema lets further properties through, and the shared zod schema checks them.
 */
export type LedgerDocument = Omit<LedgerEntry, 'staffId' | 'authorisedById' | 'authorisedBy'> & Partial<Record<"charged" | "bookingId" | "venueDay" | "checkInId" | "expiry" | "total", unknown>>;

const idField = { type: 'string', maxLength: 200 } as const;
const instantField = { type: 'string', maxLength: 40 } as const;

const termsField = {
  type: 'object',
  properties: {
    uses: { type: ['integer', 'null'] },
    expiry: { type: 'object' },
    validFor: { type: ['string', 'array'] },
  },
  required: ['uses', 'expiry', 'validFor'],
} as const;

export const customerCollectionSchema: RxJsonSchema<Customer> = {
  title: 'customers',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idField,
    name: { type: 'string', maxLength: 200 },
    email: { type: 'string', maxLength: 320 },
  },
  required: ['id', 'name'],
};

export const productCollectionSchema: RxJsonSchema<Product> = {
  title: 'products',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idField,
    name: { type: 'string', maxLength: 200 },
    uses: { type: ['integer', 'null'] },
    expiry: { type: 'object' },
    validFor: { type: ['string', 'array'] },
  },
  required: ['id', 'name', 'uses', 'expiry', 'validFor'],
};

export const passCollectionSchema: RxJsonSchema<Pass> = {
  title: 'passes',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idField,
    customerId: idField,
    productId: idField,
    productName: { type: 'string', maxLength: 200 },
    purchasedAt: instantField,
    code: { type: 'string', maxLength: 100 },
    terms: termsField,
  },
  required: ['id', 'customerId', 'productId', 'productName', 'purchasedAt', 'code', 'terms'],
  indexes: ['customerId', 'code'],
};

export const sessionCollectionSchema: RxJsonSchema<Session> = {
  title: 'sessions',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idField,
    name: { type: 'string', maxLength: 200 },
    category: { type: 'string', maxLength: 100 },
    startsAt: instantField,
    endsAt: instantField,
  },
  required: ['id', 'name', 'category', 'startsAt', 'endsAt'],
  indexes: ['startsAt'],
};

export const bookingCollectionSchema: RxJsonSchema<Booking> = {
  title: 'bookings',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idField,
    sessionId: idField,
    customerId: idField,
    passId: idField,
    bookedAt: instantField,
  },
  required: ['id', 'sessionId', 'customerId', 'bookedAt'],
  indexes: ['sessionId', 'customerId'],
};

// Typed loosely: the ledger is a union of entry kinds, each with its own fields.
export const ledgerCollectionSchema: RxJsonSchema<LedgerDocument> = {
  title: 'ledger',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idField,
    kind: { type: 'string', maxLength: 20 },
    venueId: idField,
    passId: idField,
    customerId: idField,
    sessionId: idField,
    deskId: idField,
    staff: { type: 'string', maxLength: 200 },
    reason: { type: 'string', maxLength: 500 },
    at: instantField,
    hlc: { type: 'string', maxLength: 260 },
    charged: { type: 'boolean' },
    bookingId: { type: 'string', maxLength: 200 },
    venueDay: { type: 'string', maxLength: 10 },
    checkInId: { type: 'string', maxLength: 200 },
    expiry: { type: 'object' },
    total: { type: 'integer' },
  },
  required: ['id', 'kind', 'venueId', 'passId', 'customerId', 'sessionId', 'deskId', 'staff', 'reason', 'at', 'hlc'],
  indexes: ['passId', 'hlc', ['deskId', 'hlc']],
};

/** The kinds of records a bundle holds: platform records, pass summaries, ledger entries. */
export const bundleKinds = ['products', 'sessions', 'customers', 'passes', 'bookings', 'summaries', 'recent', 'history'] as const;
export type BundleKind = (typeof bundleKinds)[number];

/**
 * Many records of one kind kept as one document, their JSON text in `records`: what a desk
 * writes when it takes a venue in bulk (a new desk's snapshot from the endpoint, or a venue
 * file). IndexedDB writes and reads few large documents many times faster than as many small
 * ones (measured in Chromium: 30,000 ledger entries put one document each in 6.5 s, as 30
 * documents of 1,000 in 0.35 s), and text crosses the storage bridge as it is, where objects
 * are serialised twice. Records are in key order; `firstKey`..`lastKey` is the range a bundle
 * covers (for `history`, pass ids: one pass's entries are never split between bundles).
 */
export type BundleDocument = {
  id: string;
  kind: BundleKind;
  firstKey: string;
  lastKey: string;
  count: number;
  records: string;
};

/** The collection's name, which the storage host page knows too (its change events carry no records). */
export const BUNDLES_COLLECTION = 'bundles';

export const bundleCollectionSchema: RxJsonSchema<BundleDocument> = {
  title: BUNDLES_COLLECTION,
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 240 },
    kind: { type: 'string', maxLength: 20 },
    firstKey: idField,
    lastKey: idField,
    count: { type: 'integer' },
    records: { type: 'string' },
  },
  required: ['id', 'kind', 'firstKey', 'lastKey', 'count', 'records'],
  indexes: [['kind', 'lastKey']],
};

export const collectionSchemas = {
  customers: customerCollectionSchema,
  products: productCollectionSchema,
  passes: passCollectionSchema,
  sessions: sessionCollectionSchema,
  bookings: bookingCollectionSchema,
  ledger: ledgerCollectionSchema,
} as const;

export type CollectionName = keyof typeof collectionSchemas;
export const collectionNames = Object.keys(collectionSchemas) as CollectionName[];
