// A pass's history (SPEC "History and audit"): what changed (before → after), who, which
// desk, when, optional reason. It is the ledger itself, replayed: each entry's before and
// after are the fold of everything up to it, so nothing is stored twice.
import type { Booking, LedgerEntry } from '../schema/records';
import type { PassFacts, PassState } from './passState';
import { foldPassState } from './passState';
import { instantMs } from './venueTime';

export const historyKinds = ['purchase', 'booking-redemption', 'check-in', 'undo-check-in', 'expiry-override', 'uses-override', 'revoke'] as const;
export type HistoryKind = (typeof historyKinds)[number];

export type HistorySnapshot = Pick<PassState, 'status' | 'total' | 'used' | 'remaining' | 'expiresOn'>;

export type HistoryItem = {
  kind: HistoryKind;
  /** The ledger entry or booking id; the pass id for the purchase. */
  id: string;
  at: string;
  deskId: string | null;
  staff: string | null;
  /** A manager or admin who authorised this one action with their PIN (step-up); the history names both. */
  authorisedBy: string | null;
  reason: string;
  sessionId: string | null;
  charged: boolean | null;
  before: HistorySnapshot | null;
  after: HistorySnapshot;
};

type Event =
  | { kind: 'purchase'; at: string; order: string }
  | { kind: 'booking-redemption'; at: string; order: string; booking: Booking }
  | { kind: LedgerEntry['kind']; at: string; order: string; entry: LedgerEntry };

function snapshot(state: PassState): HistorySnapshot {
  return { status: state.status, total: state.total, used: state.used, remaining: state.remaining, expiresOn: state.expiresOn };
}

/** The history of one pass, oldest first (by instant, then hybrid logical clock). */
export function passHistory(
  pass: PassFacts & { id: string },
  bookings: readonly Booking[],
  entries: readonly LedgerEntry[],
  timeZone: string,
): HistoryItem[] {
  // The same booking or entry delivered twice is one event (the fold counts it once too).
  const unique = new Map<string, LedgerEntry>();
  for (const entry of entries) unique.set(entry.id, entry);
  const uniqueBookings = new Map<string, Booking>();
  for (const booking of bookings) uniqueBookings.set(booking.id, booking);
  const events: Event[] = [
    { kind: 'purchase', at: pass.purchasedAt, order: '' },
    ...[...uniqueBookings.values()].map((booking): Event => ({ kind: 'booking-redemption', at: booking.bookedAt, order: `b:${booking.id}`, booking })),
    ...[...unique.values()].map((entry): Event => ({ kind: entry.kind, at: entry.at, order: `l:${entry.hlc}`, entry })),
  ];
  events.sort((a, b) => {
    if (a.kind === 'purchase' || b.kind === 'purchase') return a.kind === 'purchase' ? (b.kind === 'purchase' ? 0 : -1) : 1;
    return instantMs(a.at) - instantMs(b.at) || (a.order < b.order ? -1 : a.order > b.order ? 1 : 0);
  });

  const seenBookings: Booking[] = [];
  const seenEntries: LedgerEntry[] = [];
  const items: HistoryItem[] = [];
  for (const event of events) {
    // Each step is judged at its own instant, before and after alike, so "expired" in the
    // history means expired then: extending an expired pass reads expired → active, not
    // the state as it was at the previous step.
    const atMs = instantMs(event.at);
    const before = event.kind === 'purchase' ? null : foldPassState(pass, seenBookings, seenEntries, timeZone, atMs);
    if ('booking' in event) seenBookings.push(event.booking);
    if ('entry' in event) seenEntries.push(event.entry);
    const after = foldPassState(pass, seenBookings, seenEntries, timeZone, atMs);
    const entry = 'entry' in event ? event.entry : null;
    items.push({
      kind: event.kind,
      id: entry?.id ?? ('booking' in event ? event.booking.id : pass.id),
      at: event.at,
      deskId: entry?.deskId ?? null,
      staff: entry?.staff ?? null,
      authorisedBy: entry?.authorisedBy ?? null,
      reason: entry?.reason ?? '',
      sessionId: entry ? entry.sessionId || null : 'booking' in event ? event.booking.sessionId : null,
      charged: entry?.kind === 'check-in' ? entry.charged : null,
      before: before ? snapshot(before) : null,
      after: snapshot(after),
    });
  }
  return items;
}
