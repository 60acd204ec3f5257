// Issue 15 at the desk, in main: signing in with a PIN (offline: the hashes the endpoint sent),
// wrong PINs backing off, the person's id and name on every entry and in the history, a door
// person undoing only their own check-ins of the day, a manager's step-up for one action, and a
// desk without an endpoint choosing its first manager.
import { afterEach, describe, expect, it } from 'vitest';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { openDeskDatabase } from '../../../main/db/deskDatabase';
import { openDesk } from '../../../main/desk/openDesk';
import type { Desk } from '../../../main/desk/openDesk';
import { newSignInSession } from '../../../main/state/staffOnDesk';
import { pinWaitMs } from '../../../shared/staff/pinBackoff';
import { staffRecordsFor, staffVenue } from './staffDesk';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WRONG_PINS_FILE, wrongPinsFile } from '../../../main/state/wrongPinsFile';
import type { WrongPinsStore } from '../../../main/state/wrongPinsFile';

const storage = getRxStorageDexie({ indexedDB, IDBKeyRange });
const people = staffRecordsFor();
let nowMs = Date.parse('2026-03-10T17:00:00Z');
let serial = 0;
const opened: Desk[] = [];
const logs: string[] = [];

async function staffedDesk(name = `sign-in-${serial++}`, wrongPins?: WrongPinsStore): Promise<Desk> {
  const desk = await openDesk({ db: await openDeskDatabase(storage, name), identity: { deskId: 'A', staff: 'Typed' }, now: () => nowMs, log: (line) => logs.push(line), ...(wrongPins ? { wrongPins } : {}) });
  opened.push(desk);
  expect((await desk.loadVenue(staffVenue)).ok).toBe(true);
  await desk.context.staffOnDesk.fromEndpoint(people.all);
  return desk;
}

afterEach(async () => {
  for (const desk of opened.splice(0)) await desk.close();
  nowMs = Date.parse('2026-03-10T17:00:00Z');
});

const { door, manager } = people.byRole;

describe('signing in', () => {
  it('offers the active staff by name, takes the right PIN only, and locks on demand', async () => {
    const desk = await staffedDesk();
    expect(await desk.call('staffOnDesk', {})).toMatchObject({ ok: true, required: true, signedIn: null, mayChooseFirstManager: false, staff: [
      { name: 'Ada Admin', role: 'admin' }, { name: 'Dora Door', role: 'door' }, { name: 'Mani Manager', role: 'manager' },
    ] });
    expect(await desk.call('signIn', { staffId: door.record.id, pin: '9999' })).toMatchObject({ ok: false, error: 'wrong-pin' });
    expect(await desk.call('signIn', { staffId: people.inactive.record.id, pin: people.inactive.pin })).toMatchObject({ ok: false, error: 'invalid-input' });
    expect(await desk.call('signIn', { staffId: door.record.id, pin: door.pin })).toEqual({ ok: true, staff: { id: 'st-door', name: 'Dora Door', role: 'door', active: true } });
    expect(await desk.call('deskStatus', {})).toMatchObject({ status: { signedIn: { name: 'Dora Door' }, staffRequired: true } });
    expect(await desk.call('signOut', {})).toEqual({ ok: true });
    expect(await desk.call('checkIn', { customerId: 'c-ada', sessionId: null })).toMatchObject({ ok: false, error: 'not-allowed', needs: 'door', note: { note: 'desk-locked' } });
  });

  it('takes no PIN for a while after 5 wrong ones, longer each time, and logs the name tried, never the PIN', async () => {
    const desk = await staffedDesk();
    for (let failure = 1; failure <= 4; failure += 1) {
      expect(await desk.call('signIn', { staffId: door.record.id, pin: '0000' })).toMatchObject({ error: 'wrong-pin', backoff: { failures: failure, waitMs: 0 } });
    }
    expect(await desk.call('signIn', { staffId: door.record.id, pin: '0000' })).toMatchObject({ error: 'wrong-pin', backoff: { failures: 5, waitMs: 30_000 }, note: { note: 'wrong-pin-wait', seconds: 30 } });
    // Even the right PIN waits.
    expect(await desk.call('signIn', { staffId: door.record.id, pin: door.pin })).toMatchObject({ error: 'wrong-pin', backoff: { failures: 5 }, note: { note: 'pin-wait', seconds: 30 } });
    nowMs += 30_000;
    expect(await desk.call('signIn', { staffId: manager.record.id, pin: '0000' })).toMatchObject({ error: 'wrong-pin', backoff: { failures: 6, waitMs: 60_000 } });
    nowMs += 60_000;
    expect(await desk.call('signIn', { staffId: door.record.id, pin: door.pin })).toMatchObject({ ok: true });
    expect(await desk.call('staffOnDesk', {})).toMatchObject({ backoff: { failures: 0, waitMs: 0 } });
    expect(logs.some((line) => line.includes('a wrong PIN for Dora Door (5 in a row; the next try is taken in 30 s)'))).toBe(true);
    expect(logs.join('\n')).not.toMatch(/0000|1111|scrypt/);
    expect([4, 5, 6, 7, 20].map(pinWaitMs)).toEqual([0, 30_000, 60_000, 120_000, 900_000]);
  });
});

