// Issue 14, item 7b: a first sync's history (a million entries at a large venue) was parsed,
// checked record by record and cut into bundles on main's event loop, where check-ins wait
// behind it and its garbage (docs/performance.md). Now main only forwards each page's text to
// a worker thread (main/sync/snapshotThread.ts) and writes the bundles that come back; since the
// door's parts come as ready bundles too, the worker checks theirs as well. Checked here against
// the real endpoint: main's realm checks no record of any part, and what the worker sets aside is
// set aside with its reason, with nothing else changed.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SnapshotPart } from '../../shared/schema/sync';
import type * as PulledDocuments from '../../shared/sync/pulledDocuments';
import type { FetchFunction } from '../../main/sync/syncEndpoint';
import { readBundlesState } from '../../main/db/bundles';
import { demoVenueFor } from '../../main/venue/demoVenue';
import type { TestDesk } from './syncTestbed';
import { eventually, openTestDesk, startTestEndpoint, venueOnEndpoint } from './syncTestbed';

/** The parts whose records main's own realm checked (a worker has a module graph of its own). */
const checkedOnMain = vi.hoisted(() => [] as SnapshotPart[]);
vi.mock('../../shared/sync/pulledDocuments', async (original) => {
  const actual = await original<typeof PulledDocuments>();
  return {
    ...actual,
    screenSnapshotRecords: (part: SnapshotPart, records: readonly unknown[], venueId: string) => {
      checkedOnMain.push(part);
      return actual.screenSnapshotRecords(part, records, venueId);
    },
  };
});

const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const thing of opened.splice(0).reverse()) await thing.close().catch(() => undefined);
  checkedOnMain.splice(0);
});

const nowMs = Date.parse('2026-03-10T12:00:00Z');

/**
 * The history's first page with one entry of another venue added (a page, as the endpoint gives
 * it, is still the contract's); the history's ready bundles not served, as by an older endpoint
 * (historyBundles.test.ts has them), so that the history comes as pages.
 */
const withForeignEntry: FetchFunction = async (url, init) => {
  const { pathname, searchParams } = new URL(url);
  if (pathname.endsWith('/sync/snapshot/history/bundles')) return new Response('{"error":"not-found","message":"no such route"}', { status: 404, headers: { 'content-type': 'application/json' } });
  const answer = await fetch(url, init);
  if (!pathname.endsWith('/sync/snapshot/history') || searchParams.has('after') || !answer.ok) return answer;
  const page = await answer.json() as { records: Record<string, unknown>[]; next: string | null };
  page.records.push({ ...page.records[0]!, id: 'from-another-venue', venueId: 'another-venue' });
  return new Response(JSON.stringify(page), { status: 200, headers: { 'content-type': 'application/json' } });
};

async function firstSync(fetch?: FetchFunction): Promise<{ desk: TestDesk; entries: number }> {
  const venue = demoVenueFor(nowMs, 40);
  const endpoint = await startTestEndpoint(undefined, 0, nowMs);
  opened.push(endpoint);
  const [settings] = await venueOnEndpoint(endpoint, venue, ['A']);
  const desk = await openTestDesk({ deskId: 'A', venue: null, nowMs, tuning: { snapshotPageSize: 50 }, ...(fetch ? { fetch } : {}) });
  opened.push(desk);
  expect(await desk.desk.call('pairEndpoint', settings!)).toMatchObject({ ok: true });
  await eventually('the history in', () => desk.desk.status('connected').sync.initial === null, 60_000);
  return { desk, entries: venue.ledger.length };
}

describe("a first sync's history is checked off main's event loop", () => {
  it("main checks no record of any part: the worker checks every bundle, the door's and the history's, and all is in", async () => {
    const { desk, entries } = await firstSync();
    // Before the door's parts came as bundles (issue 14, 7b), main checked every door record.
    expect(checkedOnMain).toEqual([]);
    expect(await readBundlesState(desk.desk.context.db)).toMatchObject({ history: { complete: true, entries } });
    expect(desk.desk.context.memory.ledgerSize).toBe(entries);
  });

  it('an entry of another venue in a history page is set aside with its reason, and every other entry is taken', async () => {
    const { desk, entries } = await firstSync(withForeignEntry);
    expect(desk.logs.join('\n')).toMatch(/from-another-venue.*another-venue/);
    expect(await readBundlesState(desk.desk.context.db)).toMatchObject({ history: { complete: true, entries } });
    expect(desk.desk.context.memory.ledgerSize).toBe(entries);
  });
});
