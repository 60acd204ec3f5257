// The sync endpoint as a function, for tests, benchmarks and the scenario runner (and for
// `npm run server`, which is this plus argument parsing). Listens on loopback only unless told.
import type { FastifyInstance } from 'fastify';
import type { Venue, VenueData } from '../shared/schema/records';
import type { DatabaseLocation } from './db/openDatabase';
import { openDatabase } from './db/openDatabase';
import type { Database } from './db/database';
import { setUpAdminToken } from './auth/adminToken';
import type { DeviceListing, IssuedDevice, RevokedDevice } from './auth/devices';
import { issueDevice, listDevices, revokeDevice } from './auth/devices';
import { DeviceIdentities } from './auth/deviceIdentities';
import { createVenue } from './db/venues';
import type { LogLevel, TlsIdentity } from './app';
import { buildSyncApp } from './app';
import type { BodyLimits, Timeouts } from './serverContext';
import { defaultBodyLimits, defaultTimeouts } from './serverContext';
import type { FailedAuthLimit } from './auth/accessHook';
import { defaultFailedAuthLimit } from './auth/accessHook';
import { DEFAULT_MAX_STREAMS_PER_DEVICE, LiveStreams } from './sync/liveStreams';
import type { FreeSpace } from './storage/storageGuard';
import { DEFAULT_STORAGE_MARGIN_BYTES, StorageGuard } from './storage/storageGuard';
import { ChangeFeed } from './sync/changeFeed';
import { ReadySnapshots } from './sync/readySnapshots';
import { DeskPresence } from './sync/deskPresence';
import { GroupCommit, groupCommitOptions } from './sync/groupCommit';
import { DEFAULT_SUMMARY_REFRESH_MS, SummaryRefresher } from './sync/summaryRefresher';
import type { ImportSummary } from './import/applyVenueData';
import { importVenueData } from './import/venueImport';
import type { CsvCollection } from './import/csvImport';
import { importCsv } from './import/csvImport';
import type { Refusal } from './errors';
import { PairingOffers } from './hub/pairingOffers';
import { fingerprintOf } from './hub/hubCertificate';

export type SyncServerOptions = {
  database: DatabaseLocation;
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** The admin token; otherwise BOX_OFFICE_ADMIN_TOKEN, otherwise the one stored (generated at first start). */
  adminToken?: string;
  /** false (the default): silent; a level: Fastify's JSON log lines on stdout at that level. */
  log?: false | LogLevel;
  /** How often open streams get a heartbeat comment and re-check their token (default 15 s). */
  heartbeatMs?: number;
  bodyLimits?: Partial<BodyLimits>;
  /** How long a client may take (defaults in serverContext.ts). */
  timeouts?: Partial<Timeouts>;
  /** Wrong or missing tokens per client address before it is answered 429 (default 30 a minute). */
  failedAuthLimit?: FailedAuthLimit;
  /** Live streams one device may hold open on this process (default 4). */
  maxStreamsPerDevice?: number;
  /** How often pass summaries are brought up to the ledger in the background (default 30 s; 0: only when a snapshot opens, and after imports). */
  summaryRefreshMs?: number;
  /** How many changes behind the venue a held snapshot may be and still be handed out (server/sync/readySnapshots.ts). */
  snapshotReuseChangesAtMost?: number;
  /** Below this much free space on a PGlite data folder's disk nothing is written (default 64 MB). */
  storageMarginBytes?: number;
  /** How free space is read, for tests (default statfs of the data folder). */
  freeSpace?: FreeSpace;
  /** The endpoint's clock, for tests (default Date.now). */
  now?: () => number;
  /** Serve HTTPS with this key and certificate (a venue hub's; server/hub/hubCertificate.ts). */
  tls?: TlsIdentity;
};

/** A refused admin call: `error` is the endpoint's error code, `problems` say where. */
export class SyncAdminError extends Error {
  readonly error: Refusal['error'];
  readonly problems: Refusal['problems'];

  constructor(refused: Refusal) {
    super(refused.message);
    this.name = 'SyncAdminError';
    this.error = refused.error;
    this.problems = refused.problems;
  }
}

/**
 * The admin operations without HTTP. They throw SyncAdminError when refused (an unknown venue,
 * a bad record): for their callers, tests and the scenario runner, a refusal is a bug.
 */
export type SyncServerAdmin = {
  createVenue(venue: Venue): Promise<void>;
  issueDevice(venueId: string, name?: string): Promise<IssuedDevice>;
  revokeDevice(deviceIdOrToken: string): Promise<RevokedDevice>;
  listDevices(venueId: string): Promise<DeviceListing[]>;
  importVenueData(venueId: string, data: VenueData): Promise<ImportSummary>;
  importCsv(venueId: string, text: string, collection?: CsvCollection): Promise<ImportSummary>;
};

