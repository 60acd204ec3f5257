// Auth and isolation (issue 4 item 2): a device token opens one venue only; a revoked token
// stops working at once, open streams included; admin endpoints need the admin token.
import { describe, expect, it, vi } from 'vitest';
import { startSyncServer } from '../../server/startSyncServer';
import { backends, pgliteBackend } from './testBackends';
import { useSyncServer } from './serverFixture';
import { SyncTestClient, checkInEntry, freshVenueId } from './syncTestClient';

describe.each(backends)('device tokens on $name', (backend) => {
  describe.skipIf(backend.skip !== null)('', () => {
    const fixture = useSyncServer(backend, { heartbeatMs: 60_000 });

    it.each([
      ['hello', (client: SyncTestClient) => client.get('/sync/hello')],
      ['a pull', (client: SyncTestClient) => client.pull('ledger')],
      ['a push', (client: SyncTestClient) => client.push([checkInEntry('anywhere')])],
      ['the stream', async (client: SyncTestClient) => {
        const response = await fetch(`${client.url}/sync/stream`, client.token ? { headers: { authorization: `Bearer ${client.token}` } } : {});
        return { status: response.status, body: await response.json() as Record<string, unknown> };
      }],
    ])('refuses %s without a token, and with an unknown one', async (_label, call) => {
      const missing = await call(fixture.anonymous());
      expect(missing).toMatchObject({ status: 401, body: { error: 'missing-token' } });
      const unknown = await call(new SyncTestClient(fixture.server.url, 'not-a-token-of-this-server'));
      expect(unknown).toMatchObject({ status: 401, body: { error: 'invalid-token' } });
    });

    it('answers the health check without a token, telling nothing of any venue', async () => {
      expect(await fixture.anonymous().get('/healthz')).toEqual({ status: 200, body: { status: 'ok' } });
    });

    it('tells a desk which venue its token opens', async () => {
      const { venueId, desk, deviceId } = await fixture.venueWithDesk('hello');
      const before = Date.now();
      const { serverTime, ...hello } = (await desk.get('/sync/hello')).body as { serverTime: string };
      // desksHeard: the venue's desks heard from in the last minute, this one included (SPEC "The venue's network");
      // othersHeardMsAgo: how long ago each of the others was heard (none here).
      expect(hello).toEqual({ venue: { id: venueId, timeZone: 'Europe/London' }, deviceId, counts: {}, desksHeard: 1, othersHeardMsAgo: [] });
      // The endpoint's clock, for the desk to measure its own by (SPEC "Clocks").
      expect(Date.parse(serverTime)).toBeGreaterThanOrEqual(before - 1000);
      expect(Date.parse(serverTime)).toBeLessThanOrEqual(Date.now() + 1000);
    });

    it("tells a desk the venue's locale, kept from the venue's creation (how the venue writes dates)", async () => {
      const venueId = freshVenueId('locale');
      await fixture.server.admin.createVenue({ id: venueId, timeZone: 'America/New_York', locale: 'en-US' });
      const { desk } = await fixture.desk(venueId, 'desk');
      expect((await desk.get('/sync/hello')).body).toMatchObject({ venue: { id: venueId, timeZone: 'America/New_York', locale: 'en-US' } });
      expect((await fixture.admin().get('/admin/venues')).body).toMatchObject({ venues: expect.arrayContaining([{ id: venueId, timeZone: 'America/New_York', locale: 'en-US' }]) });
    });

    it("cannot write another venue's ledger with its own token", async () => {
      const a = await fixture.venueWithDesk('venue-a');
      const b = await fixture.venueWithDesk('venue-b');
      const answer = await a.desk.push([checkInEntry(b.venueId)]);
      expect(answer).toMatchObject({ status: 403, body: { error: 'wrong-venue' } });
      expect((await b.desk.pullAll('ledger')).documents).toEqual([]);
    });

    it('stops a revoked token at once, ends its open stream, and leaves other desks working', async () => {
      const { venueId, desk, deviceId } = await fixture.venueWithDesk('revoke');
      const other = await fixture.desk(venueId, 'desk 2');
      const stream = await desk.openStream();
      expect(await stream.next()).toEqual({ kind: 'resync' });

      await fixture.server.admin.revokeDevice(deviceId);
      await stream.ended;
      expect((await desk.get('/sync/hello'))).toMatchObject({ status: 401, body: { error: 'token-revoked' } });
      expect((await desk.push([checkInEntry(venueId)]))).toMatchObject({ status: 401, body: { error: 'token-revoked' } });
      expect((await desk.pull('ledger')).status).toBe(401);
      expect((await other.desk.push([checkInEntry(venueId)])).status).toBe(200);
    });

    it('revokes by the token itself, too', async () => {
      const { venueId } = await fixture.venueWithDesk('revoke-token');
      const { desk, token, deviceId } = await fixture.desk(venueId);
      expect(await fixture.server.admin.revokeDevice(token)).toEqual({ deviceId, venueId, alreadyRevoked: false });
      expect((await desk.get('/sync/hello')).status).toBe(401);
    });

    it.each([
      ['POST', '/admin/venues', '{"id":"x","timeZone":"Europe/London"}'],
      ['GET', '/admin/venues', undefined],
      ['POST', '/admin/venues/x/devices', '{}'],
      ['GET', '/admin/venues/x/devices', undefined],
      ['POST', '/admin/devices/revoke', '{"device":"dev-x"}'],
      ['POST', '/admin/venues/x/import', '{}'],
    ])('refuses %s %s without the admin token, and with a device token', async (method, path, body) => {
      const { desk } = await fixture.venueWithDesk('admin-refused');
      const call = (client: SyncTestClient) => method === 'GET' ? client.get(path) : client.post(path, body ?? '');
      expect(await call(fixture.anonymous())).toMatchObject({ status: 401, body: { error: 'admin-token-required' } });
      expect(await call(desk)).toMatchObject({ status: 401, body: { error: 'invalid-admin-token' } });
    });

    it('creates venues and devices, lists and revokes them, with the admin token', async () => {
      const admin = fixture.admin();
      const venueId = `admin-made-${backend.name}`;
      expect(await admin.post('/admin/venues', JSON.stringify({ id: venueId, timeZone: 'Europe/Dublin', name: 'Hall' }))).toEqual({ status: 201, body: { venue: { id: venueId, timeZone: 'Europe/Dublin', name: 'Hall' } } });
      expect((await admin.post('/admin/venues', JSON.stringify({ id: venueId, timeZone: 'Europe/Dublin' }))).body).toMatchObject({ error: 'venue-exists' });
      expect((await admin.post('/admin/venues', JSON.stringify({ id: 'v', timeZone: 'Mars/Olympus' }))).body).toMatchObject({ error: 'invalid-body' });

      const issued = await admin.post<{ deviceId: string; token: string }>(`/admin/venues/${venueId}/devices`, JSON.stringify({ name: 'Front desk' }));
      expect(issued.status).toBe(201);
      expect(issued.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const desk = new SyncTestClient(fixture.server.url, issued.body.token);
      expect((await desk.get('/sync/hello')).body).toMatchObject({ venue: { id: venueId, name: 'Hall' } });

      const listed = await admin.get<{ devices: { deviceId: string; name: string; revokedAt: string | null }[] }>(`/admin/venues/${venueId}/devices`);
      expect(listed.body.devices).toEqual([expect.objectContaining({ deviceId: issued.body.deviceId, name: 'Front desk', revokedAt: null })]);
      expect(JSON.stringify(listed.body)).not.toContain(issued.body.token);

      expect((await admin.post('/admin/devices/revoke', JSON.stringify({ device: issued.body.deviceId }))).body).toMatchObject({ deviceId: issued.body.deviceId, alreadyRevoked: false });
      expect((await desk.get('/sync/hello')).status).toBe(401);
      expect((await admin.post('/admin/devices/revoke', JSON.stringify({ device: 'dev-nobody' }))).status).toBe(404);
      expect((await admin.post('/admin/venues/nowhere/devices', '{}')).body).toMatchObject({ error: 'unknown-venue' });
    });

    it('stores tokens only as hashes', async () => {
      const { venueId } = await fixture.venueWithDesk('hashed');
      const { token } = await fixture.desk(venueId);
      const rows = await fixture.server.db.query<{ token_hash: string }>('SELECT token_hash FROM devices');
      expect(rows.some((row) => row.token_hash.includes(token))).toBe(false);
      expect(rows.every((row) => /^[0-9a-f]{64}$/.test(row.token_hash))).toBe(true);
    });
  });
});

describe('the admin token made at first start', () => {
  it('is printed once, works, and is stored only as a hash', async () => {
    vi.stubEnv('BOX_OFFICE_ADMIN_TOKEN', '');
    const server = await startSyncServer({ database: await pgliteBackend.location() });
    try {
      const token = server.generatedAdminToken;
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const admin = new SyncTestClient(server.url, token);
      expect((await admin.get('/admin/venues')).body).toEqual({ venues: [] });
      const stored = await server.db.query<{ token_hash: string }>('SELECT token_hash FROM admin_token');
      expect(stored[0]!.token_hash).not.toContain(token);
    } finally {
      await server.close();
      vi.unstubAllEnvs();
    }
  });
});
