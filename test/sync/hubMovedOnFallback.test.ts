// A desk that failed over to upstream because its hub stopped answering keeps looking for the
// hub on the network by its certificate (SPEC "The venue's network"; a new DHCP lease): when
// the hub comes back at another address, the desk goes back to it there without waiting for
// upstream to fail too. The hub runs in this process, first on 127.0.0.2, then, started again
// from its database's files, on 127.0.0.3; the look on the network is a stand-in (no multicast).
import { afterEach, expect, it } from 'vitest';
import type { FoundHub } from '../../shared/sync/hubService';
import type { Hub } from '../../server/hub/startHub';
import { startHub } from '../../server/hub/startHub';
import { createHubCertificate } from '../../server/hub/hubCertificate';
import { dumpPgliteDatabase } from '../../server/db/pgliteDatabase';
import type { EndpointSettings } from '../../main/sync/syncEndpoint';
import type { TestDesk } from './syncTestbed';
import { endpointDocuments, eventually, openTestDesk, startTestEndpoint, testDeskEpochMs, tinyVenue, venueOnEndpoint } from './syncTestbed';

const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const thing of opened.splice(0).reverse()) await thing.close().catch(() => undefined);
});

function inUse(desk: TestDesk): { kind: string; url: string } | undefined {
  const sync = desk.desk.status('connected').sync;
  return sync.online ? sync.endpoints?.find((entry) => entry.inUse) : undefined;
}

it('a desk on upstream because its hub went away finds the hub at its new address by its certificate and goes back to it', async () => {
  const startedMs = Date.now();
  const now = () => testDeskEpochMs + (Date.now() - startedMs);
  const venue = tinyVenue('v1');
  const upstream = await startTestEndpoint();
  opened.push(upstream);
  const [deskUpstream, hubUpstream] = await venueOnEndpoint(upstream, venue, ['Door', 'Venue hub']);
  const tls = await createHubCertificate('127.0.0.2');
  const hubAt = async (host: string, from?: Blob): Promise<Hub> => {
    const hub = await startHub({ database: { kind: 'pglite-memory', ...(from ? { from } : {}) }, host, tls, upstream: hubUpstream!, now });
    opened.push(hub);
    return hub;
  };
  const first = await hubAt('127.0.0.2');
  const hubPairing: EndpointSettings = { url: first.server.url, token: (await first.server.admin.issueDevice('v1', 'Door')).token, certificate: tls.fingerprint };

  // What the desk would hear on the network: nothing while the hub is down.
  let announced: FoundHub[] = [];
  const looks: string[] = [];
  const desk = await openTestDesk({
    deskId: 'door', venue, nowMs: now(),
    failover: { afterMs: 1_000, probeEveryMs: 200, lookForMovedHubEveryMs: 300 },
    findHubs: async (look) => {
      looks.push(look.certificate ?? '');
      return announced;
    },
  });
  opened.push(desk);
  expect(await desk.desk.call('pairEndpoint', deskUpstream)).toMatchObject({ ok: true });
  expect(await desk.desk.call('pairEndpoint', hubPairing)).toMatchObject({ ok: true });
  await eventually('the desk syncs with its hub', () => inUse(desk)?.kind === 'hub');

  const files = await dumpPgliteDatabase(first.server.db);
  await first.close();
  await eventually('the desk turns to upstream', () => inUse(desk)?.kind === 'upstream');
  // Upstream answers all along: only the look for the hub's certificate can bring the desk back.
  await eventually('the desk looks for its hub on the network while on upstream', () => looks.includes(tls.fingerprint));

  const moved = await hubAt('127.0.0.3', files);
  announced = [{ venueId: 'v1', venueName: 'Tiny studio', url: moved.server.url, certificate: tls.fingerprint }];
  await eventually('the desk goes back to its hub at the new address', () => inUse(desk)?.kind === 'hub' && inUse(desk)?.url === moved.server.url);
  expect((await desk.store.read()).map((settings) => settings.url)).toEqual([moved.server.url, upstream.url]);
  expect(desk.logs.some((line) => line.includes(`answers at ${moved.server.url} now`))).toBe(true);

  // And it syncs there: a check-in reaches the hub at its new address.
  desk.setNow(now());
  const checkIn = await desk.desk.call('checkIn', { customerId: 'c1', sessionId: 's1' }) as { ok: boolean; checkInId: string };
  expect(checkIn.ok).toBe(true);
  const observer: EndpointSettings = { url: moved.server.url, token: (await moved.server.admin.issueDevice('v1', 'observer')).token, certificate: tls.fingerprint };
  await eventually('the check-in reaches the moved hub', async () => (await endpointDocuments(observer, 'ledger')).some((document) => document.id === checkIn.checkInId));
}, 120_000);
