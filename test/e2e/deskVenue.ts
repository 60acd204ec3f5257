// The venue the staff tests work on: one customer per task and per refusal, built around
// today in the venue's zone (main's clock is the real one in these tests), so that today's
// sessions exist and "30 days from first use" has a first use ten days ago.
import { DateTime } from 'luxon';
import type { LedgerEntry, Pass, VenueData } from '../../shared/schema/records';

export const ZONE = 'Europe/London';

type Terms = Pass['terms'];
const pass = (id: string, customerId: string, productName: string, purchasedAt: string, terms: Terms, code = ''): Pass =>
  ({ id, customerId, productId: `p-${id}`, productName, purchasedAt, code, terms });

export type DeskVenue = { data: VenueData; today: string; nowMs: number; dayAt: (daysFromToday: number, hhmm?: string) => string };

/**
 * `minutes` (up to 60) before `nowMs`, but always today in the venue's zone: in the first hour
 * after midnight they are squeezed into the time since midnight, in the same order. At 00:10,
 * "40 minutes ago" was yesterday at 23:30, and the review list's words and count changed
 * (statusAndSetup and reviewAfterMerge failed in a CI run at that hour).
 */
export function earlierToday(nowMs: number, minutes: number): DateTime {
  const now = DateTime.fromMillis(nowMs, { zone: ZONE });
  const squeeze = Math.min(1, (nowMs - now.startOf('day').toMillis()) / 3_600_000);
  return DateTime.fromMillis(Math.round(nowMs - minutes * 60_000 * squeeze), { zone: ZONE });
}

