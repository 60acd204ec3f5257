// SPEC "Kiosk mode": the kiosk "checks in to the session that is starting now (or walk-in)".
// A session is starting now from 30 minutes before its start until its end; of those, one the
// customer booked comes first (their booking is marked attended, nothing redeemed again),
// then the one that starts soonest. None: a walk-in with no session.
import type { Session } from '../schema/records';
import { instantMs } from './venueTime';

/** How early before its start a session takes self check-ins. */
export const KIOSK_OPENS_BEFORE_MS = 30 * 60_000;

export function kioskSession(sessions: Iterable<Session>, bookedSessionIds: ReadonlySet<string>, nowMs: number): Session | null {
  const open = [...sessions].filter((session) => instantMs(session.startsAt) - KIOSK_OPENS_BEFORE_MS <= nowMs && nowMs <= instantMs(session.endsAt));
  open.sort((a, b) => Number(bookedSessionIds.has(b.id)) - Number(bookedSessionIds.has(a.id))
    || Math.abs(instantMs(a.startsAt) - nowMs) - Math.abs(instantMs(b.startsAt) - nowMs)
    || (a.id < b.id ? -1 : 1));
  return open[0] ?? null;
}

/** What a kiosk may call a customer on its screen: the first word of their name. */
export function firstNameOf(name: string): string {
  return name.trim().split(/\s+/)[0] ?? '';
}