describe('wrong PINs', () => {
  it("wrong PIN back-off per person: a colleague's right PIN does not forgive the wrong ones tried for Dora", async () => {
    const desk = await staffedDesk();
    for (let failure = 1; failure <= 5; failure += 1) await desk.call('signIn', { staffId: door.record.id, pin: '0000' });
    nowMs += 30_000;
    // Mani signs in: the desk's count starts again, Dora's does not.
    expect(await desk.call('signIn', { staffId: manager.record.id, pin: manager.pin })).toMatchObject({ ok: true });
    expect(await desk.call('staffOnDesk', {})).toMatchObject({ backoff: { failures: 0, waitMs: 0 } });
    expect(await desk.call('signIn', { staffId: door.record.id, pin: '0000' })).toMatchObject({ error: 'wrong-pin', backoff: { failures: 6, waitMs: 60_000 } });
    expect(await desk.call('signIn', { staffId: door.record.id, pin: door.pin })).toMatchObject({ error: 'wrong-pin', note: { note: 'pin-wait', seconds: 60 } });
    // Mani is not slowed by Dora's run.
    expect(await desk.call('stepUp', { staffId: manager.record.id, pin: manager.pin })).toMatchObject({ ok: true });
  });

  it('wrong PIN back-off survives a restart of the desk: kept in its data folder', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'pin-tries-'));
    try {
      const name = `restart-${serial++}`;
      const first = await staffedDesk(name, wrongPinsFile(dataDir));
      for (let failure = 1; failure <= 5; failure += 1) await first.call('signIn', { staffId: door.record.id, pin: '0000' });
      await first.close();
      opened.splice(opened.indexOf(first), 1);
      nowMs += 10_000;
      const again = await staffedDesk(name, wrongPinsFile(dataDir));
      expect(await again.call('staffOnDesk', {})).toMatchObject({ backoff: { failures: 5, waitMs: 20_000 } });
      expect(await again.call('signIn', { staffId: door.record.id, pin: door.pin })).toMatchObject({ error: 'wrong-pin', note: { note: 'pin-wait', seconds: 20 } });
      nowMs += 20_000;
      expect(await again.call('signIn', { staffId: door.record.id, pin: door.pin })).toMatchObject({ ok: true });
      await again.context.staffOnDesk.settled();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('a damaged wrong-PIN file never stops the desk opening: kept aside, said in the log, counted from zero', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'pin-tries-'));
    try {
      await writeFile(join(dataDir, WRONG_PINS_FILE), '{"desk": {"failures": "many"}');
      const said: string[] = [];
      const desk = await staffedDesk(`damaged-${serial++}`, wrongPinsFile(dataDir, (line) => said.push(line)));
      expect(await desk.call('staffOnDesk', {})).toMatchObject({ backoff: { failures: 0, waitMs: 0 } });
      expect(said.join('\n')).toMatch(/pin-tries\.json was damaged \(kept as .*damaged-\d+\); wrong PINs are counted from zero/);
      expect((await readdir(dataDir)).some((file) => file.startsWith(`${WRONG_PINS_FILE}.damaged-`))).toBe(true);
      expect(await desk.call('signIn', { staffId: door.record.id, pin: door.pin })).toMatchObject({ ok: true });
      await desk.context.staffOnDesk.settled();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('who acts', () => {
  it('puts the person signed in on every entry and in the history; older entries keep their typed name', async () => {
    const desk = await staffedDesk();
    await desk.context.staffOnDesk.fromEndpoint([]);
    // The endpoint has nobody yet: the desk keeps no staff, and the typed name is written.
    expect(await desk.call('checkIn', { customerId: 'c-ada', sessionId: null })).toMatchObject({ ok: true });
    await desk.context.staffOnDesk.fromEndpoint(people.all);
    await desk.call('signIn', { staffId: door.record.id, pin: door.pin });
    nowMs += 60_000;
    expect(await desk.call('checkIn', { customerId: 'c-ada', sessionId: null, confirmDuplicate: true })).toMatchObject({ ok: true });
    const history = await desk.call('passHistory', { passId: 'x-ada' });
    if (!history.ok) throw new Error('no history');
    expect(history.items.filter((item) => item.kind === 'check-in').map((item) => [item.staff, item.authorisedBy])).toEqual([['Typed', null], ['Dora Door', null]]);
    const entries = (await desk.context.db.ledger.find().exec()).map((doc) => doc.toJSON());
    expect(entries.find((entry) => entry.staff === 'Dora Door')).toMatchObject({ staffId: 'st-door' });
    expect(entries.find((entry) => entry.staff === 'Typed')).not.toHaveProperty('staffId');
  });

  it("lets door staff undo their own check-ins of the day, not another person's nor yesterday's", async () => {
    const desk = await staffedDesk();
    await desk.call('signIn', { staffId: manager.record.id, pin: manager.pin });
    const managers = await desk.call('checkIn', { customerId: 'c-ben', sessionId: null });
    await desk.call('signIn', { staffId: door.record.id, pin: door.pin });
    const own = await desk.call('checkIn', { customerId: 'c-ada', sessionId: null });
    if (!own.ok || !managers.ok) throw new Error('check-ins refused');
    expect(await desk.call('undoCheckIn', { checkInId: managers.checkInId })).toMatchObject({ ok: false, error: 'not-allowed', needs: 'manager', note: { note: 'needs-role', role: 'manager' } });
    nowMs += 24 * 3_600_000;
    // A day on, the desk has locked itself long ago.
    await desk.call('signIn', { staffId: door.record.id, pin: door.pin });
    expect(await desk.call('undoCheckIn', { checkInId: own.checkInId })).toMatchObject({ ok: false, error: 'not-allowed', needs: 'manager' });
    nowMs -= 24 * 3_600_000;
    expect(await desk.call('undoCheckIn', { checkInId: own.checkInId })).toMatchObject({ ok: true });
  });

  it("lets a manager authorise one action at a door person's desk with their own PIN; the history names both", async () => {
    const desk = await staffedDesk();
    await desk.call('signIn', { staffId: door.record.id, pin: door.pin });
    expect(await desk.call('revokePass', { passId: 'x-ben', reason: 'refunded' })).toMatchObject({ ok: false, error: 'not-allowed', needs: 'manager' });
    // Door staff cannot step up for one another, and a wrong PIN authorises nothing.
    expect(await desk.call('stepUp', { staffId: door.record.id, pin: door.pin })).toMatchObject({ ok: false, error: 'not-allowed', needs: 'manager' });
    expect(await desk.call('stepUp', { staffId: manager.record.id, pin: '0000' })).toMatchObject({ ok: false, error: 'wrong-pin' });
    expect(await desk.call('stepUp', { staffId: manager.record.id, pin: manager.pin })).toMatchObject({ ok: true, staff: { name: 'Mani Manager' } });
    // Calls the door person may make anyway do not spend it.
    expect(await desk.call('customerOverview', { customerId: 'c-ben' })).toMatchObject({ ok: true });
    expect(await desk.call('revokePass', { passId: 'x-ben', reason: 'refunded' })).toMatchObject({ ok: true });
    // One action: the next one needs the manager again, and the door person is still signed in.
    expect(await desk.call('overrideUses', { passId: 'x-ada', total: 12 })).toMatchObject({ ok: false, error: 'not-allowed', needs: 'manager' });
    expect(await desk.call('deskStatus', {})).toMatchObject({ status: { signedIn: { name: 'Dora Door' } } });
    const history = await desk.call('passHistory', { passId: 'x-ben' });
    if (!history.ok) throw new Error('no history');
    expect(history.items.at(-1)).toMatchObject({ kind: 'revoke', staff: 'Dora Door', authorisedBy: 'Mani Manager' });
    const revoke = (await desk.context.db.ledger.find().exec()).map((doc) => doc.toJSON()).find((entry) => entry.kind === 'revoke');
    expect(revoke).toMatchObject({ staff: 'Dora Door', staffId: 'st-door', authorisedBy: 'Mani Manager', authorisedById: 'st-manager' });
  });

  it('lets a step-up lapse after 2 minutes', async () => {
    const desk = await staffedDesk();
    await desk.call('signIn', { staffId: door.record.id, pin: door.pin });
    await desk.call('stepUp', { staffId: manager.record.id, pin: manager.pin });
    nowMs += 2 * 60_000 + 1;
    expect(await desk.call('revokePass', { passId: 'x-ben' })).toMatchObject({ ok: false, error: 'not-allowed' });
  });

  it('signs out someone the endpoint deactivated, and follows a change of role', async () => {
    const desk = await staffedDesk();
    await desk.call('signIn', { staffId: door.record.id, pin: door.pin });
    await desk.context.staffOnDesk.fromEndpoint(people.all.map((record) => record.id === 'st-door' ? { ...record, role: 'manager' } : record));
    expect(await desk.call('revokePass', { passId: 'x-ben' })).toMatchObject({ ok: true });
    await desk.context.staffOnDesk.fromEndpoint(people.all.map((record) => record.id === 'st-door' ? { ...record, active: false } : record));
    expect(await desk.call('deskStatus', {})).toMatchObject({ status: { signedIn: null } });
  });
});

describe("the venue's idle minutes", () => {
  it('the idle lock is timed in main: the person signed in and left alone is locked after the minutes, background calls do not keep them in, a key or a click (stillHere) does', async () => {
    const desk = await staffedDesk();
    await desk.call('signIn', { staffId: door.record.id, pin: door.pin });
    nowMs += 6 * 60_000;
    // The screens' own re-queries (another desk's check-ins arriving) are no one at the desk.
    await desk.call('syncReview', {});
    await desk.call('recentCheckIns', {});
    nowMs += 3 * 60_000;
    expect(await desk.call('stillHere', {})).toEqual({ ok: true });
    nowMs += 9 * 60_000;
    expect(await desk.call('deskStatus', {})).toMatchObject({ status: { signedIn: { name: 'Dora Door' } } });
    nowMs += 60_000;
    expect(await desk.call('deskStatus', {})).toMatchObject({ status: { signedIn: null } });
    expect(await desk.call('checkIn', { customerId: 'c-ada', sessionId: null })).toMatchObject({ ok: false, error: 'not-allowed', note: { note: 'desk-locked' } });
    // Still here after the lock signs nobody in.
    expect(await desk.call('stillHere', {})).toEqual({ ok: true });
    expect(await desk.call('deskStatus', {})).toMatchObject({ status: { signedIn: null } });
    expect(logs).toContain('desk: locked after 10 idle minutes (Dora Door was signed in)');
  });

  it('the idle lock is timed in main: it locks by itself and says so (the page is pushed the status)', async () => {
    let locked = 0;
    const desk = await openDesk({ db: await openDeskDatabase(storage, `idle-${serial++}`), identity: { deskId: 'A', staff: 'Typed' }, now: () => nowMs, idleCheckMs: 10, onLocked: () => { locked += 1; } });
    opened.push(desk);
    await desk.loadVenue(staffVenue);
    await desk.context.staffOnDesk.fromEndpoint(people.all);
    await desk.call('signIn', { staffId: door.record.id, pin: door.pin });
    nowMs += 10 * 60_000;
    await expect.poll(() => locked).toBe(1);
    expect(desk.context.staffOnDesk.signedIn).toBeNull();
  });

  it('a reload of the page (the core opened again) neither signs the person out early nor starts their idle minutes again', async () => {
    const session = newSignInSession();
    const name = `reload-${serial++}`;
    const open = async () => {
      const desk = await openDesk({ db: await openDeskDatabase(storage, name), identity: { deskId: 'A', staff: 'Typed' }, now: () => nowMs, signInSession: session });
      opened.push(desk);
      return desk;
    };
    const first = await open();
    await first.loadVenue(staffVenue);
    await first.context.staffOnDesk.fromEndpoint(people.all);
    await first.call('signIn', { staffId: door.record.id, pin: door.pin });
    nowMs += 8 * 60_000;
    await first.close();
    opened.splice(opened.indexOf(first), 1);
    const again = await open();
    expect(await again.call('deskStatus', {})).toMatchObject({ status: { signedIn: { name: 'Dora Door' } } });
    nowMs += 2 * 60_000;
    expect(await again.call('deskStatus', {})).toMatchObject({ status: { signedIn: null } });
  });

  it('lock the desk after the minutes the venue sets, 10 when it sets none', async () => {
    const desk = await staffedDesk();
    expect(await desk.call('deskStatus', {})).toMatchObject({ status: { lockAfterMinutes: 10 } });
    await desk.context.intake.venue({ ...staffVenue.venue, lockAfterMinutes: 3 });
    expect(await desk.call('deskStatus', {})).toMatchObject({ status: { lockAfterMinutes: 3 } });
  });
});

describe('a desk without an endpoint', () => {
  it('chooses its first manager once, keeps them across a restart, and signs them in', async () => {
    const name = 'first-manager';
    const first = await openDesk({ db: await openDeskDatabase(storage, name), identity: { deskId: 'B', staff: 'Typed' }, now: () => nowMs });
    opened.push(first);
    expect(await first.call('staffOnDesk', {})).toMatchObject({ required: false, mayChooseFirstManager: true, staff: [] });
    expect(await first.call('setFirstManager', { name: 'Kim Lee', pin: '12' })).toMatchObject({ ok: false, error: 'invalid-input' });
    expect(await first.call('setFirstManager', { name: 'Kim Lee', pin: '2580' })).toMatchObject({ ok: true, staff: { name: 'Kim Lee', role: 'admin' } });
    expect(await first.call('deskStatus', {})).toMatchObject({ status: { signedIn: { name: 'Kim Lee' }, staffRequired: true } });
    expect(await first.call('setFirstManager', { name: 'Someone Else', pin: '1111' })).toMatchObject({ ok: false, error: 'invalid-input' });
    await first.close();
    opened.pop();
    const again = await openDesk({ db: await openDeskDatabase(storage, name), identity: { deskId: 'B', staff: 'Typed' }, now: () => nowMs });
    opened.push(again);
    const listed = await again.call('staffOnDesk', {});
    expect(listed).toMatchObject({ required: true, signedIn: null, staff: [{ name: 'Kim Lee', role: 'admin' }] });
    if (!listed.ok) throw new Error('refused');
    expect(await again.call('signIn', { staffId: listed.staff[0]!.id, pin: '2580' })).toMatchObject({ ok: true });
  });

  it('holding a venue, asks for its first manager before its door is usable (first-manager-due)', async () => {
    const desk = await openDesk({ db: await openDeskDatabase(storage, `first-due-${serial++}`), identity: { deskId: 'C', staff: 'Typed' }, now: () => nowMs, asksFirstManager: true });
    opened.push(desk);
    // No venue yet: its first screen (the demo, pairing, a venue file), nothing to ask.
    expect(await desk.call('deskStatus', {})).toMatchObject({ status: { firstManagerDue: false } });
    expect((await desk.loadVenue(staffVenue)).ok).toBe(true);
    expect(await desk.call('deskStatus', {})).toMatchObject({ status: { firstManagerDue: true, staffRequired: false } });
    expect(await desk.call('findAtDoor', { query: 'ada', sessionId: null })).toMatchObject({ ok: false, error: 'not-allowed', note: { note: 'first-manager-due' } });
    expect(await desk.call('revokePass', { passId: 'x-ben' })).toMatchObject({ ok: false, error: 'not-allowed', note: { note: 'first-manager-due' } });
    expect(await desk.call('setFirstManager', { name: 'Kim Lee', pin: '2580' })).toMatchObject({ ok: true, staff: { role: 'admin' } });
    expect(await desk.call('deskStatus', {})).toMatchObject({ status: { firstManagerDue: false, staffRequired: true, signedIn: { name: 'Kim Lee' } } });
    expect(await desk.call('findAtDoor', { query: 'ada', sessionId: null })).toMatchObject({ ok: true });
  });

  it("hands over to the endpoint's staff when paired, and keeps its first manager while the endpoint has none", async () => {
    const desk = await openDesk({ db: await openDeskDatabase(storage, `first-then-paired-${serial++}`), identity: { deskId: 'D', staff: 'Typed' }, now: () => nowMs });
    opened.push(desk);
    expect(await desk.call('setFirstManager', { name: 'Kim Lee', pin: '2580' })).toMatchObject({ ok: true });
    await desk.context.staffOnDesk.fromEndpoint([]);
    expect(await desk.call('staffOnDesk', {})).toMatchObject({ required: true, staff: [{ name: 'Kim Lee' }] });
    await desk.context.staffOnDesk.fromEndpoint(people.all);
    const listed = await desk.call('staffOnDesk', {});
    expect(listed).toMatchObject({ required: true, signedIn: null });
    expect(listed.ok && listed.staff.map((member) => member.name)).not.toContain('Kim Lee');
  });
});
