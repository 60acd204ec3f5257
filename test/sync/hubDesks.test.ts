// Desks and a venue hub over TLS with the hub's pinned certificate (SPEC "The venue's network"),
// on loopback addresses only: upstream on 127.0.0.1, the venue's internet link a proxy on
// 127.0.0.3 (test/server/cuttableProxy.ts), the hub on 127.0.0.2.
import { createServer as createTlsServer } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { startHub } from '../../server/hub/startHub';
import type { Hub } from '../../server/hub/startHub';
import type { HubCertificate } from '../../server/hub/hubCertificate';
import { createHubCertificate } from '../../server/hub/hubCertificate';
import { SyncEndpoint } from '../../main/sync/syncEndpoint';
import type { EndpointSettings } from '../../main/sync/syncEndpoint';
import { decodePairingCode, encodePairingCode } from '../../shared/schema/pairingCode';
import { startCuttableProxy } from '../server/cuttableProxy';
import type { TestDesk } from './syncTestbed';
import { closedAfterEach, pairedTestDesk } from './pairedDesks';
import { endpointDocuments, eventually, openTestDesk, startTestEndpoint, testDeskEpochMs, tinyVenue, venueOnEndpoint } from './syncTestbed';

const opened = closedAfterEach();

const HUB_HOST = '127.0.0.2';

async function venueWithHub(options: { port?: number; certificate?: HubCertificate } = {}) {
  const upstream = await startTestEndpoint();
  opened.push(upstream);
  const [forHub, observer] = await venueOnEndpoint(upstream, tinyVenue('v1'), ['hub', 'observer']) as [EndpointSettings, EndpointSettings];
  const line = await startCuttableProxy(upstream.url);
  opened.push(line);
  const certificate = options.certificate ?? await createHubCertificate(HUB_HOST);
  const startedMs = Date.now();
  const startOn = async (port: number, identity: HubCertificate): Promise<Hub> => {
    const hub = await startHub({
      database: { kind: 'pglite-memory' },
      host: HUB_HOST,
      port,
      tls: { key: identity.key, cert: identity.cert },
      upstream: { url: line.url, token: forHub.token },
      relay: { intervalMs: 100, maxBackoffMs: 400 },
      // The hub's clock runs with the desks' pretend one, as upstream's does.
      now: () => testDeskEpochMs + (Date.now() - startedMs),
    });
    opened.push(hub);
    return hub;
  };
  const hub = await startOn(options.port ?? 0, certificate);
  const pairingOf = async (name: string): Promise<EndpointSettings> => {
    const { token } = await hub.server.admin.issueDevice(hub.venue.id, name);
    // Through a pairing code, as the hub prints it.
    const decoded = decodePairingCode(encodePairingCode({ url: hub.server.url, token, certificate: certificate.fingerprint }));
    if (!decoded.ok) throw new Error('the pairing code did not read back');
    return { url: decoded.pairing.url, token: decoded.pairing.token, ...(decoded.pairing.certificate ? { certificate: decoded.pairing.certificate } : {}) };
  };
  return { upstream, observer, line, hub, certificate, pairingOf, startOn };
}

const pairedDesk = (deskId: string, settings: EndpointSettings): Promise<TestDesk> => pairedTestDesk(opened, deskId, settings, tinyVenue('v1'));

describe('desks and a venue hub over TLS', () => {
  it('with the internet cut, a check-in at one desk reaches the other through the hub, the duplicate warning works across desks, and upstream gets both once the line is back', async () => {
    const { hub, observer, line, pairingOf } = await venueWithHub();
    expect(hub.server.url).toMatch(/^https:\/\/127\.0\.0\.2:/);
    const a = await pairedDesk('A', await pairingOf('door A'));
    const b = await pairedDesk('B', await pairingOf('door B'));
    // The status bar's "desks heard from in the last minute", as the hub counts them.
    await eventually('B hears of both desks', () => b.desk.status('connected').sync.desksHeard === 2);

    line.cut();
    const checkIn = await a.desk.call('checkIn', { customerId: 'c1', sessionId: 's1' });
    expect(checkIn).toMatchObject({ ok: true });
    const id = (checkIn as { checkInId: string }).checkInId;
    await eventually('B has A\'s check-in through the hub', () => b.desk.context.memory.ledger.has(id));
    b.setNow(testDeskEpochMs + 60_000);
    expect(await b.desk.call('checkIn', { customerId: 'c1', sessionId: 's1' })).toMatchObject({ ok: false, error: 'already-checked-in' });
    const second = await b.desk.call('checkIn', { customerId: 'c1', sessionId: 's1', confirmDuplicate: true });
    expect(second).toMatchObject({ ok: true });
    const secondId = (second as { checkInId: string }).checkInId;
    await eventually('A has B\'s check-in', () => a.desk.context.memory.ledger.has(secondId));

    line.restore();
    await eventually('upstream has both check-ins, once each', async () => {
      const ids = (await endpointDocuments(observer, 'ledger')).map((document) => document.id);
      return ids.includes(id) && ids.includes(secondId) && new Set(ids).size === ids.length;
    });
  });

  it('a desk refuses a server at the hub\'s address that shows another certificate, and sends it nothing, not even its token', async () => {
    const { certificate, pairingOf } = await venueWithHub();
    const settings = await pairingOf('door');
    const impostorIdentity = await createHubCertificate(HUB_HOST);
    let received = 0;
    const impostor = createTlsServer({ key: impostorIdentity.key, cert: impostorIdentity.cert }, (socket) => {
      socket.on('data', (chunk: Buffer) => {
        received += chunk.length;
      });
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => impostor.listen(0, HUB_HOST, resolve));
    opened.push({ close: () => new Promise<void>((resolve) => impostor.close(() => resolve())) });
    const port = (impostor.address() as { port: number }).port;
    const atImpostor = { ...settings, url: `https://${HUB_HOST}:${port}` };

    const hello = await new SyncEndpoint(atImpostor).hello();
    expect(hello).toMatchObject({ ok: false, failure: { kind: 'untrusted' } });
    expect(hello.ok ? '' : hello.failure.message).toContain(certificate.fingerprint);
    const desk = await openTestDesk({ deskId: 'D', venue: tinyVenue('v1') });
    opened.push(desk);
    const paired = await desk.desk.call('pairEndpoint', atImpostor);
    // Main sends a code and a note; the words ("…not the one in the pairing code…") are the renderer's.
    expect(paired).toMatchObject({ ok: false, note: { note: 'hub-untrusted-pairing' } });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(received, 'bytes of a request the impostor received').toBe(0);
  });

  it('a paired desk refuses its hub once the hub shows a changed certificate', async () => {
    const { hub, pairingOf, startOn } = await venueWithHub();
    const settings = await pairingOf('door');
    expect(await new SyncEndpoint(settings).hello()).toMatchObject({ ok: true });
    const port = hub.server.port;
    await hub.close();
    await startOn(port, await createHubCertificate(HUB_HOST));
    expect(await new SyncEndpoint(settings).hello()).toMatchObject({ ok: false, failure: { kind: 'untrusted' } });
  });

  it('a desk without the pin cannot talk to the hub at all (its certificate is self-signed)', async () => {
    const { pairingOf } = await venueWithHub();
    const { certificate: _pin, ...unpinned } = await pairingOf('door');
    expect(await new SyncEndpoint(unpinned).hello()).toMatchObject({ ok: false, failure: { kind: 'unreachable' } });
  });
});
