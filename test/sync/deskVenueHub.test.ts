// "This desk also serves the venue's network" (issue 17): the admin's switch runs the venue hub
// in the desk's own process (main/venueHub/deskVenueHub.ts), on loopback here (127.0.0.2, no
// announcement: nothing leaves loopback). The desk syncs with its own hub, the hub relays to the
// desk's upstream, another desk pairs by the hub's short code; the switch survives a restart and
// switching off pairs the desk with upstream again and stops the hub.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { deskVenueHub } from '../../main/venueHub/deskVenueHub';
import { syncSettingsFile } from '../../main/sync/syncSettings';
import { SyncEndpoint } from '../../main/sync/syncEndpoint';
import type { EndpointSettings } from '../../main/sync/syncEndpoint';
import { endpointDocuments, eventually, openTestDesk, startTestEndpoint, testDeskEpochMs, tinyVenue, venueOnEndpoint } from './syncTestbed';

const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const thing of opened.splice(0).reverse()) await thing.close().catch(() => undefined);
});

describe('this desk also serves the venue\'s network', () => {
  it('on: the desk syncs through its own hub, which relays upstream and pairs another desk by its code; kept across a restart; off: back to upstream, the hub stopped', { timeout: 240_000 }, async () => {
    const folder = await mkdtemp(join(tmpdir(), 'desk-hub-'));
    opened.push({ close: () => rm(folder, { recursive: true, force: true }) });
    const upstream = await startTestEndpoint();
    opened.push(upstream);
    const [forA, observer] = await venueOnEndpoint(upstream, tinyVenue('v1'), ['A', 'observer']) as [EndpointSettings, EndpointSettings];
    const store = syncSettingsFile(folder, () => undefined);
    const a = await openTestDesk({ deskId: 'A', venue: tinyVenue('v1'), store });
    opened.push(a);
    const log: string[] = [];
    const startedMs = Date.now();
    // The hub's clock runs with the desks' pretend one, as upstream's does (hubDesks.test).
    const options = { dataDir: folder, store, log: (line: string) => log.push(line), host: '127.0.0.2', announce: false, now: () => testDeskEpochMs + (Date.now() - startedMs) };

    // Not paired yet: there is no upstream to relay to.
    const hubControl = deskVenueHub(options);
    opened.push(hubControl);
    expect(await hubControl.switchOn(a.desk.sync)).toMatchObject({ ok: false, note: { note: 'venue-hub-needs-pairing' } });
    expect(await a.desk.call('pairEndpoint', forA)).toMatchObject({ ok: true });

    const on = await hubControl.switchOn(a.desk.sync);
    expect(on).toMatchObject({ ok: true, hub: { on: true } });
    const own = (await store.read())[0]!;
    // Its own hub first, the internet server second: the desk fails over to it if its hub stops.
    expect((await store.read()).map((each) => each.url)).toEqual([own.url, forA.url]);
    expect(own.url).toMatch(/^https:\/\/127\.0\.0\.2:\d+$/);
    expect(own.certificate).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    await eventually('A syncs with its own hub', () => a.desk.status('connected').sync.online && a.desk.status('connected').sync.endpoint === own.url);

    const checkIn = await a.desk.call('checkIn', { customerId: 'c1', sessionId: 's1' });
    expect(checkIn).toMatchObject({ ok: true });
    const id = (checkIn as { checkInId: string }).checkInId;
    await eventually('the check-in reached upstream through the hub', async () => (await endpointDocuments(observer, 'ledger')).some((entry) => entry.id === id), 60_000);

    // Another desk pairs with this desk's hub by the short code it shows.
    const shown = hubControl.offerCode('Door B');
    if (!shown.ok) throw new Error('no code shown');
    const b = await openTestDesk({ deskId: 'B', venue: null, findHubs: async () => [{ venueId: 'v1', venueName: 'Tiny studio', url: own.url, certificate: own.certificate! }] });
    opened.push(b);
    await b.desk.call('findHubs', {});
    const claimed = await b.desk.call('claimHubCode', { certificate: own.certificate!, code: shown.code });
    if (!claimed.ok) throw new Error(`not claimed: ${JSON.stringify(claimed)}`);
    expect(await b.desk.call('pairEndpoint', claimed.pairing)).toMatchObject({ ok: true });
    await eventually('B has the check-in made at A', () => b.desk.status('connected').sync.online && b.desk.context.memory.ledger.has(id), 60_000);

    // The desk restarts: the switch was kept, and the hub serves again on the same port.
    await hubControl.close();
    const again = deskVenueHub(options);
    opened.push(again);
    await again.resume();
    expect(again.state()).toMatchObject({ ok: true, hub: { on: true } });
    expect((await new SyncEndpoint(own).hello()).ok).toBe(true);

    // Off: the desk is paired with upstream again, and nothing answers at the hub's address.
    expect(await again.switchOff(a.desk.sync)).toEqual({ ok: true, hub: { on: false, address: null } });
    expect((await store.read()).map((each) => each.url)).toEqual([forA.url]);
    await eventually('A syncs with upstream again', () => a.desk.status('connected').sync.online && a.desk.status('connected').sync.endpoint === forA.url);
    const gone = await new SyncEndpoint(own, { timeoutMs: 3_000 }).hello();
    expect(gone).toMatchObject({ ok: false, failure: { kind: 'unreachable' } });
    const reopened = deskVenueHub(options);
    await reopened.resume();
    expect(reopened.state()).toEqual({ ok: true, hub: { on: false, address: null } });
  });
});
