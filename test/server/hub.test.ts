// A venue hub (server/hub/) between the venue's desks and upstream, on loopback addresses only:
// upstream on 127.0.0.1, the venue's internet link a proxy on 127.0.0.3 that the test cuts and
// restores, the hub on 127.0.0.2. SPEC "The venue's network": upstream down, the hub and its
// desks carry on; back, everything converges, nothing lost or doubled.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SyncServer } from '../../server/startSyncServer';
import { startSyncServer } from '../../server/startSyncServer';
import type { Hub } from '../../server/hub/startHub';
import { startHub } from '../../server/hub/startHub';
import type { RelayEvent } from '../../server/hub/upstreamRelay';
import { createDemoVenue } from '../../server/import/demoVenue';
import { ADMIN_TOKEN, SyncTestClient, checkInEntry } from './syncTestClient';
import type { CuttableProxy } from './cuttableProxy';
import { startCuttableProxy } from './cuttableProxy';

const quickRelay = { intervalMs: 100, maxBackoffMs: 400 };

let upstream: SyncServer;
let venueId: string;
let line: CuttableProxy;
const hubs: Hub[] = [];
const folders: string[] = [];

beforeAll(async () => {
  upstream = await startSyncServer({ database: { kind: 'pglite-memory' }, adminToken: ADMIN_TOKEN });
  const demo = await createDemoVenue(upstream.db, { customers: 20, seed: 3, today: '2026-02-01', timeZone: 'Europe/London' });
  venueId = demo.venue.id;
  line = await startCuttableProxy(upstream.url);
});

afterEach(async () => {
  line.restore();
  line.delayMs = 0;
  for (const hub of hubs.splice(0)) await hub.close();
});

