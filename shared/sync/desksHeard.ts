// SPEC "The venue's network": the status bar shows how many of the venue's desks were heard from
// in the last minute. The endpoint knows when it last heard each desk (server/sync/deskPresence.ts)
// and says how long ago in hello; a desk counts them again on its own clock as time passes, so a
// desk last heard 61 s ago is out of the count at 61 s, not at the next hello a minute later.

/** "Lately": the status bar's last minute. */
export const HEARD_WITHIN_MS = 60_000;

/** Whether a desk last heard `msAgo` milliseconds ago still counts as heard from lately. */
export function heardLately(msAgo: number): boolean {
  return msAgo <= HEARD_WITHIN_MS;
}

/**
 * The desks heard from lately, as a desk counts them `elapsedMs` after the endpoint's hello:
 * itself (it is heard with every request while it is online) and each other desk the hello
 * named, as long ago as the hello said plus the time since.
 */
export function desksHeardSince(othersMsAgo: readonly number[], elapsedMs: number): number {
  return 1 + othersMsAgo.filter((msAgo) => heardLately(msAgo + elapsedMs)).length;
}

/** How long until the next of those desks drops out of the count (null: none will). */
export function nextDropOutInMs(othersMsAgo: readonly number[], elapsedMs: number): number | null {
  const left = othersMsAgo.map((msAgo) => HEARD_WITHIN_MS - (msAgo + elapsedMs)).filter((ms) => ms >= 0);
  return left.length === 0 ? null : Math.min(...left) + 1;
}
