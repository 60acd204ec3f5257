// What only a manager may do, beyond pass changes, held in main: the exports (their data by
// calls of their own), a past day's attendance list (what an export holds), and undoing another
// person's check-in; a manager's step-up at a door person's desk authorises one such call, and
// the entry names both.
import { afterEach, describe, expect, it } from 'vitest';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { openDeskDatabase } from '../../../main/db/deskDatabase';
import { openDesk } from '../../../main/desk/openDesk';
import type { Desk } from '../../../main/desk/openDesk';
import type { VenueData } from '../../../shared/schema/records';
import { staffRecordsFor, staffVenue } from './staffDesk';

const storage = getRxStorageDexie({ indexedDB, IDBKeyRange });
const people = staffRecordsFor();
const { door, manager } = people.byRole;
const nowMs = Date.parse('2026-03-10T17:00:00Z');
const venue: VenueData = {
  ...staffVenue,
  sessions: [
    { id: 's-yesterday', name: 'Yoga', category: 'yoga', startsAt: '2026-03-09T18:00:00Z', endsAt: '2026-03-09T19:00:00Z' },
    { id: 's-today', name: 'Yoga', category: 'yoga', startsAt: '2026-03-10T18:00:00Z', endsAt: '2026-03-10T19:00:00Z' },
  ],
};
let serial = 0;
const opened: Desk[] = [];

async function staffedDesk(): Promise<Desk> {
  const desk = await openDesk({ db: await openDeskDatabase(storage, `manager-only-${serial++}`), identity: { deskId: 'A', staff: 'Typed' }, now: () => nowMs });
  opened.push(desk);
  expect((await desk.loadVenue(venue)).ok).toBe(true);
  await desk.context.staffOnDesk.fromEndpoint(people.all);
  return desk;
}

afterEach(async () => {
  for (const desk of opened.splice(0)) await desk.close();
});

const needsManager = { ok: false, error: 'not-allowed', needs: 'manager', note: { note: 'needs-role', role: 'manager' } };

describe('exports are manager-only in main', () => {
  it("door staff get neither export, nor a past day's attendance list, by any call; a manager gets them", async () => {
    const desk = await staffedDesk();
    await desk.call('signIn', { staffId: door.record.id, pin: door.pin });
    expect(await desk.call('exportAttendance', { sessionId: 's-today' })).toEqual(needsManager);
    expect(await desk.call('exportAttendance', { sessionId: 's-yesterday' })).toEqual(needsManager);
    expect(await desk.call('exportPassHistory', { passId: 'x-ada' })).toEqual(needsManager);
    expect(await desk.call('sessionAttendees', { sessionId: 's-yesterday' })).toEqual(needsManager);
    // Today's list is the door's working list.
    expect(await desk.call('sessionAttendees', { sessionId: 's-today' })).toMatchObject({ ok: true });
    await desk.call('signIn', { staffId: manager.record.id, pin: manager.pin });
    expect(await desk.call('exportAttendance', { sessionId: 's-yesterday' })).toMatchObject({ ok: true, session: { id: 's-yesterday' } });
    expect(await desk.call('exportPassHistory', { passId: 'x-ada' })).toMatchObject({ ok: true, items: [expect.objectContaining({ kind: 'purchase' })] });
    expect(await desk.call('sessionAttendees', { sessionId: 's-yesterday' })).toMatchObject({ ok: true });
  });

  it('a manager authorises one export at a door person\'s desk with their PIN', async () => {
    const desk = await staffedDesk();
    await desk.call('signIn', { staffId: door.record.id, pin: door.pin });
    expect(await desk.call('stepUp', { staffId: manager.record.id, pin: manager.pin })).toMatchObject({ ok: true });
    expect(await desk.call('exportPassHistory', { passId: 'x-ada' })).toMatchObject({ ok: true });
    expect(await desk.call('exportPassHistory', { passId: 'x-ada' })).toEqual(needsManager);
  });
});

describe('step-up beyond pass changes', () => {
  it("a manager's PIN lets door staff undo another person's check-in, once, and the history names both", async () => {
    const desk = await staffedDesk();
    await desk.call('signIn', { staffId: manager.record.id, pin: manager.pin });
    const managers = await desk.call('checkIn', { customerId: 'c-ben', sessionId: null });
    const again = await desk.call('checkIn', { customerId: 'c-ada', sessionId: null });
    if (!managers.ok || !again.ok) throw new Error('check-ins refused');
    await desk.call('signIn', { staffId: door.record.id, pin: door.pin });
    expect(await desk.call('undoCheckIn', { checkInId: managers.checkInId })).toEqual(needsManager);
    expect(await desk.call('stepUp', { staffId: manager.record.id, pin: manager.pin })).toMatchObject({ ok: true });
    expect(await desk.call('undoCheckIn', { checkInId: managers.checkInId })).toMatchObject({ ok: true });
    // One action.
    expect(await desk.call('undoCheckIn', { checkInId: again.checkInId })).toEqual(needsManager);
    const history = await desk.call('passHistory', { passId: 'x-ben' });
    if (!history.ok) throw new Error('no history');
    expect(history.items.at(-1)).toMatchObject({ kind: 'undo-check-in', staff: 'Dora Door', authorisedBy: 'Mani Manager' });
  });

  it("a manager's PIN lets door staff see a past day's list once", async () => {
    const desk = await staffedDesk();
    await desk.call('signIn', { staffId: door.record.id, pin: door.pin });
    await desk.call('stepUp', { staffId: manager.record.id, pin: manager.pin });
    expect(await desk.call('sessionAttendees', { sessionId: 's-yesterday' })).toMatchObject({ ok: true });
    expect(await desk.call('sessionAttendees', { sessionId: 's-yesterday' })).toEqual(needsManager);
  });
});
