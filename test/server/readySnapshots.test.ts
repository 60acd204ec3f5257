// A snapshot's parts served as the bundles a desk stores (server/sync/readySnapshots.ts,
// GET /sync/snapshot/:part/bundles): the history's every entry at the snapshot's seq exactly once
// and in the history pages' order, one pass's entries in one bundle; each door part's records
// exactly its pages'; each bundle with its records' digest; nothing pushed after the seq. Made
// once per venue and seq; a venue's snapshot handed out again while it is near enough.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { BundlesPage, SnapshotStart } from '../../shared/schema/syncContract';
import type { Database } from '../../server/db/database';
import { ReadySnapshots, bundlesPageJson } from '../../server/sync/readySnapshots';
import type { SnapshotPart } from '../../shared/schema/sync';
import { doorParts } from '../../shared/schema/sync';
import { demoVenueFor } from '../../main/venue/demoVenue';
import { BUNDLE_BYTES } from '../../shared/sync/bundleCutter';
import { aCheckIn } from '../unit/rules/build';
import { backends } from './testBackends';
import { useSyncServer } from './serverFixture';
import type { SyncTestClient } from './syncTestClient';

const NOW = Date.parse('2026-03-10T12:00:00Z');
const digestOf = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Check-ins of many passes, long enough together for several bundles. */
function checkIns(venueId: string, tag: string, count: number) {
  return Array.from({ length: count }, (_, at) => aCheckIn({
    venueId, id: `${tag}-e${String(at).padStart(5, '0')}`, passId: `${tag}-x${String(at % 97).padStart(3, '0')}`, customerId: `${tag}-c${at % 97}`,
    at: `2026-03-0${1 + (at % 8)}T09:00:00Z`,
  }));
}

async function readBundles(desk: SyncTestClient, seq: number, part: SnapshotPart = 'history', since?: string): Promise<BundlesPage['bundles']> {
  const bundles: BundlesPage['bundles'] = [];
  let after: string | null = null;
  for (let pages = 0; pages < 100; pages += 1) {
    const { status, body }: { status: number; body: BundlesPage } = await desk.get<BundlesPage>(`/sync/snapshot/${part}/bundles?seq=${seq}${after === null ? '' : `&after=${after}`}${since === undefined ? '' : `&since=${since}`}`);
    expect(status).toBe(200);
    bundles.push(...body.bundles);
    if (body.next === null) return bundles;
    after = body.next;
  }
  throw new Error('no last page of bundles');
}

async function readHistoryPages(desk: SyncTestClient, seq: number, part: SnapshotPart = 'history', since?: string): Promise<Record<string, unknown>[]> {
  const records: Record<string, unknown>[] = [];
  let after: string | null = null;
  for (let pages = 0; pages < 100; pages += 1) {
    const query: URLSearchParams = new URLSearchParams({ seq: String(seq), limit: '1000', ...(after === null ? {} : { after }), ...(since === undefined ? {} : { since }) });
    const { body }: { body: { records: Record<string, unknown>[]; next: string | null } } = await desk.get<{ records: Record<string, unknown>[]; next: string | null }>(`/sync/snapshot/${part}?${query}`);
    records.push(...body.records);
    if (body.next === null) return records;
    after = body.next;
  }
  throw new Error('no last history page');
}

