// A new desk's snapshot (shared/schema/sync.ts): opened at seqs, read part by part in pages,
// every record exactly once and nothing changed after the seqs (the pull from them brings it);
// the venue's own records only; the recent check-ins of yesterday and today with their undos;
// every bad request refused with its code.
import { describe, expect, it } from 'vitest';
import type { LedgerEntry, PassSummaryRecord, VenueData } from '../../shared/schema/records';
import type { SnapshotPart } from '../../shared/schema/sync';
import type { SnapshotStart } from '../../shared/schema/syncContract';
import { snapshotParts } from '../../shared/schema/sync';
import { summarizeByPass } from '../../shared/rules/passSummary';
import { aCheckIn, anUndo, aRevoke, aUsesOverride } from '../unit/rules/build';
import { backends } from './testBackends';
import { useSyncServer } from './serverFixture';
import type { SyncTestClient } from './syncTestClient';

/** The endpoint's clock: midday on 10 March in London, so "yesterday" is 9 March. */
const NOW = Date.parse('2026-03-10T12:00:00Z');
const TODAY = '2026-03-10';
const YESTERDAY = '2026-03-09';

type Page = { records: Record<string, unknown>[]; next: string | null };
type Refused = { error: string; message: string; problems?: { path: string; field?: string; message: string }[] };

/** A small venue whose every id carries `tag`, so that one venue's records are told from another's. */
function venueData(venueId: string, tag: string): VenueData {
  const terms = { uses: 10, expiry: { kind: 'none' as const }, validFor: 'all' as const };
  const customers = Array.from({ length: 7 }, (_, at) => ({ id: `${tag}-c${at}`, name: `Customer ${at} of ${tag}` }));
  return {
    venue: { id: venueId, timeZone: 'Europe/London' },
    products: [
      { id: `${tag}-p10`, name: '10 classes', ...terms },
      { id: `${tag}-p5`, name: '5 classes', ...terms, uses: 5 },
    ],
    customers,
    passes: Array.from({ length: 9 }, (_, at) => ({
      id: `${tag}-x${at}`, customerId: customers[at % 7]!.id, productId: `${tag}-p10`, productName: '10 classes', purchasedAt: '2026-01-05T10:00:00Z', code: `${tag}-PASS-${at}`, terms,
    })),
    sessions: Array.from({ length: 4 }, (_, at) => ({ id: `${tag}-s${at}`, name: `Class ${at}`, category: 'yoga', startsAt: `2026-03-${String(8 + at).padStart(2, '0')}T08:00:00Z`, endsAt: `2026-03-${String(8 + at).padStart(2, '0')}T09:00:00Z` })),
    bookings: [{ id: `${tag}-b0`, sessionId: `${tag}-s2`, customerId: `${tag}-c0`, passId: `${tag}-x0`, bookedAt: '2026-03-01T09:00:00Z' }],
    ledger: [],
  };
}

/** Entries desks pushed over the last days: check-ins of several passes and none, undos, overrides. */
function pushedLedger(venueId: string, tag: string): LedgerEntry[] {
  const onDay = (day: string, hour: number) => `${day}T${String(hour).padStart(2, '0')}:00:00Z`;
  const checkIns = [
    aCheckIn({ venueId, passId: `${tag}-x0`, customerId: `${tag}-c0`, at: onDay('2026-03-07', 9) }),
    aCheckIn({ venueId, passId: `${tag}-x0`, customerId: `${tag}-c0`, at: onDay('2026-03-08', 9) }),
    aCheckIn({ venueId, passId: `${tag}-x1`, customerId: `${tag}-c1`, at: onDay(YESTERDAY, 9) }),
    aCheckIn({ venueId, passId: `${tag}-x2`, customerId: `${tag}-c2`, at: onDay(YESTERDAY, 18) }),
    aCheckIn({ venueId, passId: `${tag}-x1`, customerId: `${tag}-c1`, at: onDay(TODAY, 8) }),
    aCheckIn({ venueId, passId: '', customerId: `${tag}-c0`, charged: false, bookingId: `${tag}-b0`, at: onDay(TODAY, 8) }),
    aCheckIn({ venueId, passId: `${tag}-x3`, customerId: `${tag}-c3`, at: onDay(TODAY, 9) }),
  ];
  return [
    ...checkIns,
    anUndo(checkIns[1]!, { venueId, passId: `${tag}-x0`, at: onDay(TODAY, 7) }),
    anUndo(checkIns[3]!, { venueId, passId: `${tag}-x2`, at: onDay(TODAY, 7) }),
    aUsesOverride(12, { venueId, passId: `${tag}-x4`, at: onDay(TODAY, 10) }),
    aRevoke({ venueId, passId: `${tag}-x5`, at: onDay(YESTERDAY, 10) }),
  ];
}

