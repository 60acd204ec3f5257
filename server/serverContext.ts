// What every route of one server process shares: the database, the live change feed, the
// admin token, and the limits it was started with.
import type { Database } from './db/database';
import type { AdminTokenSetup } from './auth/adminToken';
import type { DeviceIdentities } from './auth/deviceIdentities';
import type { ChangeFeed } from './sync/changeFeed';
import type { GroupCommit } from './sync/groupCommit';

export type BodyLimits = {
  /** A push of up to 1,000 ledger entries (shared/schema/sync.ts) is well under 1 MB. */
  push: number;
  /** Admin imports: a whole venue file of a large venue is hundreds of MB; the CLI reads files directly. */
  import: number;
  other: number;
};

export const defaultBodyLimits: BodyLimits = {
  push: 5 * 1024 * 1024,
  import: 256 * 1024 * 1024,
  other: 1024 * 1024,
};

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
  /** The endpoint's clock (ms since the epoch): which venue day is "yesterday" for a snapshot's recent check-ins. */
  now(): number;
};
