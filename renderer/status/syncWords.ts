// What the status bar says about sync, as pure functions of the status and an injected clock
// (the bar re-renders on a timer; tests pass any instant they like).
import type { SyncProblemCode, SyncStatus } from '../../shared/schema/api';
import type { DoorFreshness } from '../../shared/rules/doorFreshness';
import { timeWords } from '../words';

/** "just now", "2 min ago", "3 h ago", "4 days ago", "never". */
export function lastSyncedWords(lastSyncedAt: string | null, nowMs: number): string {
  if (lastSyncedAt === null) return 'never';
  const thenMs = Date.parse(lastSyncedAt);
  if (Number.isNaN(thenMs)) return 'never';
  // A clock behind the endpoint's reads as "just now", not as a time in the future.
  const seconds = Math.max(0, Math.floor((nowMs - thenMs) / 1000));
  if (seconds < 60) return 'just now';
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.floor(hours / 24);
  return days === 1 ? '1 day ago' : `${days} days ago`;
}

export type Connection = 'online' | 'offline' | 'unpaired';

export function connectionOf(sync: SyncStatus): Connection {
  if (sync.endpoint === null) return 'unpaired';
  return sync.online ? 'online' : 'offline';
}

export const connectionWords: Record<Connection, string> = {
  online: 'Online',
  offline: 'Offline',
  unpaired: 'Not paired (offline)',
};

export function waitingWords(waiting: number): string {
  if (waiting === 0) return 'nothing waiting to sync';
  return waiting === 1 ? '1 change waiting to sync' : `${waiting} changes waiting to sync`;
}

const stageWords: Record<NonNullable<SyncStatus['initial']>['stage'], { what: string; unit: string }> = {
  // The desk answers nothing until the door's records are in: say so, and that it is coming.
  door: { what: 'Receiving the venue (the door opens when it is in)', unit: 'records' },
  // The door works; a pass's full history may still be on its way.
  history: { what: 'Ready. Past history arriving', unit: 'entries' },
  replication: { what: 'First sync', unit: 'records' },
};

/** The first sync of a new desk: "12,000 of 40,000" and a fraction for the bar (null: unknown total). */
export function initialSyncProgress(initial: NonNullable<SyncStatus['initial']>): { words: string; fraction: number | null } {
  const { what, unit } = stageWords[initial.stage];
  const done = initial.done.toLocaleString('en-GB');
  if (initial.total === null || initial.total <= 0) return { words: `${what}: ${done} ${unit} so far`, fraction: null };
  // The total was counted when the sync began; what arrived since makes "done" run past it.
  if (initial.done >= initial.total) return { words: `${what}: ${done} ${unit}, finishing`, fraction: 1 };
  return { words: `${what}: ${done} of ${initial.total.toLocaleString('en-GB')} ${unit}`, fraction: initial.done / initial.total };
}

/** "25 min", "3 h 5 min", "2 days": how long a desk has been offline. */
function offlineForWords(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return days === 1 ? '1 day' : `${days} days`;
}

/**
 * Next to what the door shows about a customer when the desk has reached no endpoint for over a
 * minute: "as of 10:32 — this desk has been offline 25 min; another desk may have checked them
 * in". Null when the desk is current.
 */
export function doorFreshnessWords(freshness: DoorFreshness, timeZone: string | null): string | null {
  if (freshness.kind === 'current') return null;
  if (freshness.asOf === null || freshness.offlineMs === null) return 'This desk has not reached the venue’s other desks yet; another desk may have checked them in.';
  return `As of ${timeWords(freshness.asOf, timeZone)} — this desk has been offline ${offlineForWords(freshness.offlineMs)}; another desk may have checked them in.`;
}

/**
 * The status bar's sentence for a sync problem, by its code, where the words are the renderer's
 * own: an endpoint that limits this desk or is out of disk says what that means at the door
 * (check-ins are kept here, nothing is lost) and who can fix it. Other codes keep main's sentence.
 */
export const syncProblemWords: Partial<Record<SyncProblemCode, string>> = {
  'endpoint-disk-full': 'The sync server\'s disk is full. Check-ins are saved on this desk and will be sent when it is fixed.',
  'endpoint-unavailable': 'The sync server cannot reach its database just now. Check-ins are saved on this desk and will be sent when it is back.',
  'too-many-failed-attempts': 'The sync server is turning this network away for a while after too many wrong device tokens. Check-ins are saved on this desk and will be sent after that.',
  'too-many-streams': 'This desk\'s device token is in use on too many screens at once, so other desks\' check-ins reach this one late. Close the other screens using it.',
};

/** The sentence the status bar shows for a sync problem, or null when there is none. */
export function syncProblemSentence(sync: SyncStatus): string | null {
  if (sync.problemCode === null) return sync.problem;
  return syncProblemWords[sync.problemCode] ?? sync.problem;
}

/** "3 desks heard from in the last minute" (this one included); null when the endpoint has not said. */
export function desksHeardWords(sync: Pick<SyncStatus, 'desksHeard' | 'online'>): string | null {
  if (sync.desksHeard === undefined || !sync.online) return null;
  return sync.desksHeard === 1 ? '1 desk heard from in the last minute' : `${sync.desksHeard} desks heard from in the last minute`;
}