afterAll(async () => {
  await line.close();
  await upstream.close();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

async function hubThroughLine(database: { kind: 'pglite-memory' } | { kind: 'pglite'; dataDir: string } = { kind: 'pglite-memory' }, events: RelayEvent[] = []): Promise<Hub> {
  const { token } = await upstream.admin.issueDevice(venueId, 'hub');
  return hubWith(database, token, events);
}

async function hubWith(database: { kind: 'pglite-memory' } | { kind: 'pglite'; dataDir: string }, token: string, events: RelayEvent[] = []): Promise<Hub> {
  const hub = await startHub({
    database,
    host: '127.0.0.2',
    adminToken: ADMIN_TOKEN,
    upstream: { url: line.url, token },
    relay: quickRelay,
    onRelayEvent: (event) => events.push(event),
  });
  hubs.push(hub);
  return hub;
}

async function deskOf(hub: Hub, name: string): Promise<SyncTestClient> {
  const { token } = await hub.server.admin.issueDevice(hub.venue.id, name);
  return new SyncTestClient(hub.server.url, token);
}

async function upstreamDesk(name: string): Promise<SyncTestClient> {
  const { token } = await upstream.admin.issueDevice(venueId, name);
  return new SyncTestClient(upstream.url, token);
}

async function ledgerIds(client: SyncTestClient): Promise<string[]> {
  const { documents } = await client.pullAll('ledger', 1000);
  return documents.map((document) => String(document.id));
}

async function until(what: string, condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`waited ${timeoutMs} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Upstream and the hub hold the same ledger, each entry once. */
async function expectConverged(hubDesk: SyncTestClient, upstreamClient: SyncTestClient, expected: readonly string[]): Promise<void> {
  await until('upstream and the hub to hold the same ledger', async () => {
    const [atHub, atUpstream] = await Promise.all([ledgerIds(hubDesk), ledgerIds(upstreamClient)]);
    return atHub.length === atUpstream.length && new Set([...atHub, ...atUpstream]).size === atHub.length && expected.every((id) => atHub.includes(id));
  });
  const [atHub, atUpstream] = await Promise.all([ledgerIds(hubDesk), ledgerIds(upstreamClient)]);
  expect(new Set(atHub).size, 'no entry twice at the hub').toBe(atHub.length);
  expect(new Set(atUpstream).size, 'no entry twice upstream').toBe(atUpstream.length);
  expect([...atHub].sort()).toEqual([...atUpstream].sort());
}

describe('a venue hub relays to upstream', () => {
  it('takes its venue and platform data from upstream, and sends its desks\' entries up', async () => {
    const hub = await hubThroughLine();
    expect(hub.venue.id).toBe(venueId);
    const desk = await deskOf(hub, 'door');
    const watcher = await upstreamDesk('watcher');
    await until('the customers to reach the hub', async () => (await desk.pullAll('customers')).documents.length === 20);
    const entry = checkInEntry(venueId);
    expect((await desk.push([entry])).status).toBe(200);
    await until('the check-in to reach upstream', async () => (await ledgerIds(watcher)).includes(String(entry.id)));
    await expectConverged(desk, watcher, [String(entry.id)]);
  });

  it('keeps the venue\'s staff as upstream holds them, so the hub\'s desks sign people in offline', async () => {
    const admin = new SyncTestClient(upstream.url, ADMIN_TOKEN);
    const added = await admin.post(`/admin/venues/${venueId}/staff`, JSON.stringify({ name: 'Maya', role: 'door', pin: '4321' }));
    expect(added.status).toBe(201);
    const hub = await hubThroughLine();
    const desk = await deskOf(hub, 'door');
    const staffAt = async (client: SyncTestClient) => (await client.get<{ staff: { name: string; role: string; pinHash: string }[] }>('/sync/staff')).body.staff;
    await until('Maya to reach the hub', async () => (await staffAt(desk)).some((member) => member.name === 'Maya'));
    const promoted = await admin.post(`/admin/venues/${venueId}/staff/Maya`, JSON.stringify({ role: 'manager' }));
    expect(promoted.status).toBe(200);
    await until('her new role to reach the hub', async () => (await staffAt(desk)).find((member) => member.name === 'Maya')?.role === 'manager');
    expect(await staffAt(desk)).toEqual(await staffAt(await upstreamDesk('office')));
  });

  it('upstream cut: the hub\'s desks keep each other current; restored: both sides converge, nothing lost or doubled', async () => {
    const hub = await hubThroughLine();
    const doorA = await deskOf(hub, 'door A');
    const doorB = await deskOf(hub, 'door B');
    const office = await upstreamDesk('office');
    await until('the hub to reach upstream', async () => hub.relay.status.lastReachedAt !== null);

    line.cut();
    const atDoor = Array.from({ length: 5 }, () => checkInEntry(venueId));
    expect((await doorA.push(atDoor)).status).toBe(200);
    // Door B hears of door A's check-ins through the hub alone.
    expect(await ledgerIds(doorB)).toEqual(expect.arrayContaining(atDoor.map((entry) => String(entry.id))));
    // Meanwhile at upstream: an entry of its own, and one of door A's sent straight there too
    // (a desk falling over to upstream while the hub still held it): both routes, counted once.
    const atOffice = checkInEntry(venueId);
    expect((await office.push([atOffice, atDoor[0]!])).status).toBe(200);
    await until('the relay to notice the cut', async () => hub.relay.status.lastFailure !== null);

    line.restore();
    const all = [...atDoor, atOffice].map((entry) => String(entry.id));
    await expectConverged(doorB, office, all);
  });

  it('a slow link still converges', async () => {
    const hub = await hubThroughLine();
    const door = await deskOf(hub, 'door');
    const office = await upstreamDesk('office');
    line.delayMs = 300;
    const entries = Array.from({ length: 3 }, () => checkInEntry(venueId));
    await door.push(entries);
    await office.push([checkInEntry(venueId)]);
    await expectConverged(door, office, entries.map((entry) => String(entry.id)));
  });

  it('restarted while upstream is down, the hub serves its venue from its data folder at once', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'hub-'));
    folders.push(folder);
    const { token } = await upstream.admin.issueDevice(venueId, 'hub with a folder');
    const first = await hubWith({ kind: 'pglite', dataDir: folder }, token);
    const door = await deskOf(first, 'door');
    const before = checkInEntry(venueId);
    await door.push([before]);
    await first.close();
    hubs.splice(hubs.indexOf(first), 1);

    line.cut();
    const second = await hubWith({ kind: 'pglite', dataDir: folder }, token);
    const sameDoor = new SyncTestClient(second.server.url, door.token);
    const during = checkInEntry(venueId);
    expect((await sameDoor.push([during])).status).toBe(200);
    expect(await ledgerIds(sameDoor)).toEqual(expect.arrayContaining([String(before.id), String(during.id)]));

    line.restore();
    await expectConverged(sameDoor, await upstreamDesk('office'), [String(before.id), String(during.id)]);
  });

  it('an entry upstream refuses for now (stamped ahead of its clock) is held and sent later; the others go at once', async () => {
    let upstreamBehindMs = 10 * 60_000;
    const slow = await startSyncServer({ database: { kind: 'pglite-memory' }, adminToken: ADMIN_TOKEN, now: () => Date.now() - upstreamBehindMs });
    try {
      const demo = await createDemoVenue(slow.db, { customers: 5, seed: 4, today: '2026-02-01', timeZone: 'Europe/London' });
      const { token } = await slow.admin.issueDevice(demo.venue.id, 'hub');
      const events: RelayEvent[] = [];
      const hub = await startHub({ database: { kind: 'pglite-memory' }, host: '127.0.0.2', adminToken: ADMIN_TOKEN, upstream: { url: slow.url, token }, relay: quickRelay, onRelayEvent: (event) => events.push(event) });
      hubs.push(hub);
      const door = await deskOf(hub, 'door');
      const watcher = new SyncTestClient(slow.url, (await slow.admin.issueDevice(demo.venue.id, 'watcher')).token);
      const nowMs = Date.now();
      const stamped = (ms: number) => checkInEntry(demo.venue.id, { at: new Date(ms).toISOString(), hlc: `${String(ms).padStart(15, '0')}:000000:desk-1` });
      // Stamped by the hub's clock: 10 minutes ahead of upstream's, which refuses it for now.
      const ahead = stamped(nowMs);
      const ordinary = checkInEntry(demo.venue.id);
      expect((await door.push([ahead, ordinary])).status).toBe(200);
      await until('the ordinary entry upstream', async () => (await ledgerIds(watcher)).includes(String(ordinary.id)));
      expect(await ledgerIds(watcher)).not.toContain(String(ahead.id));
      expect(events.some((event) => event.kind === 'dropped' && event.id === ahead.id)).toBe(true);
      // Upstream's clock set right: the held entry goes up, once.
      upstreamBehindMs = 0;
      await until('the held entry upstream', async () => (await ledgerIds(watcher)).includes(String(ahead.id)));
      await expectConverged(door, watcher, [String(ahead.id), String(ordinary.id)]);
    } finally {
      for (const hub of hubs.splice(0)) await hub.close();
      await slow.close();
    }
  });
});