export type SyncServer = {
  /** `http://127.0.0.1:PORT` (`https://` with `tls`), no trailing slash. */
  url: string;
  port: number;
  /** The admin token, when it was generated at this start (print it once); otherwise null. */
  generatedAdminToken: string | null;
  admin: SyncServerAdmin;
  /** Over TLS (a venue hub): the short pairing codes it shows (hub/pairingOffers.ts); otherwise null. */
  pairing: PairingOffers | null;
  /** Ends open streams, stops listening, closes the database (and releases its data folder). */
  close(): Promise<void>;
  /** For tests: the Fastify instance (e.g. `inject`) and the database. */
  app: FastifyInstance;
  db: Database;
};

export async function startSyncServer(options: SyncServerOptions): Promise<SyncServer> {
  const logLevel = options.log ?? false;
  const opened = await openDatabase(options.database, 'sync server', (error) => {
    if (logLevel) process.stderr.write(`sync server: database connection: ${error.message}\n`);
  });
  if (!opened.ok) throw new Error(opened.message);
  const db = opened.db;
  let app: FastifyInstance | null = null;
  const storage = new StorageGuard(options.database.kind === 'pglite' ? options.database.dataDir : null, options.storageMarginBytes ?? DEFAULT_STORAGE_MARGIN_BYTES, options.freeSpace);
  const summaries = new SummaryRefresher(db, options.summaryRefreshMs ?? DEFAULT_SUMMARY_REFRESH_MS, (error) => {
    app?.log.error(error, 'bringing pass summaries up to date failed');
  }, async () => (await storage.beforeWrite()).ok);
  try {
    const adminToken = await setUpAdminToken(db, options.adminToken ?? process.env.BOX_OFFICE_ADMIN_TOKEN);
    const feed = new ChangeFeed(db, (error) => app?.log.error(error, 'reading changes for open streams failed'));
    await feed.start();
    const pairing = options.tls ? new PairingOffers(fingerprintOf(options.tls.cert), options.now ?? Date.now) : null;
    app = await buildSyncApp({
      db,
      feed,
      identities: new DeviceIdentities(),
      pushes: new GroupCommit(db, groupCommitOptions(options.database)),
      adminToken,
      heartbeatMs: options.heartbeatMs ?? 15_000,
      bodyLimits: { ...defaultBodyLimits, ...options.bodyLimits },
      timeouts: { ...defaultTimeouts, ...options.timeouts },
      failedAuthLimit: options.failedAuthLimit ?? defaultFailedAuthLimit,
      streams: new LiveStreams(options.maxStreamsPerDevice ?? DEFAULT_MAX_STREAMS_PER_DEVICE),
      storage,
      presence: new DeskPresence(),
      readySnapshots: new ReadySnapshots(db, undefined, options.snapshotReuseChangesAtMost),
      pairing,
      now: options.now ?? Date.now,
    }, logLevel, options.tls);
    await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
    const address = app.server.address();
    if (address === null || typeof address === 'string') throw new Error('the server did not get a TCP port');
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    const running = app;
    summaries.start();
    await storage.check();
    storage.start();
    let closing: Promise<void> | null = null;
    return {
      url: `${options.tls ? 'https' : 'http'}://${host}:${address.port}`,
      port: address.port,
      generatedAdminToken: adminToken.generated,
      admin: adminOf(db, options.now ?? Date.now),
      pairing,
      app: running,
      db,
      close: () => {
        closing ??= (async () => {
          storage.stop();
          await running.close();
          await summaries.stop();
          await feed.close();
          await db.close();
        })();
        return closing;
      },
    };
  } catch (error) {
    storage.stop();
    await summaries.stop();
    await app?.close().catch(() => undefined);
    await db.close().catch(() => undefined);
    throw error;
  }
}

function adminOf(db: Database, now: () => number = Date.now): SyncServerAdmin {
  const orThrow = <T>(result: { ok: true; value: T } | { ok: false; refusal: Refusal }): T => {
    if (!result.ok) throw new SyncAdminError(result.refusal);
    return result.value;
  };
  return {
    async createVenue(venue) {
      const created = await createVenue(db, venue);
      if (!created.ok) throw new SyncAdminError({ error: 'venue-exists', message: `there is already a venue "${venue.id}"` });
    },
    async issueDevice(venueId, name) {
      const issued = await issueDevice(db, venueId, name);
      if (!issued.ok) throw new SyncAdminError({ error: 'unknown-venue', message: `there is no venue "${venueId}"` });
      return issued.device;
    },
    async revokeDevice(deviceIdOrToken) {
      const revoked = await revokeDevice(db, deviceIdOrToken);
      if (!revoked.ok) throw new SyncAdminError({ error: 'unknown-device', message: 'no device has this id or token' });
      return revoked.device;
    },
    async listDevices(venueId) {
      const listed = await listDevices(db, venueId);
      if (!listed.ok) throw new SyncAdminError({ error: 'unknown-venue', message: `there is no venue "${venueId}"` });
      return listed.devices;
    },
    async importVenueData(venueId, data) {
      const result = await importVenueData(db, venueId, data, now());
      return orThrow(result.ok ? { ok: true, value: result.summary } : result);
    },
    async importCsv(venueId, text, collection) {
      const result = await importCsv(db, venueId, text, collection);
      return orThrow(result.ok ? { ok: true, value: result.summary } : result);
    },
  };
}