const withoutDeleted = (documents: Record<string, unknown>[]) => documents.map(({ _deleted: _, ...record }) => record);
const byId = (a: Record<string, unknown>, b: Record<string, unknown>) => String(a.id).localeCompare(String(b.id));
const normalised = (record: PassSummaryRecord): PassSummaryRecord => ({ ...record, charged: [...record.charged].sort((a, b) => a[0].localeCompare(b[0])), undone: [...record.undone].sort() });

function seqOf(start: SnapshotStart, part: SnapshotPart): number {
  return part === 'summaries' || part === 'recent' || part === 'history' ? start.seqs.ledger : start.seqs[part];
}

/** Every page of a part at the snapshot's seqs; each page but the last is full. */
async function readPart(desk: SyncTestClient, start: SnapshotStart, part: SnapshotPart, limit: number): Promise<Record<string, unknown>[]> {
  const records: Record<string, unknown>[] = [];
  let after: string | null = null;
  for (let pages = 0; pages < 1_000; pages += 1) {
    const query = new URLSearchParams({ seq: String(seqOf(start, part)), limit: String(limit) });
    if (part === 'recent') query.set('since', start.recentSince);
    if (after !== null) query.set('after', after);
    const { status, body } = await desk.get<Page>(`/sync/snapshot/${part}?${query}`);
    if (status !== 200) throw new Error(`${part}: ${status} ${JSON.stringify(body)}`);
    records.push(...body.records);
    if (body.next === null) return records;
    expect(body.records).toHaveLength(limit);
    after = body.next;
  }
  throw new Error(`${part}: no last page`);
}

