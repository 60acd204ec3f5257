// Issue 15 item 5, in main: an admin makes a desk a kiosk; customers check themselves in by
// their pass's code or their full email and hear only about themselves; nothing else is
// answered; it stays a kiosk across a restart and is left only with a manager's or admin's PIN.
import { afterEach, describe, expect, it } from 'vitest';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { openDeskDatabase } from '../../../main/db/deskDatabase';
import { openDesk } from '../../../main/desk/openDesk';
import type { Desk } from '../../../main/desk/openDesk';
import type { VenueData } from '../../../shared/schema/records';
import { kioskSession } from '../../../shared/rules/kioskSession';
import { staffRecordsFor, staffVenue } from './staffDesk';

const storage = getRxStorageDexie({ indexedDB, IDBKeyRange });
const people = staffRecordsFor();
const nowMs = Date.parse('2026-03-10T17:00:00Z');
const venue: VenueData = {
  ...staffVenue,
  customers: [{ id: 'c-ada', name: 'Ada Lovelace', email: 'ada@example.com' }, { id: 'c-ben', name: 'Ben Okri', email: 'ben@example.com' }],
  sessions: [{ id: 's-yoga', name: 'Yoga flow', category: 'yoga', startsAt: '2026-03-10T17:15:00Z', endsAt: '2026-03-10T18:15:00Z' }],
  bookings: [{ id: 'b-ben', sessionId: 's-yoga', customerId: 'c-ben', passId: 'x-ben', bookedAt: '2026-03-09T09:00:00Z' }],
};
const opened: Desk[] = [];
afterEach(async () => {
  for (const desk of opened.splice(0)) await desk.close();
});

async function open(name: string): Promise<Desk> {
  const desk = await openDesk({ db: await openDeskDatabase(storage, name), identity: { deskId: 'K', staff: 'Typed' }, now: () => nowMs });
  opened.push(desk);
  return desk;
}

describe('the kiosk', () => {
  it('is switched on by an admin only, answers customers about themselves only, and is left only with a PIN', async () => {
    const desk = await open('kiosk');
    expect((await desk.loadVenue(venue)).ok).toBe(true);
    await desk.context.staffOnDesk.fromEndpoint(people.all);
    const { door, manager, admin } = people.byRole;
    await desk.call('signIn', { staffId: manager.record.id, pin: manager.pin });
    expect(await desk.call('enterKiosk', {})).toMatchObject({ ok: false, error: 'not-allowed', needs: 'admin' });
    await desk.call('signIn', { staffId: admin.record.id, pin: admin.pin });
    expect(await desk.call('enterKiosk', { sound: true })).toEqual({ ok: true });
    expect(await desk.call('deskStatus', {})).toMatchObject({ status: { kiosk: true, kioskSound: true, signedIn: null } });

    // By code: a walk-in into the session starting now, first name, uses left, expiry.
    expect(await desk.call('kioskCheckIn', { identifier: ' pass-ada ' })).toEqual({ ok: true, outcome: 'checked-in', firstName: 'Ada', remaining: 9, expiresOn: null, sessionName: 'Yoga flow' });
    expect(await desk.call('kioskCheckIn', { identifier: 'PASS-ada' })).toEqual({ ok: true, outcome: 'already', firstName: 'Ada' });
    // By full email: a booking is attendance.
    expect(await desk.call('kioskCheckIn', { identifier: 'BEN@example.com' })).toEqual({ ok: true, outcome: 'booked', firstName: 'Ben', sessionName: 'Yoga flow' });
    // A part of an email, a name, an unknown code: nobody is found, nothing is said about anyone.
    for (const identifier of ['ben@example', 'Ben Okri', 'ben', 'PASS-zzz', 'a']) {
      expect(await desk.call('kioskCheckIn', { identifier }), identifier).toEqual({ ok: true, outcome: 'see-front-desk' });
    }
    // Nothing else is answered, whoever asks.
    for (const [name, payload] of [['search', { query: 'a' }], ['customerOverview', { customerId: 'c-ada' }], ['searchCorpus', { feed: null, after: null }], ['signIn', { staffId: admin.record.id, pin: admin.pin }], ['recentCheckIns', {}]] as const) {
      expect(await desk.call(name, payload as never), name).toMatchObject({ ok: false, error: 'not-allowed', note: { note: 'kiosk-only' } });
    }
    const history = await desk.context.ledger.entriesOfPass('x-ada');
    expect(history.map((entry) => [entry.kind, entry.staff])).toEqual([['check-in', 'Self check-in (kiosk)']]);

    // It stays a kiosk after a restart.
    await desk.close();
    opened.pop();
    const again = await open('kiosk');
    await again.context.staffOnDesk.fromEndpoint(people.all);
    expect(await again.call('deskStatus', {})).toMatchObject({ status: { kiosk: true } });
    expect(await again.call('leaveKiosk', { staffId: door.record.id, pin: door.pin })).toMatchObject({ ok: false, error: 'not-allowed', needs: 'manager' });
    expect(await again.call('leaveKiosk', { staffId: manager.record.id, pin: '0000' })).toMatchObject({ ok: false, error: 'wrong-pin' });
    expect(await again.call('leaveKiosk', { staffId: manager.record.id, pin: manager.pin })).toMatchObject({ ok: true, staff: { name: 'Mani Manager' } });
    expect(await again.call('deskStatus', {})).toMatchObject({ status: { kiosk: false, signedIn: { name: 'Mani Manager' } } });
    expect(await again.call('kioskCheckIn', { identifier: 'PASS-ada' })).toMatchObject({ ok: false, error: 'invalid-input' });
  });

  it('is refused on a desk without staff: nobody could leave it', async () => {
    const desk = await open('kiosk-no-staff');
    expect(await desk.call('enterKiosk', {})).toMatchObject({ ok: false, error: 'invalid-input', note: { note: 'kiosk-needs-staff' } });
  });

  it.each([
    { when: '40 minutes before the start', at: '2026-03-10T16:35:00Z', booked: [], session: null },
    { when: '30 minutes before the start', at: '2026-03-10T16:45:00Z', booked: [], session: 'a' },
    { when: 'while two run, the one starting nearest now', at: '2026-03-10T17:50:00Z', booked: [], session: 'b' },
    { when: 'while two run, the one booked first', at: '2026-03-10T17:50:00Z', booked: ['a'], session: 'a' },
    { when: 'after the end', at: '2026-03-10T19:01:00Z', booked: [], session: null },
  ])('takes the session starting now: $when → $session', ({ at, booked, session }) => {
    const sessions = [
      { id: 'a', name: 'A', category: 'yoga', startsAt: '2026-03-10T17:15:00Z', endsAt: '2026-03-10T18:15:00Z' },
      { id: 'b', name: 'B', category: 'yoga', startsAt: '2026-03-10T18:00:00Z', endsAt: '2026-03-10T19:00:00Z' },
    ];
    expect(kioskSession(sessions, new Set(booked), Date.parse(at))?.id ?? null).toBe(session);
  });
});