describe.each(backends)('a snapshot as ready bundles on $name', (backend) => {
  describe.skipIf(backend.skip !== null)('', () => {
    const fixture = useSyncServer(backend, { summaryRefreshMs: 0, now: () => NOW });

    it('holds every entry at the snapshot\'s seq once, in the pages\' order, one pass in one bundle, each with its digest; nothing pushed later', async () => {
      const { venueId, desk } = await fixture.venueWithDesk('bundled');
      const ledger = checkIns(venueId, 'bundled', 1_800);
      for (let from = 0; from < ledger.length; from += 900) expect((await desk.push(ledger.slice(from, from + 900))).status).toBe(200);
      const start = (await desk.get<SnapshotStart>('/sync/snapshot')).body;
      expect((await desk.push(checkIns(venueId, 'later', 3))).status).toBe(200);

      const bundles = await readBundles(desk, start.seqs.ledger);
      expect(bundles.length).toBeGreaterThan(1);
      const entries: Record<string, unknown>[] = [];
      for (const bundle of bundles) {
        expect(bundle.digest).toBe(digestOf(bundle.records));
        const records = JSON.parse(bundle.records) as Record<string, unknown>[];
        expect(records).toHaveLength(bundle.count);
        expect([records[0]!.passId, records[records.length - 1]!.passId]).toEqual([bundle.firstKey, bundle.lastKey]);
        entries.push(...records);
      }
      for (const bundle of bundles.slice(0, -1)) expect(bundle.records.length).toBeGreaterThanOrEqual(BUNDLE_BYTES);
      const passOrder = entries.map((entry) => String(entry.passId)).filter((passId, at, all) => at === 0 || all[at - 1] !== passId);
      expect(new Set(passOrder).size).toBe(passOrder.length);
      expect(entries).toEqual(await readHistoryPages(desk, start.seqs.ledger));
      expect(entries.map((entry) => entry.id).sort()).toEqual(ledger.map((entry) => entry.id).sort());
    });

    it("serves each door part's records exactly as its pages, each bundle with its digest and its first and last key", async () => {
      const venue = demoVenueFor(NOW, 300);
      await fixture.server.admin.createVenue(venue.venue);
      expect(await fixture.server.admin.importVenueData(venue.venue.id, venue)).toBeTruthy();
      const { desk } = await fixture.desk(venue.venue.id);
      const start = (await desk.get<SnapshotStart>('/sync/snapshot')).body;
      for (const part of doorParts) {
        const seq = part === 'summaries' || part === 'recent' ? start.seqs.ledger : start.seqs[part];
        const since = part === 'recent' ? start.recentSince : undefined;
        const bundles = await readBundles(desk, seq, part, since);
        const records: Record<string, unknown>[] = [];
        const keyOf = (record: Record<string, unknown>) => (part === 'summaries' ? record.passId : record.id);
        for (const bundle of bundles) {
          expect(bundle.digest).toBe(digestOf(bundle.records));
          const inBundle = JSON.parse(bundle.records) as Record<string, unknown>[];
          expect([inBundle.length, keyOf(inBundle[0]!), keyOf(inBundle[inBundle.length - 1]!)]).toEqual([bundle.count, bundle.firstKey, bundle.lastKey]);
          records.push(...inBundle);
        }
        expect(records, part).toEqual(await readHistoryPages(desk, seq, part, since));
        expect(records.length, part).toBeGreaterThan(0);
      }
    });

    it('refuses a seq ahead of the endpoint, an unknown part and a query that is not one, with their codes', async () => {
      const { desk } = await fixture.venueWithDesk('bundles-refused');
      expect(await desk.get('/sync/snapshot/history/bundles?seq=99999999')).toMatchObject({ status: 409, body: { error: 'snapshot-seq-ahead' } });
      expect(await desk.get('/sync/snapshot/history/bundles?seq=0&after=-1')).toMatchObject({ status: 400, body: { error: 'invalid-query' } });
      expect(await desk.get('/sync/snapshot/history/bundles')).toMatchObject({ status: 400, body: { error: 'invalid-query' } });
      expect(await desk.get('/sync/snapshot/recent/bundles?seq=0')).toMatchObject({ status: 400, body: { error: 'invalid-query' } });
      expect(await desk.get('/sync/snapshot/customers/bundles?seq=0&since=2026-03-10')).toMatchObject({ status: 400, body: { error: 'invalid-query' } });
      expect(await desk.get('/sync/snapshot/tickets/bundles?seq=0')).toMatchObject({ status: 404, body: { error: 'unknown-part' } });
    });
  });
});

