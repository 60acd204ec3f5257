// What every route of one server process shares: the database, the live change feed, the
// admin token, and the limits it was started with.
import type { PairingOffers } from './hub/pairingOffers';
import type { DeskPresence } from './sync/deskPresence';
import type { Database } from './db/database';
import type { AdminTokenSetup } from './auth/adminToken';
import type { DeviceIdentities } from './auth/deviceIdentities';
import type { ChangeFeed } from './sync/changeFeed';
import type { GroupCommit } from './sync/groupCommit';
import type { LiveStreams } from './sync/liveStreams';
import type { FailedAuthLimit } from './auth/accessHook';
import type { StorageGuard } from './storage/storageGuard';
import type { ReadySnapshots } from './sync/readySnapshots';

export type BodyLimits = {
  /**
   * A push holds at most 1,000 ledger entries (shared/schema/sync.ts). An entry with every text
   * at its longest in the widest characters (three UTF-8 bytes for each UTF-16 unit the schema
   * counts) is about 7.4 kB of JSON, and RxDB may send each with its assumed master state: the
   * largest legitimate push is 14.9 MB (test/fuzz/extremeFuzz.ts sends it). A desk sends 100 at a time.
   */
  push: number;
  /** Admin imports: a whole venue file of a large venue is hundreds of MB; the CLI reads files directly. */
  import: number;
  /** Everything else is a venue, a device name or a revocation: well under 2 kB. */
  other: number;
};

export const defaultBodyLimits: BodyLimits = {
  push: 16 * 1024 * 1024,
  import: 256 * 1024 * 1024,
  other: 64 * 1024,
};

/** How long the endpoint waits for a client (see app.ts for why each). */
export type Timeouts = {
  /** The whole request, headers and body, must arrive within this: a 256 MB import at 2.2 MB/s. */
  requestMs: number;
  /** The request headers must arrive within this. */
  headersMs: number;
  /** A connection with nothing sent or received for this long is closed (a stream sends a heartbeat well within it). */
  idleMs: number;
  /** A kept-alive connection between requests. */
  keepAliveMs: number;
};

export const defaultTimeouts: Timeouts = { requestMs: 120_000, headersMs: 10_000, idleMs: 60_000, keepAliveMs: 10_000 };

export type ServerContext = {
  db: Database;
  feed: ChangeFeed;
  /** Writes desks' pushes, several to a statement under load. */
  pushes: GroupCommit;
  /** Token → device and venue, remembered; never whether the token is revoked. */
  identities: DeviceIdentities;
  adminToken: AdminTokenSetup;
  /** How often an open stream sends a comment (keeping proxies from closing it) and re-checks its token. */
  heartbeatMs: number;
  bodyLimits: BodyLimits;
  timeouts: Timeouts;
  failedAuthLimit: FailedAuthLimit;
  /** The live streams of each device, capped. */
  streams: LiveStreams;
  /** Whether the database's disk has room to write (a PGlite data folder's). */
  storage: StorageGuard;
  /** The venue's desks heard from lately (the status bar's "desks heard from in the last minute"). */
  presence: DeskPresence;
  /** A venue hub's short pairing codes (server/hub/pairingOffers.ts); null on an endpoint without TLS, which shows none. */
  pairing: PairingOffers | null;
  /** Each venue's snapshot with its parts as ready bundles (server/sync/readySnapshots.ts). */
  readySnapshots: ReadySnapshots;
  /** The endpoint's clock (ms since the epoch): which venue day is "yesterday" for a snapshot's recent check-ins. */
  now(): number;
};
