// The snapshot's history served as the bundles a desk stores (server/sync/historyBundles.ts,
// GET /sync/snapshot/history/bundles): every entry at the snapshot's seq exactly once and in the
// history pages' order, one pass's entries in one bundle, each bundle with its records' digest;
// nothing pushed after the seq; made once per venue and seq, and again for a later seq.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { HistoryBundlesPage, SnapshotStart } from '../../shared/schema/syncContract';
import type { Database } from '../../server/db/database';
import { HistoryBundles, historyBundlesPageJson } from '../../server/sync/historyBundles';
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

async function readBundles(desk: SyncTestClient, seq: number): Promise<HistoryBundlesPage['bundles']> {
  const bundles: HistoryBundlesPage['bundles'] = [];
  let after: string | null = null;
  for (let pages = 0; pages < 100; pages += 1) {
    const { status, body }: { status: number; body: HistoryBundlesPage } = await desk.get<HistoryBundlesPage>(`/sync/snapshot/history/bundles?seq=${seq}${after === null ? '' : `&after=${after}`}`);
    expect(status).toBe(200);
    bundles.push(...body.bundles);
    if (body.next === null) return bundles;
    after = body.next;
  }
  throw new Error('no last page of bundles');
}

async function readHistoryPages(desk: SyncTestClient, seq: number): Promise<Record<string, unknown>[]> {
  const records: Record<string, unknown>[] = [];
  let after: string | null = null;
  for (let pages = 0; pages < 100; pages += 1) {
    const query: URLSearchParams = new URLSearchParams({ seq: String(seq), limit: '1000', ...(after === null ? {} : { after }) });
    const { body }: { body: { records: Record<string, unknown>[]; next: string | null } } = await desk.get<{ records: Record<string, unknown>[]; next: string | null }>(`/sync/snapshot/history?${query}`);
    records.push(...body.records);
    if (body.next === null) return records;
    after = body.next;
  }
  throw new Error('no last history page');
}

describe.each(backends)('the history as ready bundles on $name', (backend) => {
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

    it('refuses a seq ahead of the endpoint and a query that is not one, with their codes', async () => {
      const { desk } = await fixture.venueWithDesk('bundles-refused');
      expect(await desk.get('/sync/snapshot/history/bundles?seq=99999999')).toMatchObject({ status: 409, body: { error: 'snapshot-seq-ahead' } });
      expect(await desk.get('/sync/snapshot/history/bundles?seq=0&after=-1')).toMatchObject({ status: 400, body: { error: 'invalid-query' } });
      expect(await desk.get('/sync/snapshot/history/bundles')).toMatchObject({ status: 400, body: { error: 'invalid-query' } });
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

describe('the history bundles made once', () => {
  const rows = Array.from({ length: 30 }, (_, at) => ({ passId: `p${at % 3}`, id: `e${String(at).padStart(2, '0')}`, json: `{"id":"e${at}"}` }))
    .sort((a, b) => (a.passId === b.passId ? (a.id < b.id ? -1 : 1) : a.passId < b.passId ? -1 : 1));

  it('per venue and seq: desks asking meanwhile or later share one making; a later seq, or a venue pushed out, is made again', async () => {
    const { db, reads } = ledgerDatabase(rows);
    const bundles = new HistoryBundles(db, 2);
    const [first, second] = await Promise.all([bundles.at('v1', 10), bundles.at('v1', 10)]);
    expect(second).toBe(first);
    expect(await bundles.at('v1', 10)).toBe(first);
    expect(reads()).toBe(1);
    expect(await bundles.at('v1', 11)).not.toBe(first);
    expect(reads()).toBe(2);
    await bundles.at('v2', 5);
    await bundles.at('v3', 5);
    await bundles.at('v1', 11);
    expect(reads()).toBe(5);
  });

  it('does not keep a making that failed', async () => {
    let failing = true;
    const { db } = ledgerDatabase(rows);
    const flaky = { ...db, transaction: async <T>(work: never) => { if (failing) throw new Error('database away'); return db.transaction(work as never) as T; } } as unknown as Database;
    const bundles = new HistoryBundles(flaky);
    await expect(bundles.at('v1', 10)).rejects.toThrow('database away');
    failing = false;
    expect((await bundles.at('v1', 10)).reduce((sum, bundle) => sum + bundle.count, 0)).toBe(rows.length);
  });

  it('pages about 4 MB of bundles, at least one a page, `next` the position of the next', () => {
    const bundle = (at: number) => ({ firstKey: `p${at}`, lastKey: `p${at}`, count: 1, records: `[${'x'.repeat(1_500_000)}]`, digest: '0'.repeat(64) });
    const all = Array.from({ length: 5 }, (_, at) => bundle(at));
    const first = JSON.parse(historyBundlesPageJson(all, 0)) as HistoryBundlesPage;
    expect(first.bundles.map((one) => one.firstKey)).toEqual(['p0', 'p1', 'p2']);
    expect(first.next).toBe('3');
    const last = JSON.parse(historyBundlesPageJson(all, 3)) as HistoryBundlesPage;
    expect([last.bundles.length, last.next]).toEqual([2, null]);
    expect(JSON.parse(historyBundlesPageJson(all, 5))).toEqual({ bundles: [], next: null });
  });
});
