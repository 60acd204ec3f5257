// The sync endpoint's protocol as one contract, for both sides: per route its method, path,
// the query or body it takes and the answer it gives; the live stream's message; the codes of
// its refusals with their HTTP status. The endpoint registers its routes from `syncRoutes`
// (server/routes/*.ts) and the desk calls them through one function that parses the answer
// with the route's schema (main/sync/syncEndpoint.ts). No '/sync/' path is written elsewhere
// (test/unit/architecture/syncContract.test.ts).
import { z } from 'zod';
import type { SnapshotPart, SyncCollection } from './sync';
import { calendarDateSchema, venueSchema } from './records';
import { staffAddBodySchema, staffAnswerSchema, staffChangeBodySchema, staffListAnswerSchema, staffRecordSchema } from '../staff/staffRecords';
import { csvCollections } from '../venue/csvRecords';
import { HEARD_WITHIN_MS } from '../sync/desksHeard';
import {
  pullQuerySchema, pushBodySchema, snapshotPageQuerySchema, snapshotPartSchema, snapshotParts, syncCheckpointSchema, syncCollectionSchema, syncCollections,
} from './sync';

// ── Refusals ───────────────────────────────────────────────────────────────────────────────

/** Every refusal the endpoint gives, as a closed list of codes with their HTTP status. */
export const syncErrorStatus = {
  'missing-token': 401,
  'invalid-token': 401,
  'token-revoked': 401,
  'admin-token-required': 401,
  'invalid-admin-token': 401,
  /** A claim of a venue hub's short pairing code whose proof fits no code the hub shows now. */
  'invalid-pairing-code': 401,
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

/**
 * What a client does about each refusal (shared/sync/syncRequest.ts sorts every answer by
 * it): `refused`, the token is not good here (pair again); `limited`, too much at once: wait
 * (as long as Retry-After says) and try again; `server-error`, the endpoint cannot serve now
 * (its disk, its database): keep the data and try again; `rejected`, this request is wrong.
 */
export type SyncErrorKind = 'refused' | 'limited' | 'server-error' | 'rejected';
const kindOfRefusal: Partial<Record<SyncErrorCode, SyncErrorKind>> = {
  'missing-token': 'refused',
  'invalid-token': 'refused',
  'token-revoked': 'refused',
  'admin-token-required': 'refused',
  'invalid-admin-token': 'refused',
  'invalid-pairing-code': 'refused',
  'too-many-failed-attempts': 'limited',
  'too-many-streams': 'limited',
  'request-timeout': 'server-error',
  'storage-full': 'server-error',
  unavailable: 'server-error',
  internal: 'server-error',
};
export function syncErrorKind(code: SyncErrorCode): SyncErrorKind {
  return kindOfRefusal[code] ?? 'rejected';
}
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

const venueOnWireSchema = z.object({ id: z.string().min(1), timeZone: z.string().min(1), name: z.string().optional(), locale: z.string().optional(), lockAfterMinutes: z.number().optional() });

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
  /**
   * How many of the venue's desks this endpoint heard from in the last minute, this one included
   * (SPEC "The venue's network": the status bar shows it). Endpoints older than this field do not send it.
   */
  desksHeard: z.number().int().min(0).optional(),
  /**
   * How long ago (ms) this endpoint last heard each of the venue's other desks, those heard in
   * the last minute only: the asking desk counts them again as time passes (shared/sync/desksHeard.ts).
   * Endpoints older than this field do not send it.
   */
  othersHeardMsAgo: z.array(z.number().int().min(0).max(HEARD_WITHIN_MS)).max(10_000).optional(),
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

/**
 * A snapshot's part as the desk stores it (`GET /sync/snapshot/:part/bundles`): bundles
 * (shared/schema/collections.ts, `BundleDocument`) cut by the endpoint with the desk's own cutter
 * (shared/sync/bundleCutter.ts) and kept ready per venue and snapshot (server/sync/readySnapshots.ts).
 * `records` is the bundle's JSON text, `digest` its SHA-256 (hex, of the text's UTF-8): a desk checks
 * a bundle whole (this schema, the digest, the count and the keys: a record's id, a pass id for
 * summaries and the history) before its records, and writes the text as it came. `after` and
 * `next` are bundle positions (0 is the first); `next` is null on the last page. `since`, for
 * `recent` only, is the start's `recentSince`.
 */
export const BUNDLE_DIGEST = 'sha256';
export const servedBundleSchema = z.object({
  firstKey: z.string().max(1_000),
  lastKey: z.string().max(1_000),
  count: z.number().int().min(1),
  records: z.string().min(2),
  digest: z.string().regex(/^[0-9a-f]{64}$/),
}).strict();
export type ServedBundle = z.infer<typeof servedBundleSchema>;
export const bundlesPageSchema = z.object({ bundles: z.array(servedBundleSchema), next: z.string().regex(/^\d{1,9}$/).nullable() }).strict();
export type BundlesPage = z.infer<typeof bundlesPageSchema>;
export const bundlesQuerySchema = z.object({
  seq: z.coerce.number().int().min(0),
  after: z.coerce.number().int().min(0).max(999_999_999).optional(),
  since: calendarDateSchema.optional(),
}).strict();
export type BundlesQuery = z.infer<typeof bundlesQuerySchema>;

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

// ── Admin answers ──────────────────────────────────────────────────────────────────────────

/** `POST /admin/venues/:venueId/devices`: the new device's id and its token (shown once). */
export const issuedDeviceSchema = z.object({ deviceId: z.string(), token: z.string() });
export const deviceListingSchema = z.object({ deviceId: z.string(), name: z.string().nullable(), createdAt: z.string(), revokedAt: z.string().nullable() });
export const revokedDeviceSchema = z.object({ deviceId: z.string(), venueId: z.string(), alreadyRevoked: z.boolean() });
const upsertCountsSchema = z.object({ inserted: z.number().int().min(0), updated: z.number().int().min(0), unchanged: z.number().int().min(0) });
/** What an import changed, per collection it touched. */
export const importSummarySchema = z.object(Object.fromEntries(syncCollections.map((name) => [name, upsertCountsSchema.optional()])) as Record<SyncCollection, z.ZodOptional<typeof upsertCountsSchema>>);

/** `POST /sync/pair` (a venue hub's): the desk's new device token, and the hub's proof that it knows the code too (shared/sync/hubPairingCode.ts). */
export const pairingClaimAnswerSchema = z.object({ token: z.string().min(1).max(500), proof: z.string().regex(/^[0-9a-f]{64}$/) });

/**
 * `GET /admin/venues/:venueId/audit`: the entries the endpoint stored whose author the venue's
 * staff do not back (shared/staff/entryAudit.ts), oldest first, for a manager to look at; every
 * one of them counts like any entry (SPEC: "it lists it for a manager").
 */
export const auditedEntrySchema = z.object({
  entryId: z.string(),
  kind: z.enum(['check-in', 'undo-check-in', 'expiry-override', 'uses-override', 'revoke']),
  at: z.string(),
  deskId: z.string(),
  customerId: z.string(),
  passId: z.string(),
  staff: z.string(),
  staffId: z.string(),
  authorisedBy: z.string().optional(),
  problem: z.enum(['unknown-staff', 'inactive-staff', 'role-short']),
}).strict();
export type AuditedEntry = z.infer<typeof auditedEntrySchema>;
export const auditListAnswerSchema = z.object({ entries: z.array(auditedEntrySchema) }).strict();

/** `POST /admin/venues/:venueId/devices`: a device may be given a name (for the device list). */
export const deviceNameBodySchema = z.object({ name: z.string().min(1).max(200).optional() }).strict();
/** `POST /admin/devices/revoke`: the device named by its id or its token. */
export const revokeBodySchema = z.object({ device: z.string().min(1).max(400) }).strict();
/** `POST /admin/venues/:venueId/import`: a venue file (JSON), or a CSV file of one collection (`text/csv`, named here when its header does not say). */
export const importQuerySchema = z.object({ collection: z.enum(csvCollections).optional() }).strict();

// ── Routes ─────────────────────────────────────────────────────────────────────────────────

const collectionParams = z.object({ collection: syncCollectionSchema });
const partParams = z.object({ part: snapshotPartSchema });
const venueParams = z.object({ venueId: z.string() });
const staffParams = z.object({ venueId: z.string(), staff: z.string() });
const noParams = z.object({});
/** A route that takes no query or no body: whatever comes is not read. */
const none = z.unknown().transform((): undefined => undefined);

type RouteShape = {
  method: 'GET' | 'POST';
  /** Fastify's form: `:name` is a path parameter. */
  path: `/sync/${string}` | `/admin/${string}`;
  /** Which token it takes: a device's (a desk, a hub) or the admin's; or a proof of a venue hub's short pairing code. */
  token: 'device' | 'admin' | 'pairing-code';
  params: z.ZodObject;
  query: z.ZodType;
  body: z.ZodType;
  /** What the query or body is, for the refusal of one that is not (`invalid-query`, `invalid-body`). */
  usage?: string;
  /** The answer of a JSON route; the stream's messages for the stream. */
  answer: z.ZodType;
};

/**
 * A route of one venue's own, behind the admin token and with no query: the venue's staff and
 * what the endpoint audits of them, each of which would otherwise repeat this shape.
 */
function venueAdminRoute<const M extends 'GET' | 'POST', const S extends string, Params extends z.ZodObject, Body extends z.ZodType, Answer extends z.ZodType>(
  method: M, under: S, params: Params, body: Body, answer: Answer, usage?: string,
) {
  return { method, path: `/admin/venues/:venueId/${under}` as const, token: 'admin' as const, params, query: none, body, answer, ...(usage === undefined ? {} : { usage }) };
}

/**
 * Every route of the endpoint but /healthz. Params, query and body are what the endpoint
 * accepts, parsed once, by the endpoint's route registration (server/routes/contractRoute.ts),
 * before its handler sees them.
 */
export const syncRoutes = {
  hello: { method: 'GET', path: '/sync/hello', token: 'device', params: noParams, query: none, body: none, answer: helloResponseSchema },
  pull: {
    method: 'GET', path: '/sync/:collection/pull', token: 'device', params: collectionParams, query: pullQuerySchema, body: none,
    usage: 'a pull takes ?seq=&id=&limit= (limit 1 to 10000)', answer: pullResponseSchema,
  },
  push: {
    method: 'POST', path: '/sync/:collection/push', token: 'device', params: collectionParams, query: none, body: pushBodySchema,
    usage: 'the push is not { rows: [{ newDocumentState, assumedMasterState? }] }', answer: pushResponseSchema,
  },
  snapshotStart: { method: 'GET', path: '/sync/snapshot', token: 'device', params: noParams, query: none, body: none, answer: snapshotStartSchema },
  snapshotPage: {
    method: 'GET', path: '/sync/snapshot/:part', token: 'device', params: partParams, query: snapshotPageQuerySchema, body: none,
    usage: 'a snapshot page takes ?seq=&after=&limit= (limit 1 to 10000), and ?since= for recent', answer: snapshotPageSchema,
  },
  /** A snapshot's part as ready bundles; an endpoint without this route answers `not-found` and the desk reads `snapshotPage` instead. */
  snapshotBundles: {
    method: 'GET', path: '/sync/snapshot/:part/bundles', token: 'device', params: partParams, query: bundlesQuerySchema, body: none,
    usage: 'a part\'s bundles take ?seq=&after=, and ?since= for recent', answer: bundlesPageSchema,
  },
  stream: { method: 'GET', path: '/sync/stream', token: 'device', params: noParams, query: none, body: none, answer: streamMessageSchema },
  /**
   * The venue's staff with their PIN hashes, so that people sign in offline (a whole list: a
   * venue has tens of staff, not thousands). A desk asks with every hello.
   */
  staff: { method: 'GET', path: '/sync/staff', token: 'device', params: noParams, query: none, body: none, answer: staffRecordsAnswerSchema },
  /**
   * A venue hub's only: a desk that proves it knows a code the hub shows now (in the
   * `Authorization` header, checked before the body is read) gets a device token of the hub.
   */
  claimPairing: { method: 'POST', path: '/sync/pair', token: 'pairing-code', params: noParams, query: none, body: none, answer: pairingClaimAnswerSchema },
  createVenue: {
    method: 'POST', path: '/admin/venues', token: 'admin', params: noParams, query: none, body: venueSchema,
    usage: 'a venue is { id, timeZone, name?, locale? }', answer: z.object({ venue: venueSchema }),
  },
  listVenues: { method: 'GET', path: '/admin/venues', token: 'admin', params: noParams, query: none, body: none, answer: z.object({ venues: z.array(venueSchema) }) },
  issueDevice: {
    // No body at all is a device without a name.
    method: 'POST', path: '/admin/venues/:venueId/devices', token: 'admin', params: venueParams, query: none, body: deviceNameBodySchema.optional().transform((body) => body ?? {}),
    usage: 'a device is { name? }', answer: issuedDeviceSchema,
  },
  listDevices: { method: 'GET', path: '/admin/venues/:venueId/devices', token: 'admin', params: venueParams, query: none, body: none, answer: z.object({ devices: z.array(deviceListingSchema) }) },
  revokeDevice: {
    method: 'POST', path: '/admin/devices/revoke', token: 'admin', params: noParams, query: none, body: revokeBodySchema,
    usage: 'a revocation is { device: <device id or token> }', answer: revokedDeviceSchema,
  },
  importVenue: {
    method: 'POST', path: '/admin/venues/:venueId/import', token: 'admin', params: venueParams, query: importQuerySchema,
    // A venue file (JSON) or a CSV file's text: the import checks it, naming every mistake by its place in the file.
    body: z.unknown(),
    usage: `an import takes ?collection=${csvCollections.join('|')} for CSV`, answer: z.object({ summary: importSummarySchema }),
  },
  addStaff: venueAdminRoute('POST', 'staff', venueParams, staffAddBodySchema, staffAnswerSchema, 'a staff member is { name, role: door|manager|admin, pin: 4 to 8 digits }'),
  listStaff: venueAdminRoute('GET', 'staff', venueParams, none, staffListAnswerSchema),
  /** A new role, a new PIN, deactivation (active: false) or reactivation; by id or name. */
  changeStaff: venueAdminRoute('POST', 'staff/:staff', staffParams, staffChangeBodySchema, staffAnswerSchema, 'a change is { role?, pin?, active? }'),
  /** The entries the venue's staff do not back (shared/staff/entryAudit.ts), for a manager. */
  listAudit: venueAdminRoute('GET', 'audit', venueParams, none, auditListAnswerSchema),
} as const satisfies Record<string, RouteShape>;

export type SyncRouteName = keyof typeof syncRoutes;
export type SyncRoute<N extends SyncRouteName = SyncRouteName> = (typeof syncRoutes)[N];
export type RouteParams<N extends SyncRouteName> = z.infer<SyncRoute<N>['params']>;
/** What a caller gives (before defaults and coercion). */
export type RouteQueryInput<N extends SyncRouteName> = z.input<SyncRoute<N>['query']>;
export type RouteBodyInput<N extends SyncRouteName> = z.input<SyncRoute<N>['body']>;
/** What a handler receives, parsed (undefined where the route takes none). */
export type RouteQuery<N extends SyncRouteName> = z.output<SyncRoute<N>['query']>;
export type RouteBody<N extends SyncRouteName> = z.output<SyncRoute<N>['body']>;
export type RouteAnswer<N extends SyncRouteName> = z.output<SyncRoute<N>['answer']>;

/** A call of a route: its path parameters, and its query and body, each required where the route needs one. */
export type RouteInput<N extends SyncRouteName> =
  & { params: RouteParams<N> }
  & (undefined extends RouteQueryInput<N> ? { query?: RouteQueryInput<N> } : { query: RouteQueryInput<N> })
  & (undefined extends RouteBodyInput<N> ? { body?: RouteBodyInput<N> } : { body: RouteBodyInput<N> });

/**
 * The routes seen one name at a time: `contractRoutes[name]` of a generic name is that route's
 * own (TypeScript reads an index of a mapped type by substitution), where `syncRoutes[name]`
 * would be the union of every route.
 */
export type ContractRoutes = {
  [K in SyncRouteName]: Omit<SyncRoute<K>, 'params' | 'query' | 'body' | 'answer'> & {
    params: z.ZodType<RouteParams<K>>;
    query: z.ZodType<RouteQuery<K>>;
    body: z.ZodType<RouteBody<K>>;
    answer: z.ZodType<RouteAnswer<K>>;
  };
};
export const contractRoutes: ContractRoutes = syncRoutes;

/**
 * A route's path with its parameters filled in, relative (no leading slash) so that an endpoint
 * under a path (https://host/boxoffice/) keeps it; with the query, if any, as given.
 */
export function pathOf<N extends SyncRouteName>(name: N, params: RouteParams<N>, query?: unknown): string {
  const values: Record<string, unknown> = params;
  const path = syncRoutes[name].path.replace(/:([a-zA-Z]+)/g, (_match, key: string) => encodeURIComponent(String(values[key] ?? '')));
  const search = new URLSearchParams();
  const entries = typeof query === 'object' && query !== null ? Object.entries(query) : [];
  for (const [key, value] of entries) if (value !== undefined && value !== null) search.set(key, String(value));
  const text = search.toString();
  return `${path.slice(1)}${text ? `?${text}` : ''}`;
}
