// Issue 15: "a table-driven role matrix (every API call × every role → allowed or
// not-allowed)". Every call of the desk's API goes through `desk.call` as door staff, a
// manager, an admin and nobody signed in; the answer is `not-allowed` naming the least role
// exactly when SPEC's roles say so, and a desk without staff refuses nothing for a role.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { DeskApiName } from '../../../shared/schema/api';
import { deskApiNames } from '../../../shared/schema/apiNames';
import { deskApi } from '../../../shared/schema/api';
import { leastRoleOf } from '../../../shared/staff/leastRoles';
import type { StaffRole } from '../../../shared/staff/staffRoles';
import { openDeskDatabase } from '../../../main/db/deskDatabase';
import { openDesk } from '../../../main/desk/openDesk';
import type { Desk } from '../../../main/desk/openDesk';
import { staffRecordsFor, staffVenue } from './staffDesk';

const storage = getRxStorageDexie({ indexedDB, IDBKeyRange });

/** A payload each call takes (its schema passes), as the screens send them. */
const payloads: Record<DeskApiName, Record<string, unknown>> = {
  checkIn: { customerId: 'c-ada', sessionId: null, confirmDuplicate: true },
  undoCheckIn: { checkInId: 'no-such-check-in' },
  setLanguage: { language: 'de' },
  overrideExpiry: { passId: 'x-ada', relativeDays: 40 },
  overrideUses: { passId: 'x-ada', total: 12 },
  revokePass: { passId: 'x-ben' },
  previewCheckIn: { customerId: 'c-ada', sessionId: null },
  search: { query: 'ada' },
  findAtDoor: { query: 'ada', sessionId: null },
  searchCorpus: { feed: null, after: null },
  customerOverview: { customerId: 'c-ada' },
  passState: { passId: 'x-ada' },
  passHistory: { passId: 'x-ada' },
  passDetail: { passId: 'x-ada' },
  sessionAttendees: { sessionId: 'no-such-session' },
  exportAttendance: { sessionId: 'no-such-session' },
  exportPassHistory: { passId: 'x-ada' },
  todaySessions: {},
  attendanceSessions: {},
  recentCheckIns: {},
  deskStatus: {},
  setStaff: { staff: 'Front desk' },
  loadVenueFile: { text: 'not a venue file' },
  openDemoVenue: {},
  pairEndpoint: { url: 'http://127.0.0.1:9', token: '0123456789abcdef' },
  unpairEndpoint: {},
  findHubs: {},
  venueHub: {},
  setVenueHub: { on: false },
  offerHubCode: { deskName: 'Door 2' },
  claimHubCode: { certificate: 'AB:'.repeat(31) + 'CD', code: 'K7QM3-XHD9P' },
  syncReview: {},
  demoPractice: {},
  staffOnDesk: {},
  signIn: { staffId: 'no-such-person', pin: '0000' },
  signOut: {},
  stillHere: {},
  stepUp: { staffId: 'no-such-person', pin: '0000' },
  setFirstManager: { name: 'Zed', pin: '1234' },
  kioskCheckIn: { identifier: 'PASS-ada' },
  enterKiosk: {},
  leaveKiosk: { staffId: 'no-such-person', pin: '0000' },
};

type Who = StaffRole | 'nobody';
const roleOrder: StaffRole[] = ['door', 'manager', 'admin'];
const allowed = (who: Who, name: DeskApiName): boolean => {
  const least: StaffRole | null = leastRoleOf[name];
  if (least === null) return true;
  return who !== 'nobody' && roleOrder.indexOf(who) >= roleOrder.indexOf(least);
};

const rows = (['nobody', ...roleOrder] as Who[]).flatMap((who) => deskApiNames.map((name) => ({ who, name, allowed: allowed(who, name) })));

describe('the role matrix: every call × every role', () => {
  let desk: Desk;
  const nowMs = Date.parse('2026-03-10T17:00:00Z');
  const records = staffRecordsFor();

  beforeAll(async () => {
    desk = await openDesk({ db: await openDeskDatabase(storage, 'role-matrix'), identity: { deskId: 'A', staff: 'Typed name' }, now: () => nowMs });
    expect((await desk.loadVenue(staffVenue)).ok).toBe(true);
    await desk.context.staffOnDesk.fromEndpoint(records.all);
  });
  afterAll(async () => {
    await desk.close();
  });

  it.each(rows)('$who: $name → $allowed', async ({ who, name, allowed: isAllowed }) => {
    // An admin's enterKiosk row made the desk a kiosk: each row starts from an ordinary desk.
    await desk.context.kiosk.set(false);
    await desk.call('signOut', {});
    if (who !== 'nobody') {
      const person = records.byRole[who];
      expect(await desk.call('signIn', { staffId: person.record.id, pin: person.pin })).toMatchObject({ ok: true });
    }
    const answer = await desk.call(name, payloads[name]);
    if (isAllowed) {
      expect(answer).not.toMatchObject({ error: 'not-allowed' });
    } else {
      expect(answer).toEqual({ ok: false, error: 'not-allowed', needs: leastRoleOf[name], note: who === 'nobody' ? { note: 'desk-locked' } : { note: 'needs-role', role: leastRoleOf[name] } });
    }
  });

  it('lists every call of the API, each with a payload its schema takes', () => {
    expect(Object.keys(payloads).sort()).toEqual([...deskApiNames].sort());
    for (const name of deskApiNames) expect(deskApi[name].safeParse(payloads[name]).success, name).toBe(true);
  });
});

describe('a desk without staff', () => {
  it('refuses no call for a role, and writes the typed name on its entries, as before staff existed', async () => {
    const desk = await openDesk({ db: await openDeskDatabase(storage, 'no-staff'), identity: { deskId: 'B', staff: 'Typed name' }, now: () => Date.parse('2026-03-10T17:00:00Z') });
    try {
      expect((await desk.loadVenue(staffVenue)).ok).toBe(true);
      for (const name of deskApiNames) {
        if (name === 'setFirstManager' || name === 'signOut' || name === 'enterKiosk') continue;
        expect(await desk.call(name, payloads[name]), name).not.toMatchObject({ error: 'not-allowed' });
      }
      const checkedIn = await desk.call('checkIn', { customerId: 'c-ada', sessionId: null, confirmDuplicate: true });
      expect(checkedIn).toMatchObject({ ok: true });
      const history = await desk.call('passHistory', { passId: 'x-ada' });
      expect(history).toMatchObject({ ok: true, items: expect.arrayContaining([expect.objectContaining({ staff: 'Typed name' })]) as unknown });
      expect((await desk.call('deskStatus', {}))).toMatchObject({ ok: true, status: { staffRequired: false, signedIn: null } });
    } finally {
      await desk.close();
    }
  });
});
