// SPEC "The venue's network": the status bar shows how many of the venue's desks were heard from
// in the last minute; the endpoint counts them (server/sync/deskPresence.ts) and says so in hello.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncServer } from '../../server/startSyncServer';
import { startSyncServer } from '../../server/startSyncServer';
import { ADMIN_TOKEN, SyncTestClient } from './syncTestClient';

let server: SyncServer;
let nowMs = Date.parse('2026-12-07T10:00:00Z');

beforeAll(async () => {
  server = await startSyncServer({ database: { kind: 'pglite-memory' }, adminToken: ADMIN_TOKEN, now: () => nowMs });
});

afterAll(async () => {
  await server.close();
});

async function deskOf(venueId: string, name: string): Promise<SyncTestClient> {
  return new SyncTestClient(server.url, (await server.admin.issueDevice(venueId, name)).token);
}

const heard = async (desk: SyncTestClient) => (await desk.get<{ desksHeard?: number }>('/sync/hello')).body.desksHeard;

describe('the desks of a venue heard from in the last minute', () => {
  it('counts each desk once, with its own venue\'s only, and forgets one not heard for over a minute', async () => {
    await server.admin.createVenue({ id: 'presence-a', timeZone: 'Europe/London' });
    await server.admin.createVenue({ id: 'presence-b', timeZone: 'Europe/London' });
    const front = await deskOf('presence-a', 'front');
    const door = await deskOf('presence-a', 'door');
    const elsewhere = await deskOf('presence-b', 'other venue');
    expect(await heard(front)).toBe(1);
    expect((await door.pull('customers')).status).toBe(200);
    expect((await elsewhere.pull('customers')).status).toBe(200);
    expect(await heard(front)).toBe(2);
    expect(await heard(front)).toBe(2);
    nowMs += 61_000;
    // The door was last heard over a minute ago; the front desk is heard as it asks.
    expect(await heard(front)).toBe(1);
    expect(await heard(elsewhere)).toBe(1);
  });

  it('says how long ago it heard each other desk, so that a desk counts them again as time passes', async () => {
    await server.admin.createVenue({ id: 'presence-d', timeZone: 'Europe/London' });
    const front = await deskOf('presence-d', 'front');
    const door = await deskOf('presence-d', 'door');
    expect((await door.pull('customers')).status).toBe(200);
    nowMs += 20_000;
    const hello = (await front.get<{ desksHeard?: number; othersHeardMsAgo?: number[] }>('/sync/hello')).body;
    expect(hello).toMatchObject({ desksHeard: 2, othersHeardMsAgo: [20_000] });
  });

  it('does not count a refused token', async () => {
    await server.admin.createVenue({ id: 'presence-c', timeZone: 'Europe/London' });
    const desk = await deskOf('presence-c', 'front');
    expect((await new SyncTestClient(server.url, 'not-a-token-of-this-server-000000').pull('customers')).status).toBe(401);
    expect(await heard(desk)).toBe(1);
  });
});
