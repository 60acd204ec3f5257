// Issue 15 item 4: "The endpoint audits, it does not drop." An entry whose staff is unknown,
// inactive or short of the role for its kind is stored and counted like any other, and listed
// for a manager in the review list.
import { afterAll, describe, expect, it } from 'vitest';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { LedgerEntry } from '../../../shared/schema/records';
import type { LedgerDocument } from '../../../shared/schema/collections';
import { auditEntryStaff } from '../../../shared/staff/entryAudit';
import type { StaffMember } from '../../../shared/staff/staffRecords';
import { memberOf } from '../../../shared/staff/staffRecords';
import { openDeskDatabase } from '../../../main/db/deskDatabase';
import { openDesk } from '../../../main/desk/openDesk';
import type { Desk } from '../../../main/desk/openDesk';
import { staffRecordsFor, staffVenue } from './staffDesk';

const people = staffRecordsFor();
const members = new Map<string, StaffMember>(people.all.map((record) => [record.id, memberOf(record)]));
const byId = (id: string) => members.get(id);

describe('auditEntryStaff', () => {
  it.each([
    { entry: 'a check-in by door staff', kind: 'check-in', staffId: 'st-door', authorisedById: undefined, problem: null },
    { entry: 'a revoke by a manager', kind: 'revoke', staffId: 'st-manager', authorisedById: undefined, problem: null },
    { entry: 'a revoke by door staff a manager authorised', kind: 'revoke', staffId: 'st-door', authorisedById: 'st-manager', problem: null },
    { entry: 'an entry of a desk without staff (no staff id)', kind: 'revoke', staffId: undefined, authorisedById: undefined, problem: null },
    { entry: 'a check-in by someone the venue does not know', kind: 'check-in', staffId: 'st-stranger', authorisedById: undefined, problem: 'unknown-staff' },
    { entry: 'a check-in by someone deactivated', kind: 'check-in', staffId: 'st-gone', authorisedById: undefined, problem: 'inactive-staff' },
    { entry: 'a revoke by door staff alone', kind: 'revoke', staffId: 'st-door', authorisedById: undefined, problem: 'role-short' },
    { entry: 'a uses change by door staff "authorised" by door staff', kind: 'uses-override', staffId: 'st-door', authorisedById: 'st-door', problem: 'role-short' },
    { entry: 'an expiry change authorised by someone deactivated', kind: 'expiry-override', staffId: 'st-door', authorisedById: 'st-gone', problem: 'role-short' },
  ] as const)('$entry → $problem', ({ kind, staffId, authorisedById, problem }) => {
    expect(auditEntryStaff({ kind, ...(staffId ? { staffId } : {}), ...(authorisedById ? { authorisedById } : {}) }, byId)).toBe(problem);
  });
});

describe('the review list of a desk with staff', () => {
  let desk: Desk;
  afterAll(async () => {
    await desk.close();
  });

  it('lists entries from elsewhere whose author the staff do not back, and counts them all', async () => {
    const nowMs = Date.parse('2026-03-10T17:00:00Z');
    desk = await openDesk({ db: await openDeskDatabase(getRxStorageDexie({ indexedDB, IDBKeyRange }), 'entry-audit'), identity: { deskId: 'A', staff: 'Typed' }, now: () => nowMs });
    expect((await desk.loadVenue(staffVenue)).ok).toBe(true);
    await desk.context.staffOnDesk.fromEndpoint(people.all);
    const entry = (id: string, fields: Partial<LedgerEntry>): LedgerEntry => ({
      id, venueId: 'v-staff', kind: 'check-in', passId: 'x-ada', customerId: 'c-ada', sessionId: '', deskId: 'desk-far', staff: 'Someone', reason: '',
      at: '2026-03-10T16:00:00.000Z', hlc: `001773158400000:00000${id.length % 10}:desk-far`, charged: true, bookingId: '', venueDay: '2026-03-10', ...fields,
    } as LedgerEntry);
    const entries = [
      entry('e-stranger', { staffId: 'st-stranger', staff: 'Stranger' }),
      entry('e-gone', { staffId: 'st-gone', staff: 'Gone Person', hlc: '001773158400001:000000:desk-far' }),
      entry('e-door-revoke', { kind: 'revoke', passId: 'x-ben', customerId: 'c-ben', staffId: 'st-door', staff: 'Dora Door', hlc: '001773158400002:000000:desk-far' } as Partial<LedgerEntry>),
      entry('e-fine', { staffId: 'st-door', staff: 'Dora Door', hlc: '001773158400003:000000:desk-far' }),
    ];
    for (const item of entries) {
      const { charged: _c, bookingId: _b, venueDay: _v, ...revoke } = item as LedgerEntry & { charged?: boolean; bookingId?: string; venueDay?: string };
      await desk.context.db.ledger.insert((item.kind === 'revoke' ? revoke : item) as LedgerDocument);
    }
    await desk.call('signIn', { staffId: people.byRole.manager.record.id, pin: people.byRole.manager.pin });
    let review = await desk.call('syncReview', {});
    for (let tries = 0; tries < 50 && !(review.ok && review.items.filter((item) => item.kind === 'staff-audit').length === 3); tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      review = await desk.call('syncReview', {});
    }
    if (!review.ok) throw new Error(review.error);
    expect(review.items.filter((item) => item.kind === 'staff-audit').map((item) => [item.entryId, item.problem, item.staff]).sort()).toEqual([
      ['e-door-revoke', 'role-short', 'Dora Door'], ['e-gone', 'inactive-staff', 'Gone Person'], ['e-stranger', 'unknown-staff', 'Stranger'],
    ]);
    // Nothing dropped: both check-ins count, and the revoke holds.
    expect(await desk.call('passState', { passId: 'x-ada' })).toMatchObject({ ok: true, view: { state: { used: 3 } } });
    expect(await desk.call('passState', { passId: 'x-ben' })).toMatchObject({ ok: true, view: { state: { revoked: true } } });
  });
});
