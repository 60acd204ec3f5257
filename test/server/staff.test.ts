// A venue's staff on the endpoint (issue 15, item 1): added, given a role, a new PIN,
// deactivated over the admin API; the PIN kept only as a scrypt hash, which no admin answer
// carries and which reaches only the venue's own desks (GET /sync/staff), for signing in offline.
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { pinMatches } from '../../shared/staff/pinHash';
import type { PinKdf } from '../../shared/staff/pinHash';
import { staffRecordSchema } from '../../shared/staff/staffRecords';
import { backends } from './testBackends';
import { useSyncServer } from './serverFixture';
import { SyncTestClient, checkInEntry } from './syncTestClient';

const kdf: PinKdf = { scrypt: (pin, salt, length, options) => scryptSync(pin, salt, length, options), randomBytes, equal: (a, b) => a.length === b.length && timingSafeEqual(a, b) };

describe.each(backends)('staff on $name', (backend) => {
  describe.skipIf(backend.skip !== null)('', () => {
    const fixture = useSyncServer(backend, { heartbeatMs: 60_000 });
    const add = (venueId: string, body: unknown) => fixture.admin().post(`/admin/venues/${venueId}/staff`, JSON.stringify(body));
    const change = (venueId: string, who: string, body: unknown) => fixture.admin().post(`/admin/venues/${encodeURIComponent(venueId)}/staff/${encodeURIComponent(who)}`, JSON.stringify(body));

    it('adds staff, changes a role, resets a PIN and deactivates, answering no PIN and no hash', async () => {
      const { venueId } = await fixture.venueWithDesk('staff-admin');
      const added = await add(venueId, { name: 'Ana Door', role: 'door', pin: '1234' });
      expect(added).toMatchObject({ status: 201, body: { staff: { name: 'Ana Door', role: 'door', active: true } } });
      const id = (added.body as { staff: { id: string } }).staff.id;
      expect(await change(venueId, 'Ana Door', { role: 'manager' })).toMatchObject({ status: 200, body: { staff: { id, role: 'manager' } } });
      expect(await change(venueId, id, { pin: '98765' })).toMatchObject({ status: 200 });
      expect(await change(venueId, id, { active: false })).toMatchObject({ status: 200, body: { staff: { active: false } } });
      const listed = await fixture.admin().get(`/admin/venues/${venueId}/staff`);
      expect(listed.body).toEqual({ staff: [{ id, name: 'Ana Door', role: 'manager', active: false }] });
      for (const answer of [added, listed]) expect(JSON.stringify(answer.body)).not.toMatch(/scrypt|1234|98765/);
    });

    it("gives the venue's desks each member with a hash of the PIN that only that PIN matches", async () => {
      const { venueId, desk } = await fixture.venueWithDesk('staff-desk');
      await add(venueId, { name: 'Bo Manager', role: 'manager', pin: '4321' });
      const other = await fixture.venueWithDesk('staff-other');
      const answer = await desk.get<{ staff: unknown[] }>('/sync/staff');
      expect(answer.status).toBe(200);
      const [record] = answer.body.staff.map((item) => staffRecordSchema.parse(item));
      expect(record).toMatchObject({ name: 'Bo Manager', role: 'manager', active: true });
      expect(record!.pinHash).toMatch(/^scrypt\$16384\$8\$1\$/);
      expect(pinMatches(kdf, '4321', record!.pinHash)).toBe(true);
      expect(pinMatches(kdf, '4322', record!.pinHash)).toBe(false);
      // Venues are isolated: another venue's desk sees none of them.
      expect((await other.desk.get('/sync/staff')).body).toEqual({ staff: [] });
      expect((await new SyncTestClient(fixture.server.url, null).get('/sync/staff')).status).toBe(401);
    });

    it.each([
      ['a PIN of letters', { name: 'X', role: 'door', pin: 'abcd' }],
      ['a PIN too short', { name: 'X', role: 'door', pin: '123' }],
      ['an unknown role', { name: 'X', role: 'owner', pin: '1234' }],
      ['no name', { name: '  ', role: 'door', pin: '1234' }],
      ['a field more', { name: 'X', role: 'door', pin: '1234', pinHash: 'scrypt$1$1$1$AA==$AA==' }],
    ])('refuses %s with invalid-body, naming the field', async (_label, body) => {
      const { venueId } = await fixture.venueWithDesk('staff-bad');
      const answer = await add(venueId, body);
      expect(answer).toMatchObject({ status: 400, body: { error: 'invalid-body' } });
      expect((await fixture.admin().get(`/admin/venues/${venueId}/staff`)).body).toEqual({ staff: [] });
    });

    it('refuses a second member of the same name, an unknown venue and an unknown member', async () => {
      const { venueId } = await fixture.venueWithDesk('staff-refusals');
      await add(venueId, { name: 'Cy', role: 'admin', pin: '1111' });
      expect(await add(venueId, { name: 'Cy', role: 'door', pin: '2222' })).toMatchObject({ status: 409, body: { error: 'staff-exists' } });
      expect(await add('no-such-venue', { name: 'Cy', role: 'door', pin: '2222' })).toMatchObject({ status: 404, body: { error: 'unknown-venue' } });
      expect(await change(venueId, 'Nobody', { active: false })).toMatchObject({ status: 404, body: { error: 'unknown-staff' } });
      expect(await change(venueId, 'Cy', {})).toMatchObject({ status: 400, body: { error: 'invalid-body' } });
    });

    it('stores an entry whose staff it does not know, or who is deactivated, as every entry (it audits, it does not drop)', async () => {
      const { venueId, desk } = await fixture.venueWithDesk('staff-audit');
      const added = await add(venueId, { name: 'Gone', role: 'manager', pin: '1234' });
      const gone = (added.body as { staff: { id: string } }).staff.id;
      await change(venueId, gone, { active: false });
      const entries = [
        checkInEntry(venueId, { id: 'audit-unknown', staffId: 'st-nobody', staff: 'Nobody' }),
        checkInEntry(venueId, { id: 'audit-inactive', staffId: gone, staff: 'Gone', authorisedById: gone, authorisedBy: 'Gone' }),
      ];
      expect(await desk.push(entries)).toMatchObject({ status: 200, body: { conflicts: [] } });
      const held = (await desk.pullAll('ledger')).documents.map((document) => [document.id, document.staffId]);
      expect(held).toEqual(expect.arrayContaining([['audit-unknown', 'st-nobody'], ['audit-inactive', gone]]));
    });

    it('lists the entries its staff do not back for a manager: GET /admin/venues/:id/audit', async () => {
      const { venueId, desk } = await fixture.venueWithDesk('staff-audit-list');
      const gone = ((await add(venueId, { name: 'Gone', role: 'manager', pin: '1234' })).body as { staff: { id: string } }).staff.id;
      const dora = ((await add(venueId, { name: 'Dora', role: 'door', pin: '1357' })).body as { staff: { id: string } }).staff.id;
      await change(venueId, gone, { active: false });
      expect(await desk.push([
        checkInEntry(venueId, { id: 'audit-list-unknown', staffId: 'st-nobody', staff: 'Nobody' }),
        checkInEntry(venueId, { id: 'audit-list-fine', staffId: dora, staff: 'Dora' }),
        checkInEntry(venueId, { id: 'audit-list-typed', staff: 'Typed at a desk without staff' }),
        checkInEntry(venueId, { id: 'audit-list-inactive', staffId: gone, staff: 'Gone', authorisedById: gone, authorisedBy: 'Gone' }),
      ])).toMatchObject({ status: 200, body: { conflicts: [] } });
      const listed = await fixture.admin().get(`/admin/venues/${venueId}/audit`);
      expect(listed.status).toBe(200);
      expect(listed.body).toEqual({ entries: [
        expect.objectContaining({ entryId: 'audit-list-unknown', kind: 'check-in', staff: 'Nobody', staffId: 'st-nobody', problem: 'unknown-staff' }),
        expect.objectContaining({ entryId: 'audit-list-inactive', staff: 'Gone', authorisedBy: 'Gone', problem: 'inactive-staff' }),
      ] });
      expect(await fixture.admin().get('/admin/venues/no-such-venue/audit')).toMatchObject({ status: 404, body: { error: 'unknown-venue' } });
      expect((await desk.get(`/admin/venues/${venueId}/audit`)).status).toBe(401);
    });

    it("keeps the venue's idle minutes before a desk locks, and tells its desks in hello", async () => {
      const venueId = `lock-${backend.name.replace(/\W/g, '')}`;
      expect(await fixture.admin().post('/admin/venues', JSON.stringify({ id: venueId, timeZone: 'Europe/London', lockAfterMinutes: 3 }))).toMatchObject({ status: 201 });
      const { desk } = await fixture.desk(venueId, 'desk');
      expect((await desk.get('/sync/hello')).body).toMatchObject({ venue: { id: venueId, lockAfterMinutes: 3 } });
      expect(await fixture.admin().post('/admin/venues', JSON.stringify({ id: `${venueId}-0`, timeZone: 'Europe/London', lockAfterMinutes: 0 }))).toMatchObject({ status: 400, body: { error: 'invalid-body' } });
    });

    it('needs the admin token', async () => {
      const { venueId, desk } = await fixture.venueWithDesk('staff-token');
      expect((await desk.post(`/admin/venues/${venueId}/staff`, JSON.stringify({ name: 'Z', role: 'admin', pin: '1234' }))).status).toBe(401);
      expect((await fixture.anonymous().get(`/admin/venues/${venueId}/staff`)).status).toBe(401);
    });
  });
});
