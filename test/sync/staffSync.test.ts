// Issue 15 "Done when": a venue's admin creates staff on the endpoint; a desk paired with it
// lets each person sign in offline, and the entries it pushes name the person signed in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEndpoint } from '../scenarios/scenarioEndpoint';
import type { EndpointSettings } from '../../main/sync/syncEndpoint';
import { addStaff } from '../../server/db/staff';
import { hashStaffPin } from '../../server/auth/pinHashing';
import { endpointDocuments, eventually, openTestDesk, startTestEndpoint, tinyVenue, venueOnEndpoint } from './syncTestbed';

let endpoint: RunningEndpoint;
let settings: EndpointSettings;

beforeAll(async () => {
  endpoint = await startTestEndpoint();
  const data = tinyVenue('v-staff');
  [settings] = await venueOnEndpoint(endpoint, { ...data, venue: { ...data.venue, lockAfterMinutes: 5 } }, ['desk']) as [EndpointSettings];
  await addStaff(endpoint.server.db, 'v-staff', { name: 'Dora Door', role: 'door', pinHash: hashStaffPin('1357') });
  await addStaff(endpoint.server.db, 'v-staff', { name: 'Ada Admin', role: 'admin', pinHash: hashStaffPin('8642') });
});

afterAll(async () => {
  await endpoint?.close();
});

describe("the endpoint's staff on a paired desk", () => {
  it('arrive with the pairing, lock the desk, let each person sign in with the hash kept on the desk, and name them on pushed entries', async () => {
    const desk = await openTestDesk({ deskId: 'A', venue: null });
    try {
      expect(await desk.desk.call('pairEndpoint', settings)).toMatchObject({ ok: true });
      const listed = await eventually('the staff', async () => {
        const answer = await desk.desk.call('staffOnDesk', {});
        return answer.ok && answer.staff.length === 2 ? answer : null;
      });
      expect(listed).toMatchObject({ required: true, signedIn: null, mayChooseFirstManager: false });
      // The venue's idle minutes came with it (hello).
      expect(await desk.desk.call('deskStatus', {})).toMatchObject({ status: { lockAfterMinutes: 5 } });
      const dora = listed.staff.find((member) => member.name === 'Dora Door')!;
      await eventually('the venue', () => !desk.desk.context.memory.arriving && desk.desk.context.memory.customers.size === 2);
      expect(await desk.desk.call('checkIn', { customerId: 'c1', sessionId: null })).toMatchObject({ error: 'not-allowed', needs: 'door' });
      expect(await desk.desk.call('signIn', { staffId: dora.id, pin: '1357' })).toMatchObject({ ok: true });
      const checkedIn = await desk.desk.call('checkIn', { customerId: 'c1', sessionId: null });
      if (!checkedIn.ok) throw new Error(`refused: ${checkedIn.error}`);
      const pushed = await eventually('the pushed check-in', async () => (await endpointDocuments(settings, 'ledger')).find((document) => document.id === checkedIn.checkInId));
      expect(pushed).toMatchObject({ staff: 'Dora Door', staffId: dora.id });
      // Door staff may not unpair the desk from its venue.
      expect(await desk.desk.call('unpairEndpoint', {})).toMatchObject({ error: 'not-allowed', needs: 'admin' });
      // The hashes are kept in no log line of the desk.
      expect(desk.logs.join('\n')).not.toMatch(/scrypt|1357|8642/);
    } finally {
      await desk.close();
    }
  });
});
