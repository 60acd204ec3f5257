// Records of every collection a desk receives with every field at an edge the shared schemas
// allow (issue 12, build item 7: "extreme but valid values for every field at every boundary"):
// texts at their longest in the widest characters, the largest uses and timeframes, far-past
// and far-future instants and dates, and ledger stamps from the start of time to the last
// instant a stamp can hold with the largest counter. Beside the bad values of badValues.ts: a
// desk must take each of these, store it, and stay on its own clock.
import fc from 'fast-check';
import type { SyncCollection } from '../../shared/schema/sync';
import { CLOCK_SKEW_BOUND_MS, MAX_HLC_COUNTER, MAX_HLC_DESK_ID_LENGTH, MAX_HLC_WALL_MS, formatHlc, isDeskId } from '../../shared/rules/hybridLogicalClock';
import { extremeDate, extremeInstant, textAtMost } from './extremeValues';

/** A text of 1 to `max` units at an edge (never empty). */
const someText = (max: number) => fc.oneof(textAtMost(max), fc.constant('x')).filter((text) => text.length > 0);
/** An id that is unique in the run, as long as ids may be. */
const extremeId = (prefix: string, serial: () => number) => fc.constantFrom(1, 200).map((length) => {
  const unique = `${prefix}-${serial()}-`;
  return unique + 'i'.repeat(Math.max(0, length - unique.length));
});

export const extremeExpiry = () => fc.oneof(
  fc.constant({ kind: 'none' }),
  extremeDate().map((date) => ({ kind: 'fixed', date })),
  fc.constantFrom(1, 3650).map((days) => ({ kind: 'relative', days })),
);
export const extremeTerms = () => fc.record({
  uses: fc.constantFrom(1, 100_000, null),
  expiry: extremeExpiry(),
  validFor: fc.oneof(fc.constant('all'), fc.array(someText(100), { minLength: 1, maxLength: 3 })),
});

/**
 * Stamps at every edge: the start of time, this desk's time, just within and just beyond ε
 * ahead of it, the last instant a stamp can hold; counters 0 and the largest.
 */
export const extremeStamp = (nowMs: number, deskId: string) => fc.tuple(
  fc.constantFrom(0, 1, nowMs, nowMs + CLOCK_SKEW_BOUND_MS, nowMs + CLOCK_SKEW_BOUND_MS + 1, MAX_HLC_WALL_MS - 1, MAX_HLC_WALL_MS),
  fc.constantFrom(0, 1, MAX_HLC_COUNTER),
).map(([wallMs, counter]) => formatHlc({ wallMs, counter }, deskId));

/** A desk id is printable text (shared/rules/hybridLogicalClock.ts isDeskId). */
const stampDeskId = () => fc.oneof(someText(MAX_HLC_DESK_ID_LENGTH), fc.constant('desk-elsewhere')).filter(isDeskId);

/** One record of `collection` at the edges, valid by the shared schema. */
export function extremeRecord(collection: SyncCollection, venueId: string, nowMs: number, serial: () => number): fc.Arbitrary<Record<string, unknown>> {
  const id = extremeId(`extreme-${collection}`, serial);
  switch (collection) {
    case 'products':
      return fc.record({ id, name: someText(200), uses: fc.constantFrom(1, 100_000, null), expiry: extremeExpiry(), validFor: extremeTerms().map((terms) => terms.validFor) });
    case 'customers':
      return fc.record({ id, name: someText(200), email: textAtMost(320) });
    case 'passes':
      return fc.record({ id, customerId: someText(200), productId: someText(200), productName: someText(200), purchasedAt: extremeInstant(nowMs), code: someText(100), terms: extremeTerms() });
    case 'sessions':
      return fc.record({ id, name: someText(200), category: someText(100), startsAt: extremeInstant(nowMs), endsAt: extremeInstant(nowMs) });
    case 'bookings':
      return fc.record({ id, sessionId: someText(200), customerId: someText(200), passId: someText(200), bookedAt: extremeInstant(nowMs) });
    case 'ledger':
      return fc.tuple(id, stampDeskId(), fc.record({
        customerId: someText(200), passId: textAtMost(200), deskId: stampDeskId(), staff: textAtMost(200), reason: textAtMost(500), at: extremeInstant(nowMs),
      }), fc.oneof(
        fc.record({ kind: fc.constant('check-in'), sessionId: textAtMost(200), charged: fc.boolean(), bookingId: textAtMost(200), venueDay: extremeDate() }),
        fc.record({ kind: fc.constant('undo-check-in'), sessionId: textAtMost(200), checkInId: someText(200) }),
        fc.record({ kind: fc.constant('expiry-override'), sessionId: fc.constant(''), expiry: extremeExpiry().filter((expiry) => expiry.kind !== 'none') }),
        fc.record({ kind: fc.constant('uses-override'), sessionId: fc.constant(''), total: fc.constantFrom(0, 100_000) }),
        fc.record({ kind: fc.constant('revoke'), sessionId: fc.constant('') }),
      )).chain(([entryId, stampDesk, fields, kind]) => extremeStamp(nowMs, stampDesk).map((hlc) => ({ id: entryId, venueId, ...fields, ...kind, hlc })));
  }
}
