// The RxDB collection schemas of a desk (and of the server's sync documents): the six
// collections of docs/architecture.md. Dexie needs every indexed field `required` (DXE1),
// and RxDB needs a maxLength on every indexed string.
import type { RxJsonSchema } from 'rxdb';
import type { Booking, Customer, LedgerEntry, Pass, Product, Session } from './records';

/** A ledger entry as one flat document: every kind's fields, optional where kind-specific. */
export type LedgerDocument = Omit<LedgerEntry, never> & Partial<Record<"charged" | "bookingId" | "venueDay" | "checkInId" | "expiry" | "total", unknown>>;

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
