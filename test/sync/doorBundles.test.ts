// Issue 14, item 7b: the endpoint serves a first sync's door parts (products, sessions,
// customers, passes, bookings, summaries, recent) as the bundles the desk stores
// (GET /sync/snapshot/:part/bundles), checked whole in the desk's worker, so that main's loop
// only parses what passed into memory. A bad record in a bundle is set aside with its reason and
// nothing else changes; a bundle that fails its whole check, or an endpoint without the route,
// and the desk reads the door as pages. A venue's snapshot is handed out again after the venue
// moved on, and a desk taking it still ends with everything (the pull brings the rest).
import { afterEach, describe, expect, it } from 'vitest';
import type { FetchFunction } from '../../main/sync/syncEndpoint';
import { readBundlesState } from '../../main/db/bundles';
import { demoVenueFor } from '../../main/venue/demoVenue';
import type { VenueData } from '../../shared/schema/records';
import type { BundlesPage } from '../../shared/schema/syncContract';
import { doorParts } from '../../shared/schema/sync';
import type { RunningEndpoint } from '../scenarios/scenarioEndpoint';
import type { TestDesk } from './syncTestbed';
import { eventually, openTestDesk, startTestEndpoint, venueOnEndpoint } from './syncTestbed';
import { digestOf, json, watchedFetch } from './servedBundlesFetch';

const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const thing of opened.splice(0).reverse()) await thing.close().catch(() => undefined);
});

const nowMs = Date.parse('2026-03-10T12:00:00Z');
const doorPages = doorParts.map((part) => `/sync/snapshot/${part}`);
const CUSTOMER_BUNDLES = '/sync/snapshot/customers/bundles';


async function endpointWith(venue: VenueData, devices: string[]): Promise<{ endpoint: RunningEndpoint; settings: Awaited<ReturnType<typeof venueOnEndpoint>> }> {
  const endpoint = await startTestEndpoint(undefined, 0, nowMs);
  opened.push(endpoint);
  return { endpoint, settings: await venueOnEndpoint(endpoint, venue, devices) };
}

async function pairedDesk(deskId: string, settings: { url: string; token: string }, fetch?: FetchFunction): Promise<TestDesk> {
  const desk = await openTestDesk({ deskId, venue: null, nowMs, tuning: { snapshotPageSize: 50 }, ...(fetch ? { fetch } : {}) });
  opened.push(desk);
  expect(await desk.desk.call('pairEndpoint', settings)).toMatchObject({ ok: true });
  await eventually('the first sync done', () => desk.desk.status('connected').sync.initial === null, 60_000);
  return desk;
}

async function firstSync(fetch: FetchFunction): Promise<{ desk: TestDesk; venue: VenueData }> {
  const venue = demoVenueFor(nowMs, 40);
  const { settings } = await endpointWith(venue, ['A']);
  return { desk: await pairedDesk('A', settings[0]!, fetch), venue };
}

function expectAllIn(desk: TestDesk, venue: VenueData, customersBut = 0): void {
  const { memory } = desk.desk.context;
  expect(memory.customers.size).toBe(venue.customers.length - customersBut);
  expect(memory.passes.size).toBe(venue.passes.length);
  expect(memory.sessions.size).toBe(venue.sessions.length);
  expect(memory.products.size).toBe(venue.products.length);
  expect(memory.ledgerSize).toBe(venue.ledger.length);
}

describe("a first sync's door as the endpoint's ready bundles", () => {
  it('comes as bundles: no door page is asked for, and every record is in memory and in bundles', async () => {
    const watched = watchedFetch();
    const { desk, venue } = await firstSync(watched.fetch);
    for (const part of doorParts) expect(watched.asked).toContain(`/sync/snapshot/${part}/bundles`);
    expect(watched.asked.filter((path) => doorPages.includes(path))).toEqual([]);
    expectAllIn(desk, venue);
    const state = await readBundlesState(desk.desk.context.db);
    expect(state).toMatchObject({ doorComplete: true, counts: { customers: venue.customers.length, passes: venue.passes.length } });
    expect(desk.desk.context.memory.search.search('a', 5).length).toBeGreaterThan(0);
  });

  it('a customer that fails its check in a bundle (its digest right) is set aside with its reason, and every other record is taken', async () => {
    const watched = watchedFetch(async (path, answer) => {
      if (path !== CUSTOMER_BUNDLES || !answer.ok) return answer;
      const page = await answer.json() as BundlesPage;
      const bundle = page.bundles[0]!;
      const records = JSON.parse(bundle.records) as Record<string, unknown>[];
      // In the middle, so that the bundle still begins and ends with the keys it says.
      records[1] = { ...records[1]!, email: 42 };
      const text = JSON.stringify(records);
      page.bundles[0] = { ...bundle, records: text, digest: digestOf(text) };
      return json(page);
    });
    const { desk, venue } = await firstSync(watched.fetch);
    expect(desk.logs.join('\n')).toMatch(/email/);
    expect(watched.asked.filter((path) => doorPages.includes(path))).toEqual([]);
    expectAllIn(desk, venue, 1);
    expect((await readBundlesState(desk.desk.context.db))?.counts.customers).toBe(venue.customers.length - 1);
  });

  it('a door bundle that does not match its digest is refused whole, and the door is read as pages instead', async () => {
    const watched = watchedFetch(async (path, answer) => {
      if (path !== CUSTOMER_BUNDLES || !answer.ok) return answer;
      const page = await answer.json() as BundlesPage;
      page.bundles[0] = { ...page.bundles[0]!, digest: '0'.repeat(64) };
      return json(page);
    });
    const { desk, venue } = await firstSync(watched.fetch);
    expect(desk.logs.join('\n')).toMatch(/does not match its digest.*as pages/);
    expect(watched.asked).toContain('/sync/snapshot/customers');
    expectAllIn(desk, venue);
  });

  it('an endpoint without the bundles route (an older one): the door and the history are read as pages', async () => {
    const watched = watchedFetch(async (path, answer) => (path.endsWith('/bundles') ? json({ error: 'not-found', message: `there is no GET ${path} here` }, 404) : answer));
    const { desk, venue } = await firstSync(watched.fetch);
    expect(desk.logs.join('\n')).toMatch(/serves no ready bundles of products/);
    for (const page of doorPages) expect(watched.asked).toContain(page);
    expectAllIn(desk, venue);
  });

  it("a venue's snapshot is handed out again after the venue moved on, and the next desk still ends with every change", async () => {
    const venue = demoVenueFor(nowMs, 40);
    const { endpoint, settings } = await endpointWith(venue, ['A', 'B']);
    const first = await pairedDesk('A', settings[0]!);
    const firstSeqs = (await readBundlesState(first.desk.context.db))?.snapshot?.seqs;
    // The venue moves on: a customer renamed and a check-in, after A's snapshot.
    const renamed = { ...venue.customers[0]!, name: 'Renamed After The Snapshot' };
    const later = { ...venue.ledger[0]!, id: 'later-check-in' };
    const imported = await endpoint.server.admin.importVenueData(venue.venue.id, { venue: venue.venue, products: [], sessions: [], bookings: [], passes: [], customers: [renamed], ledger: [later] });
    expect(imported).toBeTruthy();

    const second = await pairedDesk('B', settings[1]!);
    expect((await readBundlesState(second.desk.context.db))?.snapshot?.seqs).toEqual(firstSeqs);
    await eventually('the later changes pulled', () => second.desk.context.memory.ledgerSize === venue.ledger.length + 1
      && second.desk.context.memory.customers.get(renamed.id)?.name === renamed.name, 30_000);
  });
});
