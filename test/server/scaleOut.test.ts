// Scale-out (issue 4 item 5): two server processes on one PostgreSQL behave as one. Here two
// servers in one process, each with its own pool and its own LISTEN connection, which is all
// a second process would have: what a desk pushes through one reaches streams on the other.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncServer } from '../../server/startSyncServer';
import { startSyncServer } from '../../server/startSyncServer';
import { migrations } from '../../server/db/migrations';
import { postgresBackend } from './testBackends';
import { ADMIN_TOKEN, SyncTestClient, checkInEntry } from './syncTestClient';

describe.skipIf(postgresBackend.skip !== null)('two servers on one PostgreSQL', () => {
  let first: SyncServer;
  let second: SyncServer;

  beforeAll(async () => {
    const database = await postgresBackend.location();
    [first, second] = await Promise.all([
      startSyncServer({ database, adminToken: ADMIN_TOKEN, heartbeatMs: 60_000 }),
      startSyncServer({ database, adminToken: ADMIN_TOKEN, heartbeatMs: 60_000 }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([first?.close(), second?.close()]);
  });

  async function venueOnBoth(venueId: string) {
    await first.admin.createVenue({ id: venueId, timeZone: 'Europe/London' });
    const one = await first.admin.issueDevice(venueId, 'desk on server 1');
    const two = await second.admin.issueDevice(venueId, 'desk on server 2');
    return { one: { ...one, client: new SyncTestClient(first.url, one.token) }, two: { ...two, client: new SyncTestClient(second.url, two.token) } };
  }

  it('streams on server 1 what a desk pushed through server 2', async () => {
    const { one, two } = await venueOnBoth('scale-stream');
    const stream = await one.client.openStream();
    expect(await stream.next()).toEqual({ kind: 'resync' });
    const entries = [checkInEntry('scale-stream'), checkInEntry('scale-stream')];
    expect((await two.client.push(entries)).status).toBe(200);
    await stream.untilDocuments(entries.map((entry) => String(entry.id)));
    stream.close();
  });

  it('ends a stream on server 1 when its token is revoked through server 2', async () => {
    const { one } = await venueOnBoth('scale-revoke');
    const stream = await one.client.openStream();
    await stream.next();
    await second.admin.revokeDevice(one.deviceId);
    await stream.ended;
    expect((await one.client.get('/sync/hello')).status).toBe(401);
  });

  it('gives a puller on one server every entry pushed concurrently through both', async () => {
    const { one, two } = await venueOnBoth('scale-concurrent');
    const pushed: string[] = [];
    await Promise.all([one, two].map(async ({ client }) => {
      for (let batch = 0; batch < 10; batch += 1) {
        const entries = Array.from({ length: 5 }, () => checkInEntry('scale-concurrent'));
        pushed.push(...entries.map((entry) => String(entry.id)));
        expect((await client.push(entries)).status).toBe(200);
      }
    }));
    const pulled = await one.client.pullAll('ledger', 13);
    expect(pulled.documents.map((document) => document.id).sort()).toEqual([...pushed].sort());
  });

  it('migrates once when both start together', async () => {
    const rows = await first.db.query<{ id: number }>('SELECT id FROM migrations ORDER BY id');
    expect(rows.map((row) => row.id)).toEqual(migrations.map((migration) => migration.id));
  });
});
