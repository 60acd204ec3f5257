// A new desk's first download (a snapshot, door first: main/sync/snapshotSync.ts) comes from the
// endpoint that made the snapshot. Pairing a venue hub while it runs used to stop it and start
// the door again from nothing at the hub (takeDoorParts forgets unfinished bundles), or leave
// the history unfinished (it comes only from the snapshot's endpoint). Now the download
// finishes from upstream, keeping what arrived, and the desk then turns to the hub by its
// list's order (issue 17). Upstream on 127.0.0.1, the hub on 127.0.0.2 over pinned TLS.
import { expect, it } from 'vitest';
import type { LedgerEntry, VenueData } from '../../shared/schema/records';
import { foldPassState } from '../../shared/rules/passState';
import type { EndpointSettings, FetchFunction } from '../../main/sync/syncEndpoint';
import { pinnedFetch } from '../../main/sync/pinnedFetch';
import { readBundlesState } from '../../main/db/bundles';
import { demoVenueFor } from '../../main/venue/demoVenue';
import { startHub } from '../../server/hub/startHub';
import { createHubCertificate } from '../../server/hub/hubCertificate';
import { startCuttableProxy } from '../server/cuttableProxy';
import type { TestDesk } from './syncTestbed';
import { endpointDocuments, eventually, openTestDesk, startTestEndpoint, venueOnEndpoint } from './syncTestbed';
import { closedAfterEach } from './pairedDesks';

const opened = closedAfterEach();
const nowMs = Date.parse('2026-03-10T12:00:00Z');

type Line = { fetch: FetchFunction; release(): void; held(): boolean; snapshotRequests(origin: string): string[] };

/**
 * The desk's network: the hub's requests pinned to its certificate, and upstream's requests
 * under `holdPath` (a part's pages or its ready bundles) held until released. Every snapshot request is noted by origin.
 */
function deskLine(hubOrigin: string, certificate: string, upstreamOrigin: string, holdPath: string): Line {
  const pinned = pinnedFetch(certificate);
  const requests: { origin: string; path: string }[] = [];
  let release!: () => void;
  const released = new Promise<void>((resolve) => { release = resolve; });
  let waiting = false;
  return {
    fetch: async (url, init) => {
      const { origin, pathname } = new URL(url);
      if (pathname.includes('/sync/snapshot')) requests.push({ origin, path: pathname });
      if (origin === upstreamOrigin && pathname.includes(holdPath)) {
        waiting = true;
        await released;
      }
      return origin === hubOrigin ? pinned(url, init) : fetch(url, init);
    },
    release,
    held: () => waiting,
    snapshotRequests: (origin) => requests.filter((request) => request.origin === origin).map((request) => request.path),
  };
}

async function venueWithHub(venue: VenueData): Promise<{ upstream: EndpointSettings; hub: EndpointSettings; observer: EndpointSettings }> {
  const upstream = await startTestEndpoint(undefined, 0, nowMs);
  opened.push(upstream);
  const [deskUpstream, hubUpstream, observer] = await venueOnEndpoint(upstream, venue, ['Door', 'Venue hub', 'observer']);
  const tls = await createHubCertificate('127.0.0.2');
  const hub = await startHub({ database: { kind: 'pglite-memory' }, host: '127.0.0.2', tls, upstream: hubUpstream!, now: () => nowMs });
  opened.push(hub);
  const deskHub: EndpointSettings = { url: hub.server.url, token: (await hub.server.admin.issueDevice(venue.venue.id, 'Door')).token, certificate: tls.fingerprint };
  return { upstream: deskUpstream!, hub: deskHub, observer: observer! };
}

async function newDesk(line: Line): Promise<TestDesk> {
  const desk = await openTestDesk({ deskId: 'Door', venue: null, nowMs, tuning: { snapshotPageSize: 50 }, fetch: line.fetch, failover: { afterMs: 2_000, probeEveryMs: 200 } });
  opened.push(desk);
  return desk;
}

function inUse(desk: TestDesk): string | undefined {
  const sync = desk.desk.status('connected').sync;
  return sync.online && sync.initial === null ? sync.endpoints?.find((entry) => entry.inUse)?.kind : undefined;
}

/** The desk's download is complete, and every pass's state is the fold of upstream's ledger. */
async function expectAllIn(desk: TestDesk, venue: VenueData, observer: EndpointSettings): Promise<void> {
  const state = await eventually('the download complete', () => readBundlesState(desk.desk.context.db).then((read) => (read?.doorComplete && read.history.complete ? read : null)), 30_000);
  expect(state).toMatchObject({ source: 'snapshot' });
  const ledger = (await endpointDocuments(observer, 'ledger')) as unknown as LedgerEntry[];
  for (const pass of venue.passes) {
    const answer = await desk.desk.call('passState', { passId: pass.id });
    const bookings = venue.bookings.filter((booking) => booking.passId === pass.id);
    expect(answer.ok ? answer.view.state : answer, pass.id).toEqual(foldPassState(pass, bookings, ledger.filter((entry) => entry.passId === pass.id), venue.venue.timeZone, nowMs));
  }
}

