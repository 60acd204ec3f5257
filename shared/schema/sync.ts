// The sync endpoint's HTTP protocol (RxDB's replication protocol per collection), shared by
// the server (server/) and the desk (main/sync/). Every document crossing it is validated
// with the record schemas of records.ts.
import { z } from 'zod';
import type { CollectionName } from './collections';
import {
  bookingSchema, customerSchema, ledgerEntrySchema, passSchema, productSchema, sessionSchema,
} from './records';

export const syncCollections = ['products', 'customers', 'passes', 'sessions', 'bookings', 'ledger'] as const satisfies readonly CollectionName[];
export type SyncCollection = (typeof syncCollections)[number];
/** Platform collections are pull-only on a desk; only the ledger is pushed. */
export const pushCollections = ['ledger'] as const satisfies readonly SyncCollection[];

export const syncCollectionSchema = z.enum(syncCollections);

/** Each collection's record schema: what the server accepts and a desk accepts from it. */
export const syncRecordSchemas = {
  products: productSchema,
  customers: customerSchema,
  passes: passSchema,
  sessions: sessionSchema,
  bookings: bookingSchema,
  ledger: ledgerEntrySchema,
} as const;

/** The server's change sequence: per venue, monotonic in commit order. */
export const syncCheckpointSchema = z.object({ seq: z.number().int().min(0), id: z.string().max(200) }).strict();
export type SyncCheckpoint = z.infer<typeof syncCheckpointSchema>;

/** `GET /sync/:collection/pull?seq=&id=&limit=` */
export const pullQuerySchema = z.object({
  seq: z.coerce.number().int().min(0).optional(),
  id: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(500),
}).strict();

/** A document on the wire: the record plus RxDB's deleted flag (platform records are replaced, never deleted). */
export type SyncDocument = Record<string, unknown> & { id: string; _deleted: boolean };

export type PullResponse = { documents: SyncDocument[]; checkpoint: SyncCheckpoint | null };

/** `POST /sync/ledger/push`: RxDB's push rows. The ledger is insert-only. */
export const pushBodySchema = z.object({
  rows: z.array(z.object({
    assumedMasterState: z.record(z.string(), z.unknown()).nullable().optional(),
    newDocumentState: z.record(z.string(), z.unknown()),
  }).strict()).max(1_000),
}).strict();

/** The stored documents that differ from what was pushed under the same id. */
export type PushResponse = { conflicts: SyncDocument[] };

/** One message of the live stream (`GET /sync/stream`, Server-Sent Events). */
export type StreamMessage =
  | { kind: 'changes'; collection: SyncCollection; documents: SyncDocument[]; checkpoint: SyncCheckpoint }
  /** After a (re)connect: the desk pulls from its checkpoint again (RxDB's 'RESYNC'). */
  | { kind: 'resync' };

/** `GET /sync/hello`: what a device token opens; used to validate pairing. */
export type HelloResponse = { venue: { id: string; timeZone: string; name?: string }; deviceId: string; counts: Partial<Record<SyncCollection, number>> };

/**
 * Where a refused request went wrong, one entry per mistake: `path` names the place
 * (`rows[3].newDocumentState.hlc`, `passes[2].productId`, `line 5 "email"`); `index` is the
 * push row or file item, `field` the field, `line` the line of a CSV file, where they apply.
 */
export type SyncProblem = { path: string; message: string; index?: number; field?: string; line?: number };

/** Errors come back as 4xx with a reason people can read (`error` is a stable code). */
export type SyncErrorResponse = { error: string; message: string; problems?: SyncProblem[] };
