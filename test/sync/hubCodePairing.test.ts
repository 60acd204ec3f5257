// A desk pairs with a venue hub picked from its list by the short code the hub shows (issue 17):
// through the desk's API, as the Pair screen calls it. The hub is on 127.0.0.2 over TLS; the
// list comes from a stand-in for the network look (hubDiscovery.test.ts looks for real, in a
// namespace of its own), so nothing here sends multicast.
import { afterEach, describe, expect, it } from 'vitest';
import { startHub } from '../../server/hub/startHub';
import { createHubCertificate } from '../../server/hub/hubCertificate';
import type { EndpointSettings } from '../../main/sync/syncEndpoint';
import type { FoundHub } from '../../shared/sync/hubService';
import { eventually, openTestDesk, startTestEndpoint, tinyVenue, venueOnEndpoint } from './syncTestbed';

const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const thing of opened.splice(0).reverse()) await thing.close().catch(() => undefined);
});

describe('pairing with a hub found on the network, by its short code', () => {
  it('the desk lists the hub, refuses a wrong code and a hub it did not find, then pairs with the right code and syncs through the hub', async () => {
    const upstream = await startTestEndpoint();
    opened.push(upstream);
    const [forHub] = await venueOnEndpoint(upstream, tinyVenue('v1'), ['hub']) as [EndpointSettings];
    const certificate = await createHubCertificate('127.0.0.2');
    const hub = await startHub({ database: { kind: 'pglite-memory' }, host: '127.0.0.2', port: 0, tls: { key: certificate.key, cert: certificate.cert }, upstream: { url: upstream.url, token: forHub.token } });
    opened.push(hub);
    const found: FoundHub = { venueId: 'v1', venueName: 'Tiny venue', url: hub.server.url, certificate: certificate.fingerprint };
    const desk = await openTestDesk({ deskId: 'B', venue: null, findHubs: async () => [found] });
    opened.push(desk);

    // Before any look, no hub is known to the desk: the renderer cannot name an address.
    expect(await desk.desk.call('claimHubCode', { certificate: certificate.fingerprint, code: 'K7QM3-XHD9P' })).toMatchObject({ ok: false, note: { note: 'hub-gone' } });
    expect(await desk.desk.call('findHubs', {})).toEqual({ ok: true, hubs: [found] });
    const shown = hub.offerPairing('Door B');
    expect(await desk.desk.call('claimHubCode', { certificate: certificate.fingerprint, code: 'K7QM3-XHD9' })).toMatchObject({ ok: false, note: { note: 'hub-code-unreadable' } });
    const wrong = shown.code.startsWith('0') ? `1${shown.code.slice(1)}` : `0${shown.code.slice(1)}`;
    expect(await desk.desk.call('claimHubCode', { certificate: certificate.fingerprint, code: wrong })).toMatchObject({ ok: false, error: 'endpoint-refused', note: { note: 'hub-code-wrong' } });

    const claimed = await desk.desk.call('claimHubCode', { certificate: certificate.fingerprint, code: shown.code.toLowerCase() });
    expect(claimed).toMatchObject({ ok: true, pairing: { url: hub.server.url, certificate: certificate.fingerprint } });
    if (!claimed.ok) throw new Error('not claimed');
    expect(await desk.desk.call('pairEndpoint', claimed.pairing)).toMatchObject({ ok: true });
    await eventually('the desk has the venue through the hub', () => desk.desk.status('connected').sync.online && desk.desk.status('connected').venue?.id === 'v1');
    expect((await hub.server.admin.listDevices('v1')).map((device) => device.name)).toContain('Door B');
  });
});
