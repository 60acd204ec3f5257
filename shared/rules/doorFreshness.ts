// How current a desk is, for the door (SPEC "The venue's network": "A desk that has heard from
// no endpoint for a while says so next to what it shows about a customer"). A paired desk that
// has reached no endpoint for longer than a minute may be missing another desk's check-in of
// the person in front of it; a desk with no endpoint has no other desk to hear from.
import type { SyncStatus } from '../schema/api';

/** Longer than this without reaching an endpoint, and the door says how old its knowledge is. */
export const DOOR_STALE_AFTER_MS = 60_000;

export type DoorFreshness =
  | { kind: 'current' }
  /** `asOf`: when the desk last reached an endpoint (null: never since pairing); `offlineMs`: how long ago. */
  | { kind: 'stale'; asOf: string | null; offlineMs: number | null };

export function doorFreshness(sync: Pick<SyncStatus, 'endpoint' | 'online' | 'lastSyncedAt'>, nowMs: number): DoorFreshness {
  // Unpaired: nothing to be behind of. Online: the live stream is open, so nothing is missed.
  if (sync.endpoint === null || sync.online) return { kind: 'current' };
  const lastMs = sync.lastSyncedAt === null ? Number.NaN : Date.parse(sync.lastSyncedAt);
  if (Number.isNaN(lastMs)) return { kind: 'stale', asOf: null, offlineMs: null };
  // A clock behind the endpoint's: the last exchange reads as just now, never in the future.
  const offlineMs = Math.max(0, nowMs - lastMs);
  if (offlineMs <= DOOR_STALE_AFTER_MS) return { kind: 'current' };
  return { kind: 'stale', asOf: sync.lastSyncedAt, offlineMs };
}
