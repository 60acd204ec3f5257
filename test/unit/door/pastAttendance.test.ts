// Issue 13, item 8: "attendance export for any past session, not only today's". A venue taken
// whole by an empty desk keeps its older check-ins in history bundles, not in memory: a past
// session's attendee list must still show who came, and the session must be pickable by day.
import { afterEach, describe, expect, it } from 'vitest';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { LedgerEntry, VenueData } from '../../../shared/schema/records';
import { openDeskDatabase } from '../../../main/db/deskDatabase';
import { openDesk } from '../../../main/desk/openDesk';
import type { Desk } from '../../../main/desk/openDesk';

const storage = getRxStorageDexie({ indexedDB, IDBKeyRange });
const nowMs = Date.parse('2026-12-07T12:00:00Z');
const hlc = (iso: string, deskId: string) => `${String(Date.parse(iso)).padStart(15, '0')}:000000:${deskId}`;
const checkIn = (id: string, customerId: string, passId: string, at: string, charged: boolean, bookingId = ''): LedgerEntry => ({
  id, kind: 'check-in', venueId: 'v-past', passId, customerId, deskId: 'desk-front', staff: 'Maya', reason: '',
  at, hlc: hlc(at, 'desk-front'), sessionId: 's-past', charged, bookingId, venueDay: at.slice(0, 10),
});

const venue: VenueData = {
  venue: { id: 'v-past', timeZone: 'Europe/London' },
  products: [],
  customers: [
    { id: 'c-bea', name: 'Bea Booked' },
    { id: 'c-wil', name: 'Wil Walkin' },
    { id: 'c-nob', name: 'Nob Noshow' },
  ],
  passes: ['bea', 'wil', 'nob'].map((who) => ({
    id: `x-${who}`, customerId: `c-${who}`, productId: 'p', productName: '10 classes', purchasedAt: '2026-10-01T10:00:00Z', code: '',
    terms: { uses: 10, expiry: { kind: 'none' as const }, validFor: 'all' as const },
  })),
  sessions: [
    { id: 's-past', name: 'Morning yoga', category: 'yoga', startsAt: '2026-11-20T09:00:00Z', endsAt: '2026-11-20T10:00:00Z' },
    { id: 's-today', name: 'Evening yoga', category: 'yoga', startsAt: '2026-12-07T18:00:00Z', endsAt: '2026-12-07T19:00:00Z' },
    { id: 's-next', name: 'Next week', category: 'yoga', startsAt: '2026-12-14T18:00:00Z', endsAt: '2026-12-14T19:00:00Z' },
  ],
  bookings: [
    { id: 'b-bea', sessionId: 's-past', customerId: 'c-bea', passId: 'x-bea', bookedAt: '2026-11-18T10:00:00Z' },
    { id: 'b-nob', sessionId: 's-past', customerId: 'c-nob', passId: 'x-nob', bookedAt: '2026-11-18T10:00:00Z' },
  ],
  ledger: [
    checkIn('l-bea', 'c-bea', 'x-bea', '2026-11-20T08:55:00Z', false, 'b-bea'),
    checkIn('l-wil', 'c-wil', 'x-wil', '2026-11-20T08:58:00Z', true),
  ],
};

let desk: Desk | null = null;
afterEach(async () => {
  await desk?.close();
  desk = null;
});

describe('attendance of a past session', () => {
  it('shows who came, from the history of a venue taken whole, and the day can be picked', async () => {
    desk = await openDesk({ db: await openDeskDatabase(storage, 'past-attendance'), identity: { deskId: 'A', staff: 'Sam' }, now: () => nowMs });
    expect((await desk.loadVenue(venue)).ok).toBe(true);
    // The check-ins are not in memory: only in the bulk load's history.
    expect(desk.context.memory.ledger.has('l-bea')).toBe(false);

    const days = await desk.call('attendanceSessions', {});
    expect(days).toMatchObject({ ok: true, today: '2026-12-07', day: '2026-12-07', days: ['2026-12-07', '2026-11-20'] });
    expect(days.ok && days.sessions.map((session) => session.id)).toEqual(['s-today']);
    const past = await desk.call('attendanceSessions', { day: '2026-11-20' });
    expect(past.ok && past.sessions.map((session) => session.id)).toEqual(['s-past']);

    const answer = await desk.call('sessionAttendees', { sessionId: 's-past' });
    expect(answer.ok).toBe(true);
    const rows = answer.ok ? answer.attendees.map((a) => ({ name: a.customer.name, arrived: a.arrived, walkIn: a.walkIn, checkIns: a.checkInIds })) : [];
    expect(rows).toEqual([
      { name: 'Bea Booked', arrived: true, walkIn: false, checkIns: ['l-bea'] },
      { name: 'Nob Noshow', arrived: false, walkIn: false, checkIns: [] },
      { name: 'Wil Walkin', arrived: true, walkIn: true, checkIns: ['l-wil'] },
    ]);

    // An undo made later, at this desk, takes the walk-in off the list.
    expect(await desk.call('undoCheckIn', { checkInId: 'l-wil' })).toMatchObject({ ok: true });
    const after = await desk.call('sessionAttendees', { sessionId: 's-past' });
    expect(after.ok && after.attendees.map((a) => a.customer.name)).toEqual(['Bea Booked', 'Nob Noshow']);
  });
});