it('pairing a hub during the door\'s download keeps what arrived: the door finishes from upstream, then the desk turns to the hub', async () => {
  const venue = demoVenueFor(nowMs, 120);
  const { upstream, hub, observer } = await venueWithHub(venue);
  const line = deskLine(new URL(hub.url).origin, hub.certificate!, new URL(upstream.url).origin, '/sync/snapshot/summaries');
  const desk = await newDesk(line);

  expect(await desk.desk.call('pairEndpoint', upstream)).toMatchObject({ ok: true });
  await eventually('the door\'s download reaches the summaries', () => line.held());
  const customersPages = line.snapshotRequests(new URL(upstream.url).origin).filter((path) => path.includes('/sync/snapshot/customers')).length;
  expect(customersPages).toBeGreaterThan(0);

  expect(await desk.desk.call('pairEndpoint', hub)).toMatchObject({ ok: true });
  // Setup lists both at once, upstream in use until the download is in.
  expect(desk.desk.status('connected').sync.endpoints).toEqual([
    { kind: 'hub', url: hub.url, inUse: false },
    { kind: 'upstream', url: upstream.url, inUse: true },
  ]);
  line.release();

  await eventually('the desk syncs with its hub once the download is in', () => inUse(desk) === 'hub', 30_000);
  await expectAllIn(desk, venue, observer);
  // One snapshot, from upstream, and the customers taken once: nothing was thrown away.
  expect(line.snapshotRequests(new URL(hub.url).origin)).toEqual([]);
  const fromUpstream = line.snapshotRequests(new URL(upstream.url).origin);
  expect(fromUpstream.filter((path) => path.endsWith('/sync/snapshot'))).toHaveLength(1);
  expect(fromUpstream.filter((path) => path.includes('/sync/snapshot/customers'))).toHaveLength(customersPages);
  expect((await desk.store.read()).map((settings) => settings.url)).toEqual([hub.url, upstream.url]);
}, 120_000);

it('pairing a hub while the history follows lets the history finish from upstream, where the snapshot was made', async () => {
  const venue = demoVenueFor(nowMs, 120);
  const { upstream, hub, observer } = await venueWithHub(venue);
  const line = deskLine(new URL(hub.url).origin, hub.certificate!, new URL(upstream.url).origin, '/sync/snapshot/history');
  const desk = await newDesk(line);

  expect(await desk.desk.call('pairEndpoint', upstream)).toMatchObject({ ok: true });
  await eventually('the history is asked for', () => line.held());
  expect(desk.desk.status('connected').sync.initial).toMatchObject({ stage: 'history' });

  expect(await desk.desk.call('pairEndpoint', hub)).toMatchObject({ ok: true });
  line.release();

  await eventually('the desk syncs with its hub once the history is in', () => inUse(desk) === 'hub', 30_000);
  await expectAllIn(desk, venue, observer);
  expect(line.snapshotRequests(new URL(hub.url).origin)).toEqual([]);
  expect(line.snapshotRequests(new URL(upstream.url).origin).filter((path) => path.endsWith('/sync/snapshot'))).toHaveLength(1);
}, 120_000);

it('a desk whose download\'s endpoint stops answering turns to the hub all the same, and takes the download there', async () => {
  const venue = demoVenueFor(nowMs, 120);
  const { upstream: direct, hub, observer } = await venueWithHub(venue);
  // The desk's internet link: a proxy on 127.0.0.3 that resets its connections when cut.
  const link = await startCuttableProxy(direct.url);
  opened.push(link);
  const upstream: EndpointSettings = { ...direct, url: link.url };
  const line = deskLine(new URL(hub.url).origin, hub.certificate!, new URL(upstream.url).origin, '/sync/snapshot/summaries');
  const desk = await newDesk(line);

  expect(await desk.desk.call('pairEndpoint', upstream)).toMatchObject({ ok: true });
  await eventually('the door\'s download reaches the summaries', () => line.held());
  expect(await desk.desk.call('pairEndpoint', hub)).toMatchObject({ ok: true });
  // The internet goes: after the failover's 2 s without an answer, the hub is better than nothing.
  link.cut();
  line.release();

  await eventually('the desk syncs with its hub', () => inUse(desk) === 'hub', 30_000);
  await expectAllIn(desk, venue, observer);
  expect(line.snapshotRequests(new URL(hub.url).origin).filter((path) => path.endsWith('/sync/snapshot'))).toHaveLength(1);
  expect(desk.logs.some((logged) => logged.includes(`${hub.url} answers again`))).toBe(true);
}, 120_000);
