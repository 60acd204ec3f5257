// Issue 14, item 7b: the endpoint serves a first sync's history as the bundles the desk stores
// (GET /sync/snapshot/history/bundles), made once per venue and seq, and the desk's worker
// checks each bundle whole (schema, digest, count, its passes) before its entries. A bad entry
// in a bundle is still set aside with its reason and nothing else changes; a bundle that fails
// its whole check, or an endpoint without the route, and the desk reads the history as pages.
import { afterEach, describe, expect, it } from 'vitest';
import type { FetchFunction } from '../../main/sync/syncEndpoint';
import { readBundlesState } from '../../main/db/bundles';
import { demoVenueFor } from '../../main/venue/demoVenue';
import type { BundlesPage } from '../../shared/schema/syncContract';
import type { TestDesk } from './syncTestbed';
import { eventually, openTestDesk, startTestEndpoint, venueOnEndpoint } from './syncTestbed';
import { digestOf, json, watchedFetch } from './servedBundlesFetch';

const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const thing of opened.splice(0).reverse()) await thing.close().catch(() => undefined);
});

const nowMs = Date.parse('2026-03-10T12:00:00Z');
const BUNDLES_PATH = '/sync/snapshot/history/bundles';
const PAGES_PATH = '/sync/snapshot/history';


async function firstSync(fetch: FetchFunction): Promise<{ desk: TestDesk; entries: number }> {
  const venue = demoVenueFor(nowMs, 40);
  const endpoint = await startTestEndpoint(undefined, 0, nowMs);
  opened.push(endpoint);
  const [settings] = await venueOnEndpoint(endpoint, venue, ['A']);
  const desk = await openTestDesk({ deskId: 'A', venue: null, nowMs, tuning: { snapshotPageSize: 50 }, fetch });
  opened.push(desk);
  expect(await desk.desk.call('pairEndpoint', settings!)).toMatchObject({ ok: true });
  await eventually('the history in', () => desk.desk.status('connected').sync.initial === null, 60_000);
  return { desk, entries: venue.ledger.length };
}

async function expectHistoryAllIn(desk: TestDesk, entries: number): Promise<void> {
  expect(await readBundlesState(desk.desk.context.db)).toMatchObject({ history: { complete: true, entries } });
  expect(desk.desk.context.memory.ledgerSize).toBe(entries);
}

describe("a first sync's history as the endpoint's ready bundles", () => {
  it('comes as bundles: no history page is asked for, and every entry is in', async () => {
    const watched = watchedFetch();
    const { desk, entries } = await firstSync(watched.fetch);
    expect(watched.asked).toContain(BUNDLES_PATH);
    expect(watched.asked).not.toContain(PAGES_PATH);
    await expectHistoryAllIn(desk, entries);
  });

  it('an entry of another venue in a bundle (its digest right) is set aside with its reason, and every other entry is taken', async () => {
    const watched = watchedFetch(async (path, answer) => {
      if (path !== BUNDLES_PATH || !answer.ok) return answer;
      const page = await answer.json() as BundlesPage;
      const bundle = page.bundles[0]!;
      const records = JSON.parse(bundle.records) as Record<string, unknown>[];
      records.push({ ...records[records.length - 1]!, id: 'from-another-venue', venueId: 'another-venue' });
      const text = JSON.stringify(records);
      page.bundles[0] = { ...bundle, records: text, count: records.length, digest: digestOf(text) };
      return json(page);
    });
    const { desk, entries } = await firstSync(watched.fetch);
    expect(desk.logs.join('\n')).toMatch(/from-another-venue.*another-venue/);
    expect(watched.asked).not.toContain(PAGES_PATH);
    await expectHistoryAllIn(desk, entries);
  });

  it('a bundle that does not match its digest is refused whole, and the history is read as pages instead', async () => {
    const watched = watchedFetch(async (path, answer) => {
      if (path !== BUNDLES_PATH || !answer.ok) return answer;
      const page = await answer.json() as BundlesPage;
      page.bundles[0] = { ...page.bundles[0]!, digest: '0'.repeat(64) };
      return json(page);
    });
    const { desk, entries } = await firstSync(watched.fetch);
    expect(desk.logs.join('\n')).toMatch(/does not match its digest.*as pages/);
    expect(watched.asked).toContain(PAGES_PATH);
    await expectHistoryAllIn(desk, entries);
  });

  it('an endpoint without the bundles route (an older one): the history is read as pages', async () => {
    const watched = watchedFetch(async (path, answer) => (path === BUNDLES_PATH ? json({ error: 'not-found', message: `there is no GET ${path} here` }, 404) : answer));
    const { desk, entries } = await firstSync(watched.fetch);
    expect(desk.logs.join('\n')).toMatch(/serves no ready history bundles/);
    expect(watched.asked).toContain(PAGES_PATH);
    await expectHistoryAllIn(desk, entries);
  });
});
