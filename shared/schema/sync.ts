// The sync endpoint's HTTP protocol (RxDB's replication protocol per collection), shared by
// the server (server/) and the desk (main/sync/); its routes, answers and refusal codes are
// in syncContract.ts. Every document crossing it is validated
// with the record schemas of records.ts.
import { z } from 'zod';
import type { CollectionName } from './collections';
import {
  bookingSchema, calendarDateSchema, customerSchema, ledgerEntrySchema, passSchema, productSchema, sessionSchema,
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


/** `POST /sync/ledger/push`: RxDB's push rows. The ledger is insert-only. */
export const pushBodySchema = z.object({
  rows: z.array(z.object({
    assumedMasterState: z.record(z.string(), z.unknown()).nullable().optional(),
    newDocumentState: z.record(z.string(), z.unknown()),
  }).strict()).max(1_000),
}).strict();
export type PushBody = z.infer<typeof pushBodySchema>;






// ── The first sync of a new desk: a snapshot, door first ─────────────────────────────────
// A desk with nothing yet does not replay the venue's change feed from seq 0 (1.3 million
// documents at a large venue, one RxDB write each): it reads a snapshot of the venue in large
// pages, door first (docs/architecture.md, "Sync"), and its replications then pull from the
// snapshot's seqs on. The snapshot is defined by `seqs`: every record whose last change has a
// seq at or below its collection's; anything changed later comes by the ordinary pull.

/** The parts of a snapshot, in the order a desk reads them: what the door needs, then the history. */
export const snapshotParts = ['products', 'sessions', 'customers', 'passes', 'bookings', 'summaries', 'recent', 'history'] as const;
export type SnapshotPart = (typeof snapshotParts)[number];
export const snapshotPartSchema = z.enum(snapshotParts);
/** The parts a desk needs before it is ready for the door. */
export const doorParts = ['products', 'sessions', 'customers', 'passes', 'bookings', 'summaries', 'recent'] as const satisfies readonly SnapshotPart[];


/** How far back `recent` reads at most: its `since` may be this many venue days before today. */
export const recentDaysAtMost = 7;

/**
 * `GET /sync/snapshot/:part?seq=&after=&limit=`: one page of a part, in key order.
 *   platform parts  the collection's records with seq ≤ `seq`, by id (`after`: an id)
 *   summaries       every pass's summary (shared/rules/passSummary.ts), by pass id; each holds
 *                   at least every ledger entry with seq ≤ `seq` (more is harmless: adding an
 *                   entry twice changes nothing)
 *   recent          check-ins with venueDay ≥ `since` and the undos of them, seq ≤ `seq`, by id
 *   history         every ledger entry with seq ≤ `seq`, by pass id then id (`after`: the
 *                   `next` of the page before, opaque to the desk); entries of one pass are
 *                   consecutive, those with no pass (passId '') first
 * `seq` is the snapshot's seq of the part's collection (summaries, recent, history: the ledger's).
 *
 * Made precise with the endpoint (server/sync/snapshot.ts), for the desk to rely on:
 * - `next` is exactly what to send as `after` for the following page, whatever the part (the
 *   last key of this page, or history's cursor); the first page has no `after`. The key order
 *   is the endpoint's (its database's collation): a desk never compares keys itself.
 * - A pass that no ledger entry names has no summary: its summary is the empty one. There is a
 *   summary for every pass id that entries name, even one that no pass record has.
 * - `since` is for recent only, and required there; at most `recentDaysAtMost` days before the
 *   endpoint's today in the venue zone (each recent page sorts the whole set; the start's
 *   `recentSince`, yesterday, is always accepted). A venue day that does not exist is refused.
 * - A `seq` the endpoint cannot serve is refused with 409 `snapshot-seq-ahead`: for summaries,
 *   above the seq they include (the start's `seqs.ledger` never is); for the other parts,
 *   above the venue's last committed change (a snapshot there could still gain records). Open a
 *   snapshot again. A seq below the start's is served (records changed since have left it).
 * - Refusals: 404 `unknown-part`; 400 `invalid-query` (a bad or unknown parameter, `since`
 *   missing or misplaced, an `after` that is no key or cursor the endpoint gives), naming the
 *   parameter in `problems`; 401 as every /sync route.
 */
export const snapshotPageQuerySchema = z.object({
  seq: z.coerce.number().int().min(0),
  after: z.string().max(1_000).optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(2_000),
  /** recent only: the first venue day (the start's `recentSince`). A calendar date: "2026-02-30" would compare as text like any other. */
  since: calendarDateSchema.optional(),
}).strict();
export type SnapshotPageQuery = z.infer<typeof snapshotPageQuerySchema>;