describe.each(backends)('snapshots on $name', (backend) => {
  describe.skipIf(backend.skip !== null)('', () => {
    const fixture = useSyncServer(backend, { summaryRefreshMs: 0, now: () => NOW });

    async function venueWithHistory(label: string) {
      const { venueId, desk, deviceId } = await fixture.venueWithDesk(label);
      await fixture.server.admin.importVenueData(venueId, venueData(venueId, label));
      const ledger = pushedLedger(venueId, label);
      expect((await desk.push(ledger)).status).toBe(200);
      return { venueId, desk, deviceId, ledger };
    }

    const open = async (desk: SyncTestClient) => {
      const { status, body } = await desk.get<SnapshotStart>('/sync/snapshot');
      expect(status).toBe(200);
      return body;
    };

    it('opens at the seqs of every collection, with the summaries brought up to what desks pushed', async () => {
      const { venueId, desk, ledger } = await venueWithHistory('start');
      const start = await open(desk);
      const latest = async (collection: string) => (await desk.pullAll(collection)).seq;
      expect(start).toEqual({
        venue: { id: venueId, timeZone: 'Europe/London' },
        seqs: {
          products: await latest('products'), customers: await latest('customers'), passes: await latest('passes'),
          sessions: await latest('sessions'), bookings: await latest('bookings'), ledger: await latest('ledger'),
        },
        recentSince: YESTERDAY,
        // Summaries: every pass an entry names (not the one with no pass); recent: 5 check-ins, 1 undo of them.
        counts: { products: 2, customers: 7, passes: 9, sessions: 4, bookings: 1, summaries: 6, recent: 6, history: ledger.length },
      });
    });

    describe.each([1, 3, 1_000])('read in pages of %i', (limit) => {
      it('gives every record of every part exactly once', async () => {
        const label = `pages-${limit}`;
        const { venueId, desk, ledger } = await venueWithHistory(label);
        const start = await open(desk);
        const data = venueData(venueId, label);
        const read = Object.fromEntries(await Promise.all(snapshotParts.map(async (part) => [part, await readPart(desk, start, part, limit)] as const)));

        for (const collection of ['products', 'customers', 'sessions', 'bookings'] as const) {
          expect([...read[collection]!].sort(byId)).toEqual([...data[collection]].sort(byId));
        }
        expect([...read.passes!].sort(byId)).toEqual(withoutDeleted((await desk.pullAll('passes')).documents).sort(byId));
        expect([...read.history!].sort(byId)).toEqual([...ledger].sort(byId));
        expect(read.summaries!.map((record) => normalised(record as PassSummaryRecord)).sort((a, b) => a.passId.localeCompare(b.passId)))
          .toEqual([...summarizeByPass(ledger)].map(([passId, summary]) => normalised(summary.toRecord(passId))).sort((a, b) => a.passId.localeCompare(b.passId)));
        const recentIds = read.recent!.map((record) => String(record.id));
        expect(new Set(recentIds).size).toBe(recentIds.length);

        // History: a pass's entries together, those with no pass first.
        const passOrder = read.history!.map((entry) => String(entry.passId)).filter((passId, at, all) => at === 0 || all[at - 1] !== passId);
        expect(new Set(passOrder).size).toBe(passOrder.length);
        expect(passOrder[0]).toBe('');
      });
    });

    it('leaves out what changed after its seqs, and the pull from them brings it', async () => {
      const label = 'later';
      const { venueId, desk, ledger } = await venueWithHistory(label);
      const start = await open(desk);
      const data = venueData(venueId, label);
      const renamed = { ...data.customers[0]!, name: 'Ada Lovelace-Byron' };
      await fixture.server.admin.importVenueData(venueId, { ...data, customers: [renamed], products: [], passes: [], sessions: [], bookings: [] });
      const later = [aCheckIn({ venueId, passId: `${label}-x1`, at: `${TODAY}T11:00:00Z` }), anUndo(ledger[2] as Extract<LedgerEntry, { kind: 'check-in' }>, { venueId, passId: `${label}-x1`, at: `${TODAY}T11:00:00Z` })];
      await desk.push(later);

      const customers = await readPart(desk, start, 'customers', 2);
      expect(customers.map((customer) => customer.id)).not.toContain(renamed.id);
      expect(customers).toHaveLength(data.customers.length - 1);
      const laterIds = later.map((entry) => entry.id);
      for (const part of ['history', 'recent'] as const) {
        const ids = (await readPart(desk, start, part, 4)).map((entry) => entry.id);
        for (const id of laterIds) expect(ids).not.toContain(id);
      }
      expect(withoutDeleted((await desk.pullAll('customers', 100, start.seqs.customers)).documents)).toEqual([renamed]);
      expect(withoutDeleted((await desk.pullAll('ledger', 100, start.seqs.ledger)).documents)).toEqual(later);
    });

    it('holds the check-ins of yesterday and today and the undos of them, and nothing older', async () => {
      const label = 'recent';
      const { desk, ledger } = await venueWithHistory(label);
      const start = await open(desk);
      const recent = await readPart(desk, start, 'recent', 2);
      const isRecentCheckIn = (entry: LedgerEntry) => entry.kind === 'check-in' && entry.venueDay >= YESTERDAY;
      const recentCheckIns = new Set(ledger.filter(isRecentCheckIn).map((entry) => entry.id));
      const expected = ledger.filter((entry) => recentCheckIns.has(entry.id) || (entry.kind === 'undo-check-in' && recentCheckIns.has(entry.checkInId)));
      expect([...recent].sort(byId)).toEqual([...expected].sort(byId));
      // Yesterday's and today's check-ins, one undo of yesterday's; not the check-ins of 7 and 8 March, nor the undo of 8 March's.
      expect(expected.map((entry) => entry.kind)).toEqual(['check-in', 'check-in', 'check-in', 'check-in', 'check-in', 'undo-check-in']);
    });

    it("shows a desk nothing of another venue's", async () => {
      const mine = await venueWithHistory('mine');
      const theirs = await venueWithHistory('theirs');
      const start = await open(theirs.desk);
      expect(start.venue.id).toBe(theirs.venueId);
      const everything = JSON.stringify(await Promise.all(snapshotParts.map((part) => readPart(theirs.desk, start, part, 5))));
      expect(everything).toContain('theirs-');
      expect(everything).not.toContain('mine-');
      expect(everything).not.toContain(mine.venueId);
    });

    it.each([
      ['a revoked token', 'revoked', 401, 'token-revoked'],
      ['no token', 'none', 401, 'missing-token'],
    ] as const)('refuses %s', async (_label, who, status, error) => {
      const { venueId, desk } = await venueWithHistory(`refused-${who}`);
      const client = who === 'revoked' ? (await fixture.desk(venueId, 'desk to revoke')).desk : fixture.anonymous();
      if (who === 'revoked') await fixture.server.admin.revokeDevice(client.token!);
      for (const path of ['/sync/snapshot', '/sync/snapshot/customers?seq=0', '/sync/snapshot/history?seq=0']) {
        const answer = await client.get<Refused>(path);
        expect([answer.status, answer.body.error]).toEqual([status, error]);
      }
      // The venue's other desk still reads it.
      expect((await desk.get('/sync/snapshot')).status).toBe(200);
    });

    it.each([
      ['an unknown part', 'ledger?seq=0', 404, 'unknown-part', undefined],
      ['no seq', 'customers', 400, 'invalid-query', 'seq'],
      ['a negative seq', 'customers?seq=-1', 400, 'invalid-query', 'seq'],
      ['a seq that is not a number', 'customers?seq=latest', 400, 'invalid-query', 'seq'],
      ['a limit of 0', 'customers?seq=0&limit=0', 400, 'invalid-query', 'limit'],
      ['a limit over 10,000', 'customers?seq=0&limit=10001', 400, 'invalid-query', 'limit'],
      ['an unknown parameter', 'customers?seq=0&id=c1', 400, 'invalid-query', 'id'],
      ['a parameter given twice', 'customers?seq=0&seq=1', 400, 'invalid-query', 'seq'],
      ['since on a part other than recent', `customers?seq=0&since=${YESTERDAY}`, 400, 'invalid-query', 'since'],
      ['recent without since', 'recent?seq=0', 400, 'invalid-query', 'since'],
      ['a since that is no day', 'recent?seq=0&since=2026-02-30', 400, 'invalid-query', 'since'],
      ['a since more than a week back', 'recent?seq=0&since=2026-03-02', 400, 'invalid-query', 'since'],
      ['a history after that is no cursor', 'history?seq=0&after=x1', 400, 'invalid-query', 'after'],
      ['a history cursor too short for its pass id', 'history?seq=0&after=3.ab', 400, 'invalid-query', 'after'],
      ['a history cursor with no entry id', 'history?seq=0&after=2.x1', 400, 'invalid-query', 'after'],
      ['an after with a NUL', 'customers?seq=0&after=c%00', 400, 'invalid-query', 'after'],
      ['an after over 1,000 characters', `customers?seq=0&after=${'c'.repeat(1_001)}`, 400, 'invalid-query', 'after'],
      ['summaries at a seq they do not include', 'summaries?seq=999999', 409, 'snapshot-seq-ahead', undefined],
      ['records at a seq the venue has not reached', 'customers?seq=999999', 409, 'snapshot-seq-ahead', undefined],
      ['history at a seq the venue has not reached', 'history?seq=999999', 409, 'snapshot-seq-ahead', undefined],
    ])('refuses %s', async (_label, path, status, error, names) => {
      const { desk } = await venueWithHistory('bad-query');
      await open(desk);
      const answer = await desk.get<Refused>(`/sync/snapshot/${path}`);
      expect([answer.status, answer.body.error]).toEqual([status, error]);
      expect(answer.body.message.length).toBeGreaterThan(20);
      // The parameter at fault is named: as a problem's field, or in zod's words for a key too many.
      if (names !== undefined) expect(answer.body.problems?.some((problem) => problem.field === names || problem.message.includes(`"${names}"`))).toBe(true);
    });

    it('accepts since up to a week back, and a seq below the snapshot', async () => {
      const { desk } = await venueWithHistory('accepted');
      const start = await open(desk);
      expect((await desk.get<Page>(`/sync/snapshot/recent?seq=${start.seqs.ledger}&since=2026-03-03`)).status).toBe(200);
      const earlier = await desk.get<Page>(`/sync/snapshot/customers?seq=${start.seqs.customers - 1}`);
      expect([earlier.status, earlier.body.records.length]).toEqual([200, 6]);
    });
  });
});