export function deskVenue(nowMs = Date.now()): DeskVenue {
  const now = DateTime.fromMillis(nowMs, { zone: ZONE });
  const today = now.toISODate()!;
  const dayAt = (days: number, hhmm = '10:00') => {
    const [hour, minute] = hhmm.split(':').map(Number);
    return now.startOf('day').plus({ days }).set({ hour: hour!, minute: minute! }).toUTC().toISO()!;
  };
  const dateIn = (days: number) => now.startOf('day').plus({ days }).toISODate()!;
  // Today's sessions last all day, so that "the session on now" never depends on when the suite runs.
  const sessions = [
    { id: 's-yoga', name: 'Yoga flow', category: 'yoga', startsAt: dayAt(0, '00:05'), endsAt: dayAt(0, '23:55') },
    { id: 's-climb', name: 'Climbing club', category: 'climbing', startsAt: dayAt(0, '00:10'), endsAt: dayAt(0, '23:50') },
    ...[10, 9, 8, 7, 6].map((ago) => ({ id: `s-past-${ago}`, name: 'Morning yoga', category: 'yoga', startsAt: dayAt(-ago, '09:00'), endsAt: dayAt(-ago, '10:00') })),
  ];
  const booking = (id: string, sessionId: string, customerId: string, passId: string | undefined, bookedAt: string) =>
    ({ id, sessionId, customerId, bookedAt, ...(passId ? { passId } : {}) });
  const hlc = (ms: number, desk: string) => `${String(ms).padStart(15, '0')}:000000:${desk}`;
  const checkInAt = (id: string, customerId: string, passId: string, deskId: string, minutesAgo: number): LedgerEntry => {
    const at = earlierToday(nowMs, minutesAgo);
    return {
      id, kind: 'check-in', venueId: 'e2e-venue', passId, customerId, deskId, staff: deskId === 'desk-front' ? 'Maya' : 'Oskar', reason: '',
      at: at.toUTC().toISO()!, hlc: hlc(at.toMillis(), deskId), sessionId: 's-yoga', charged: true, bookingId: '', venueDay: today,
    };
  };
  const revokedAt = DateTime.fromMillis(nowMs - 3 * 86_400_000, { zone: ZONE });

  const data: VenueData = {
    venue: { id: 'e2e-venue', timeZone: ZONE, name: 'Harbour Yoga & Climbing' },
    products: [],
    customers: [
      { id: 'c-ada', name: 'Ada Lovelace', email: 'ada@example.com' },
      { id: 'c-nia', name: 'Nia Okafor', email: 'nia.okafor@example.org' },
      { id: 'c-tom', name: 'Tom Baker', email: 'tom.baker@example.net' },
      { id: 'c-rosa', name: 'Rosa Parkes', email: 'rosa@example.com' },
      { id: 'c-wren', name: 'Wren Nopasses', email: 'wren@example.com' },
      { id: 'c-ivy', name: 'Ivy Refused', email: 'ivy@example.com' },
      { id: 'c-bea', name: 'Bea Booked', email: 'bea@example.com' },
      { id: 'c-carl', name: 'Carl Booked', email: 'carl@example.com' },
      { id: 'c-dana', name: 'Dana Twodesks', email: 'dana@example.com' },
      { id: 'c-zoe', name: "Zoë O'Brien", email: '=HYPERLINK("http://x")@example.com' },
      // Namesakes, so that a search fills more than a screen and the list has to scroll.
      ...['Amara', 'Ben', 'Cora', 'Dev', 'Elif', 'Finn', 'Gia', 'Hugo', 'Iris', 'Jon', 'Kai', 'Lena', 'Milo', 'Nora', 'Otto',
        'Pia', 'Quin', 'Rhys', 'Sana', 'Theo', 'Uma', 'Vera', 'Will', 'Xena', 'Yara', 'Zane'].map((first, index) =>
        ({ id: `c-brown-${index}`, name: `${first} Brown`, email: `${first.toLowerCase()}.brown@example.net` })),
    ],
    passes: [
      // Walk-in against the oldest pass: bought in January, not the newer one from March.
      pass('x-ada-old', 'c-ada', '10-class pass', '2026-01-05T10:00:00Z', { uses: 10, expiry: { kind: 'none' }, validFor: 'all' }, 'PASS-0001'),
      pass('x-ada-new', 'c-ada', '5-class pass', '2026-03-01T10:00:00Z', { uses: 5, expiry: { kind: 'none' }, validFor: 'all' }, 'PASS-0002'),
      // 30 days from first use, first used ten days ago: extend by 14 → 44 days.
      pass('x-nia', 'c-nia', '10 classes, 30 days from first use', dayAt(-20), { uses: 10, expiry: { kind: 'relative', days: 30 }, validFor: 'all' }, 'PASS-0003'),
      // 23 uses, 5 used.
      pass('x-tom', 'c-tom', '23-class pass', dayAt(-30), { uses: 23, expiry: { kind: 'none' }, validFor: 'all' }, 'PASS-0004'),
      pass('x-tom-old', 'c-tom', 'Trial week', '2025-09-01T09:00:00Z', { uses: 3, expiry: { kind: 'fixed', date: '2025-09-08' }, validFor: 'all' }),
      pass('x-rosa', 'c-rosa', 'Annual membership', dayAt(-40), { uses: null, expiry: { kind: 'fixed', date: dateIn(300) }, validFor: 'all' }, 'PASS-0005'),
      // Every reason a pass can be refused for, one pass each, oldest first.
      pass('x-ivy-1', 'c-ivy', 'Refunded pack', '2026-01-01T09:00:00Z', { uses: 10, expiry: { kind: 'none' }, validFor: 'all' }),
      pass('x-ivy-2', 'c-ivy', 'Summer pass', '2026-02-01T09:00:00Z', { uses: 10, expiry: { kind: 'fixed', date: dateIn(-5) }, validFor: 'all' }, 'PASS-0006'),
      pass('x-ivy-3', 'c-ivy', 'Single class', '2026-03-01T09:00:00Z', { uses: 1, expiry: { kind: 'none' }, validFor: 'all' }),
      pass('x-ivy-4', 'c-ivy', '8 climbing sessions', '2026-04-01T09:00:00Z', { uses: 8, expiry: { kind: 'none' }, validFor: ['climbing'] }),
      pass('x-bea', 'c-bea', '10-class pass', dayAt(-15), { uses: 10, expiry: { kind: 'none' }, validFor: 'all' }),
      pass('x-dana', 'c-dana', 'Single class', dayAt(-2), { uses: 1, expiry: { kind: 'none' }, validFor: 'all' }),
      pass('x-zoe', 'c-zoe', '10-class pass', dayAt(-2), { uses: 10, expiry: { kind: 'none' }, validFor: 'all' }, 'PASS-0007'),
    ],
    sessions,
    bookings: [
      booking('b-nia', 's-past-10', 'c-nia', 'x-nia', dayAt(-10, '08:00')),
      ...[10, 9, 8, 7, 6].map((ago) => booking(`b-tom-${ago}`, `s-past-${ago}`, 'c-tom', 'x-tom', dayAt(-ago, '08:00'))),
      booking('b-ivy', 's-past-9', 'c-ivy', 'x-ivy-3', dayAt(-9, '08:00')),
      booking('b-bea', 's-yoga', 'c-bea', 'x-bea', dayAt(-1, '12:00')),
      booking('b-carl', 's-yoga', 'c-carl', undefined, dayAt(-1, '12:30')),
    ],
    ledger: [
      {
        id: 'l-ivy-revoke', kind: 'revoke', venueId: 'e2e-venue', passId: 'x-ivy-1', customerId: 'c-ivy', deskId: 'desk-front', staff: 'Maya',
        reason: 'refunded', at: revokedAt.toUTC().toISO()!, hlc: hlc(revokedAt.toMillis(), 'desk-front'), sessionId: '',
      },
      // Two desks each checked Dana in to the same session while offline, on a one-use pass.
      checkInAt('l-dana-front', 'c-dana', 'x-dana', 'desk-front', 40),
      checkInAt('l-dana-side', 'c-dana', 'x-dana', 'desk-side', 35),
    ],
  };
  return { data, today, nowMs, dayAt };
}
