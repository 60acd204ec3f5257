// What the status bar says about sync, as pure functions of the status, the words of the
// desk's language and an injected clock (the bar re-renders on a timer; tests pass any
// instant they like).
import type { SyncStatus } from '../../shared/schema/api';
import type { DoorFreshness } from '../../shared/rules/doorFreshness';
import type { Words } from '../words';

/** "just now", "2 min ago", "3 hr ago", "4 days ago", "never": relative times as the locale says them. */
export function lastSyncedWords(words: Words, lastSyncedAt: string | null, nowMs: number): string {
  const { t } = words;
  if (lastSyncedAt === null) return t('sync.never');
  const thenMs = Date.parse(lastSyncedAt);
  if (Number.isNaN(thenMs)) return t('sync.never');
  // A clock behind the endpoint's reads as "just now", not as a time in the future.
  const seconds = Math.max(0, Math.floor((nowMs - thenMs) / 1000));
  if (seconds < 60) return t('sync.justNow');
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return words.agoWords(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return words.agoWords(hours, 'hour');
  return words.agoWords(Math.floor(hours / 24), 'day');
}

export type Connection = 'online' | 'offline' | 'unpaired';

export function connectionOf(sync: SyncStatus): Connection {
  if (sync.endpoint === null) return 'unpaired';
  return sync.online ? 'online' : 'offline';
}

export function connectionWords(words: Words, connection: Connection): string {
  return words.t(`sync.${connection}`);
}

/** "nothing waiting to sync", "3 changes waiting to sync", and "3 waiting" for a bar short of room. */
export function waitingWords(words: Words, waiting: number): { words: string; short: string } {
  return { words: words.t('sync.waiting', { count: waiting }), short: words.t('sync.waitingShort', { count: waiting }) };
}

/**
 * The first sync of a new desk: "12,000 of 40,000", the same in fewer words for a bar short of
 * room ("First sync: 12,000", the bar beside it says how far), and a fraction for the bar (null:
 * unknown total).
 */
export function initialSyncProgress(words: Words, initial: NonNullable<SyncStatus['initial']>): { words: string; short: string; fraction: number | null } {
  const { t } = words;
  const { stage, done } = initial;
  const short = t('sync.progressShort', { stage, done });
  if (initial.total === null || initial.total <= 0) return { words: t('sync.progressSoFar', { stage, done }), short, fraction: null };
  // The total was counted when the sync began; what arrived since makes "done" run past it.
  if (done >= initial.total) return { words: t('sync.progressFinishing', { stage, done }), short, fraction: 1 };
  return { words: t('sync.progressOf', { stage, done, total: initial.total }), short, fraction: done / initial.total };
}

/** "25 min", "3 hr 5 min", "2 days": how long a desk has been offline, in the locale's short units. */
function offlineForWords(words: Words, ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return words.shortDurationWords({ minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return words.shortDurationWords(minutes % 60 === 0 ? { hours } : { hours, minutes: minutes % 60 });
  return words.durationWords(Math.floor(hours / 24), 'day');
}

/**
 * Next to what the door shows about a customer when the desk has reached no endpoint for over a
 * minute: "as of 10:32 — this desk has been offline 25 min; another desk may have checked them
 * in". Null when the desk is current.
 */
export function doorFreshnessWords(words: Words, freshness: DoorFreshness, timeZone: string | null): string | null {
  if (freshness.kind === 'current') return null;
  if (freshness.asOf === null || freshness.offlineMs === null) return words.t('freshness.never');
  return words.t('freshness.asOf', { time: words.timeWords(freshness.asOf, timeZone), offline: offlineForWords(words, freshness.offlineMs) });
}

/**
 * The sentence the status bar shows for a sync problem, or null when there is none: the
 * problem's note in the desk's language (each code its own words: a full disk, a busy server,
 * too many wrong tokens, too many screens on one token say what door staff can do).
 */
export function syncProblemSentence(words: Words, sync: SyncStatus): string | null {
  return sync.problem ? words.noteWords(sync.problem) : null;
}

/** "3 desks heard from in the last minute" (this one included), and "3 desks heard from"; null when the endpoint has not said. */
export function desksHeardWords(words: Words, sync: Pick<SyncStatus, 'desksHeard' | 'online'>): { words: string; short: string } | null {
  if (sync.desksHeard === undefined || !sync.online) return null;
  return { words: words.t('sync.desksHeard', { count: sync.desksHeard }), short: words.t('sync.desksHeardShort', { count: sync.desksHeard }) };
}

/**
 * Which endpoint of its two the desk syncs with now, in words ("Venue hub", "Internet server");
 * null with one endpoint (its address says it) or none.
 */
export function routeWords(words: Words, sync: Pick<SyncStatus, 'endpoints'>): string | null {
  if ((sync.endpoints?.length ?? 0) < 2) return null;
  const inUse = sync.endpoints?.find((entry) => entry.inUse);
  return inUse ? words.t(`sync.route.${inUse.kind}`) : null;
}