describe.each(backends)('a venue\'s snapshot handed out again on $name', (backend) => {
  describe.skipIf(backend.skip !== null)('', () => {
    const fixture = useSyncServer(backend, { summaryRefreshMs: 0, now: () => NOW, snapshotReuseChangesAtMost: 50 });

    it('while at most so many changes behind the venue, at the same seqs; further behind, a new snapshot at the new seqs', async () => {
      const { venueId, desk } = await fixture.venueWithDesk('reused');
      expect((await desk.push(checkIns(venueId, 'reused', 20))).status).toBe(200);
      const first = (await desk.get<SnapshotStart>('/sync/snapshot')).body;
      const bundles = await readBundles(desk, first.seqs.ledger);
      expect((await desk.push(checkIns(venueId, 'near', 30))).status).toBe(200);
      const again = (await desk.get<SnapshotStart>('/sync/snapshot')).body;
      expect(again.seqs).toEqual(first.seqs);
      expect(await readBundles(desk, again.seqs.ledger)).toEqual(bundles);
      expect((await desk.push(checkIns(venueId, 'far', 30))).status).toBe(200);
      const anew = (await desk.get<SnapshotStart>('/sync/snapshot')).body;
      expect(anew.seqs.ledger).toBeGreaterThan(first.seqs.ledger);
      expect((await readBundles(desk, anew.seqs.ledger)).reduce((sum, bundle) => sum + bundle.count, 0)).toBe(80);
    });
  });
});

/** A database whose ledger is `rows` (as historyAfter reads it), counting the reads. */
function ledgerDatabase(rows: { passId: string; id: string; json: string }[]): { db: Database; reads: () => number } {
  let reads = 0;
  const tx = {
    query: async (sql: string, params: readonly unknown[] = []) => {
      if (!sql.includes('FROM documents')) return [];
      reads += 1;
      const [, afterPassId, afterId, , limit] = params as [string, string, string, number, number];
      return rows.filter((row) => row.passId > afterPassId || (row.passId === afterPassId && row.id > afterId)).slice(0, limit);
    },
  };
  const db = { ...tx, transaction: async <T>(work: (q: typeof tx) => Promise<T>) => work(tx) } as unknown as Database;
  return { db, reads: () => reads };
}

describe('the bundles made once', () => {
  const rows = Array.from({ length: 30 }, (_, at) => ({ passId: `p${at % 3}`, id: `e${String(at).padStart(2, '0')}`, json: `{"id":"e${at}"}` }))
    .sort((a, b) => (a.passId === b.passId ? (a.id < b.id ? -1 : 1) : a.passId < b.passId ? -1 : 1));

  const history = (seq: number) => ({ part: 'history' as const, seq });

  it('per venue, part and seq: desks asking meanwhile or later share one making; a later seq, or a venue pushed out, is made again', async () => {
    const { db, reads } = ledgerDatabase(rows);
    const bundles = new ReadySnapshots(db, 2);
    const [first, second] = await Promise.all([bundles.bundles('v1', history(10)), bundles.bundles('v1', history(10))]);
    expect(second).toBe(first);
    expect(await bundles.bundles('v1', history(10))).toBe(first);
    expect(reads()).toBe(1);
    expect(await bundles.bundles('v1', history(11))).not.toBe(first);
    expect(reads()).toBe(2);
    await bundles.bundles('v2', history(5));
    await bundles.bundles('v3', history(5));
    await bundles.bundles('v1', history(11));
    expect(reads()).toBe(5);
  });

  it('does not keep a making that failed', async () => {
    let failing = true;
    const { db } = ledgerDatabase(rows);
    const flaky = { ...db, transaction: async <T>(work: never) => { if (failing) throw new Error('database away'); return db.transaction(work as never) as T; } } as unknown as Database;
    const bundles = new ReadySnapshots(flaky);
    await expect(bundles.bundles('v1', history(10))).rejects.toThrow('database away');
    failing = false;
    expect((await bundles.bundles('v1', history(10))).reduce((sum, bundle) => sum + bundle.count, 0)).toBe(rows.length);
  });

  it('pages about 4 MB of bundles, at least one a page, `next` the position of the next', () => {
    const bundle = (at: number) => ({ firstKey: `p${at}`, lastKey: `p${at}`, count: 1, records: `[${'x'.repeat(1_500_000)}]`, digest: '0'.repeat(64) });
    const all = Array.from({ length: 5 }, (_, at) => bundle(at));
    const first = JSON.parse(bundlesPageJson(all, 0)) as BundlesPage;
    expect(first.bundles.map((one) => one.firstKey)).toEqual(['p0', 'p1', 'p2']);
    expect(first.next).toBe('3');
    const last = JSON.parse(bundlesPageJson(all, 3)) as BundlesPage;
    expect([last.bundles.length, last.next]).toEqual([2, null]);
    expect(JSON.parse(bundlesPageJson(all, 5))).toEqual({ bundles: [], next: null });
  });
});
