// The sync endpoint's protocol as one contract, for both sides: per route its method, path,
// the query or body it takes and the answer it gives; the live stream's message; the codes of
// its refusals with their HTTP status. The endpoint registers its routes from `syncRoutes`
// (server/routes/*.ts) and the desk calls them through one function that parses the answer
// with the route's schema (main/sync/syncEndpoint.ts). No '/sync/' path is written elsewhere
// (test/unit/architecture/syncContract.test.ts).
import { z } from 'zod';
import type { SnapshotPart, SyncCollection } from './sync';
import { staffRecordSchema } from '../staff/staffRecords';
import {
  pullQuerySchema, pushBodySchema, snapshotPageQuerySchema, snapshotParts, syncCheckpointSchema, syncCollectionSchema, syncCollections,
} from './sync';

// ── Refusals ───────────────────────────────────────────────────────────────────────────────

/** Every refusal the endpoint gives, as a closed list of codes with their HTTP status. */
export const syncErrorStatus = {
  'missing-token': 401,
  'invalid-token': 401,
  'token-revoked': 401,
  'admin-token-required': 401,
  'invalid-admin-token': 401,
  'too-many-failed-attempts': 429,
  'too-many-streams': 429,
  'wrong-venue': 403,
  'not-found': 404,
  'unknown-collection': 404,
  'unknown-venue': 404,
  'unknown-device': 404,
  'unknown-part': 404,
  'unknown-staff': 404,
  'read-only-collection': 405,
  'method-not-allowed': 405,
  'request-timeout': 408,
  'venue-exists': 409,
  'staff-exists': 409,
  'snapshot-seq-ahead': 409,
  'clock-ahead': 409,
  'invalid-url': 400,
  'url-too-long': 414,
  'invalid-query': 400,
  'invalid-json': 400,
  'json-too-deep': 400,
  'invalid-request': 400,
  'invalid-body': 400,
  'invalid-document': 400,
  'invalid-file': 400,
  'body-too-large': 413,
  'unsupported-media-type': 415,
  'headers-too-large': 431,
  'storage-full': 507,
  unavailable: 503,
  internal: 500,
} as const satisfies Record<string, number>;

export type SyncErrorCode = keyof typeof syncErrorStatus;
export const syncErrorCodes = Object.keys(syncErrorStatus) as SyncErrorCode[];

export function isSyncErrorCode(code: unknown): code is SyncErrorCode {
  return typeof code === 'string' && Object.hasOwn(syncErrorStatus, code);
}

/**
 * Where a refused request went wrong, one entry per mistake: `path` names the place
 * (`rows[3].newDocumentState.hlc`, `passes[2].productId`, `line 5 "email"`); `index` is the
 * push row or file item, `field` the field, `line` the line of a CSV file, where they apply.
 */
export const syncProblemSchema = z.object({
  path: z.string(),
  message: z.string(),
  index: z.number().int().min(0).optional(),
  field: z.string().optional(),
  line: z.number().int().min(1).optional(),
});
export type SyncProblem = z.infer<typeof syncProblemSchema>;

/**
 * A refusal's body (`error` is a stable code, `message` a reason people can read). A desk reads
 * it loosely: a code it does not know (a newer endpoint's) is still an answer, not a crash.
 */
export const syncErrorResponseSchema = z.object({
  error: z.string().optional(),
  message: z.string().optional(),
  problems: z.array(syncProblemSchema).optional(),
});
export type SyncErrorResponse = { error: SyncErrorCode; message: string; problems?: SyncProblem[] };

// ── Answers ────────────────────────────────────────────────────────────────────────────────

const venueOnWireSchema = z.object({ id: z.string().min(1), timeZone: z.string().min(1), name: z.string().optional(), locale: z.string().optional() });

/** `GET /sync/hello`: what a device token opens; used to validate pairing. */
export const helloResponseSchema = z.object({
  venue: venueOnWireSchema,
  deviceId: z.string(),
  counts: z.record(z.string(), z.number().int().min(0)),
  /**
   * The endpoint's clock when it answered (ISO instant): a desk measures its own clock by it
   * (SPEC "Clocks"). Endpoints older than this field do not send it.
   */
  serverTime: z.string().refine((text) => Number.isFinite(Date.parse(text))).optional(),
});
export type HelloResponse = z.infer<typeof helloResponseSchema>;

