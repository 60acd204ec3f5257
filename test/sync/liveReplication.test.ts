// A paired desk syncs live: every collection comes down into a new desk, later platform
// changes arrive over the live stream, a check-in goes up and is acknowledged, another desk
// sees it, and a desk whose endpoint goes away keeps working and catches up when it is back.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DeskEvents } from '../../shared/schema/api';
import type { RunningEndpoint } from '../scenarios/scenarioEndpoint';
import type { EndpointSettings } from '../../main/sync/syncEndpoint';
import { recordOf } from '../../main/sync/ledgerHistoryGuard';
import type { TestDesk } from './syncTestbed';
import { closedAfterEach, pairedTestDesk } from './pairedDesks';
import { endpointDocuments, eventually, startTestEndpoint, tinyVenue, venueOnEndpoint } from './syncTestbed';

const opened = closedAfterEach();

async function endpointWith(devices: string[], location?: Parameters<typeof startTestEndpoint>[0], port?: number): Promise<{ endpoint: RunningEndpoint; settings: EndpointSettings[] }> {
  const endpoint = await startTestEndpoint(location, port);
  opened.push(endpoint);
  return { endpoint, settings: await venueOnEndpoint(endpoint, tinyVenue('v1'), devices) };
}

const pairedDesk = (deskId: string, settings: EndpointSettings, venue: ReturnType<typeof tinyVenue> | null): Promise<TestDesk> => pairedTestDesk(opened, deskId, settings, venue);

const sync = (desk: TestDesk) => desk.desk.status('connected').sync;

describe('live replication', () => {
  it('brings every collection into a new desk, then later platform changes over the live stream', async () => {
    const { endpoint, settings: [settings] } = await endpointWith(['A']);
    const desk = await pairedDesk('A', settings!, null);
    const memory = desk.desk.context.memory;
    const venue = tinyVenue('v1');
    expect([...memory.products.values()]).toEqual(venue.products);
    expect([...memory.customers.values()]).toEqual(venue.customers);
    expect([...memory.passes.values()]).toEqual(venue.passes);
    expect([...memory.sessions.values()]).toEqual(venue.sessions);
    expect([...memory.bookings.values()]).toEqual(venue.bookings);
    // The past ledger came as the snapshot's history: in the pass's summary and its history, not whole in memory.
    expect(memory.ledgerSize).toBe(venue.ledger.length);
    const history = await desk.desk.call('passHistory', { passId: 'x2' });
    expect(history.ok && history.items.filter((item) => item.kind === 'check-in').map((item) => item.id)).toEqual(venue.ledger.map((entry) => entry.id));
    const state = await desk.desk.call('passState', { passId: 'x2' });
    expect(state.ok && state.view.state.used).toBe(2); // its booking and the past check-in

    // The platform re-imports: a renamed customer, a new pass; the desk hears it on the stream
    // (the periodic resync is off in these tests).
    await endpoint.server.admin.importVenueData('v1', {
      ...venue,
      customers: [{ ...venue.customers[0]!, name: 'Ada King' }, venue.customers[1]!],
      passes: [...venue.passes, { ...venue.passes[0]!, id: 'x3', code: 'PASS-0003' }],
    });
    await eventually('the renamed customer', () => memory.customers.get('c1')?.name === 'Ada King');
    await eventually('the new pass', () => memory.passes.get('x3')?.code === 'PASS-0003');
    expect(desk.desk.context.memory.search.search('ada king', 5).map((hit) => hit.customerId)).toContain('c1');
  });

  it('pushes a check-in, counts it as waiting until the endpoint acknowledges it, and another desk receives it', async () => {
    const { settings: [forA, forB, observer] } = await endpointWith(['A', 'B', 'observer']);
    const a = await pairedDesk('A', forA!, tinyVenue('v1'));
    const b = await pairedDesk('B', forB!, tinyVenue('v1'));
    const changes: DeskEvents['changed'][] = [];
    b.desk.onChange((collections) => changes.push({ collections }));

    const checkIn = await a.desk.call('checkIn', { customerId: 'c1', sessionId: 's1' });
    expect(checkIn).toMatchObject({ ok: true, charged: true, passId: 'x1', remaining: 1 });
    const id = (checkIn as { checkInId: string }).checkInId;
    await eventually('acknowledged', () => sync(a).waiting === 0 && sync(a).lastSyncedAt !== null);

    const onEndpoint = (await endpointDocuments(observer!, 'ledger')).find((document) => document.id === id);
    const local = (await a.desk.context.db.ledger.findOne(id).exec())!.toJSON() as Record<string, unknown>;
    expect(recordOf(onEndpoint!)).toEqual(recordOf(local));

    await eventually('B has the check-in', () => b.desk.context.memory.ledger.has(id));
    const state = await b.desk.call('passState', { passId: 'x1' });
    expect(state).toMatchObject({ ok: true, view: { state: { used: 1, remaining: 1 } } });

    // B knows of A's check-in (a warning); confirmed, both desks hold one each: after the
    // merge the review list shows the pair, either of which can be undone.
    b.setNow(Date.parse('2026-02-01T17:01:00Z'));
    expect(await b.desk.call('checkIn', { customerId: 'c1', sessionId: 's1' })).toMatchObject({ ok: false, error: 'already-checked-in' });
    expect(await b.desk.call('checkIn', { customerId: 'c1', sessionId: 's1', confirmDuplicate: true })).toMatchObject({ ok: true, charged: true });
    await eventually('A has B\'s check-in', () => a.desk.context.memory.checkInsTo('s1').length === 2);
    const review = await a.desk.call('syncReview', {});
    expect(review).toMatchObject({ ok: true, items: [{ kind: 'double-check-in', customerId: 'c1', sessionId: 's1' }] });
    await eventually('B was told the review list may have changed', () => changes.some((change) => change.collections.includes('review')));
  });

  it('keeps a desk working while the endpoint is down, and catches up when it is back', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'sync-endpoint-'));
    opened.push({ close: () => rm(dataDir, { recursive: true, force: true }) });
    const first = await endpointWith(['A', 'observer'], { kind: 'pglite', dataDir });
    const [forA, observer] = first.settings as [EndpointSettings, EndpointSettings];
    const desk = await pairedDesk('A', forA, tinyVenue('v1'));

    await first.endpoint.close();
    await eventually('offline', () => !sync(desk).online);
    const made: string[] = [];
    for (const customerId of ['c1', 'c2']) {
      const result = await desk.desk.call('checkIn', { customerId, sessionId: null });
      expect(result).toMatchObject({ ok: true, charged: true });
      made.push((result as { checkInId: string }).checkInId);
    }
    expect(sync(desk)).toMatchObject({ online: false, waiting: 2 });
    expect(sync(desk).problem).toEqual({ note: 'sync-unreachable' });

    // The same endpoint comes back at the same address, with the data it had.
    const again = await startTestEndpoint({ kind: 'pglite', dataDir }, first.endpoint.server.port);
    opened.push(again);
    await eventually('caught up', () => sync(desk).online && sync(desk).waiting === 0 && sync(desk).problem === null, 30_000);
    // The pulls after the reconnect are not a first sync: no progress bar comes back.
    expect(sync(desk).initial).toBeNull();
    const ids = (await endpointDocuments(observer, 'ledger')).map((document) => document.id);
    expect(ids).toEqual(expect.arrayContaining(made));
  });
});