/** A pull's page: documents as stored (a desk checks each with its record schema), and where to go on from. */
export const pullResponseSchema = z.object({
  documents: z.array(z.unknown()),
  checkpoint: syncCheckpointSchema.nullable(),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

/** A document on the wire: the record plus RxDB's deleted flag (platform records are replaced, never deleted). */
export const syncDocumentSchema = z.looseObject({ id: z.string(), _deleted: z.boolean() });

/** The stored documents that differ from what was pushed under the same id. */
export const pushResponseSchema = z.object({ conflicts: z.array(syncDocumentSchema) });
export type PushResponse = z.infer<typeof pushResponseSchema>;

const seqSchema = z.number().int().min(0);

/**
 * `GET /sync/snapshot`: opens a snapshot (shared/schema/sync.ts, "a snapshot, door first").
 * `recentSince`: the first venue day whose check-ins are in `recent`; `counts`: about how many
 * records each part holds (for progress).
 */
export const snapshotStartSchema = z.object({
  venue: venueOnWireSchema,
  seqs: z.object(Object.fromEntries(syncCollections.map((name) => [name, seqSchema])) as Record<SyncCollection, typeof seqSchema>),
  recentSince: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  counts: z.object(Object.fromEntries(snapshotParts.map((part) => [part, seqSchema])) as Record<SnapshotPart, typeof seqSchema>),
});
export type SnapshotStart = z.infer<typeof snapshotStartSchema>;

/** A page: records in the part's shape (checked by the desk). `next` is null on the last page. */
export const snapshotPageSchema = z.object({ records: z.array(z.unknown()), next: z.string().nullable() });
export type SnapshotPage = z.infer<typeof snapshotPageSchema>;

/** One message of the live stream (`GET /sync/stream`, Server-Sent Events, one JSON per `data:`). */
export const streamMessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('changes'), collection: syncCollectionSchema, documents: z.array(z.unknown()), checkpoint: syncCheckpointSchema }),
  /** After a (re)connect: the desk pulls from its checkpoint again (RxDB's 'RESYNC'). */
  z.object({ kind: z.literal('resync') }),
]);
export type StreamMessage = z.infer<typeof streamMessageSchema>;

/** `GET /sync/staff`: records the desk checks one by one (a bad one is dropped, not the list). */
export const staffRecordsAnswerSchema = z.object({ staff: z.array(z.unknown()).max(10_000) }).strict();
/** One record of it, as a desk keeps it. */
export { staffRecordSchema };

// ── Routes ─────────────────────────────────────────────────────────────────────────────────

const collectionParams = z.object({ collection: z.string() });
const partParams = z.object({ part: z.string() });
const noParams = z.object({});

type RouteShape = {
  method: 'GET' | 'POST';
  /** Fastify's form: `:name` is a path parameter. */
  path: `/sync/${string}`;
  params: z.ZodObject;
  query?: z.ZodType;
  body?: z.ZodType;
  /** The answer of a JSON route; the stream's messages for the stream. */
  answer: z.ZodType;
};

/**
 * The routes a desk calls. Params are read as text (the endpoint refuses an unknown
 * collection or part with its own code); query and body are what the endpoint accepts.
 */
export const syncRoutes = {
  hello: { method: 'GET', path: '/sync/hello', params: noParams, answer: helloResponseSchema },
  pull: { method: 'GET', path: '/sync/:collection/pull', params: collectionParams, query: pullQuerySchema, answer: pullResponseSchema },
  push: { method: 'POST', path: '/sync/:collection/push', params: collectionParams, body: pushBodySchema, answer: pushResponseSchema },
  snapshotStart: { method: 'GET', path: '/sync/snapshot', params: noParams, answer: snapshotStartSchema },
  snapshotPage: { method: 'GET', path: '/sync/snapshot/:part', params: partParams, query: snapshotPageQuerySchema, answer: snapshotPageSchema },
  stream: { method: 'GET', path: '/sync/stream', params: noParams, answer: streamMessageSchema },
  /**
   * The venue's staff with their PIN hashes, so that people sign in offline (a whole list: a
   * venue has tens of staff, not thousands). A desk asks with every hello.
   */
  staff: { method: 'GET', path: '/sync/staff', params: noParams, answer: staffRecordsAnswerSchema },
} as const satisfies Record<string, RouteShape>;

export type SyncRouteName = keyof typeof syncRoutes;
export type SyncRoute<N extends SyncRouteName = SyncRouteName> = (typeof syncRoutes)[N];
export type RouteParams<N extends SyncRouteName> = z.infer<SyncRoute<N>['params']>;
export type RouteAnswer<N extends SyncRouteName> = z.infer<SyncRoute<N>['answer']>;

/**
 * A route's path with its parameters filled in, relative (no leading slash) so that an endpoint
 * under a path (https://host/boxoffice/) keeps it; with the query, if any, as given.
 */
export function pathOf<N extends SyncRouteName>(name: N, params: RouteParams<N>, query?: Record<string, string | number | undefined>): string {
  const values = params as Record<string, string>;
  const path = syncRoutes[name].path.replace(/:([a-zA-Z]+)/g, (_match, key: string) => encodeURIComponent(values[key] ?? ''));
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) search.set(key, String(value));
  const text = search.toString();
  return `${path.slice(1)}${text ? `?${text}` : ''}`;
}
