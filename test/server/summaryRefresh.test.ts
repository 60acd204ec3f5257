// The endpoint's pass summaries (server/sync/summaryRefresh.ts) must be exactly what the shared
// fold gives for the entries it stores, however the entries arrived (in batches, again, an undo
// before its check-in), however often and in how many pages the summaries were refreshed, and
// when refreshes of one venue race each other through several connections.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import { openDatabase } from '../../server/db/openDatabase';
import { readSummaryProgress } from '../../server/db/passSummaries';
import { refreshPassSummaries } from '../../server/sync/summaryRefresh';
import { summarizeByPass } from '../../shared/rules/passSummary';
import type { LedgerEntry, PassSummaryRecord } from '../../shared/schema/records';
import { startSyncServer } from '../../server/startSyncServer';
import { aCheckIn, anExpiryOverride, anUndo, aRevoke, aUsesOverride } from '../unit/rules/build';
import { backends, postgresBackend } from './testBackends';
import { useSyncServer } from './serverFixture';
import { ADMIN_TOKEN, SyncTestClient } from './syncTestClient';

/** Property runs: a fixed seed, printed with the case on a failure (FC_SEED, FC_RUNS to explore). */
const runs = { seed: Number(process.env.FC_SEED ?? 20261202), numRuns: Number(process.env.FC_RUNS ?? 12), verbose: true } as const;

const PASSES = ['x1', 'x2', 'x3'];

type Step =
  | { kind: 'check-in'; pass: number; charged: boolean; day: number }
  | { kind: 'undo'; target: number }
  | { kind: 'expiry'; pass: number; days: number; day: number }
  | { kind: 'uses'; pass: number; total: number; day: number }
  | { kind: 'revoke'; pass: number; day: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('check-in' as const), pass: fc.nat({ max: PASSES.length }), charged: fc.boolean(), day: fc.nat({ max: 9 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('undo' as const), target: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('expiry' as const), pass: fc.nat({ max: PASSES.length - 1 }), days: fc.integer({ min: 1, max: 60 }), day: fc.nat({ max: 9 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('uses' as const), pass: fc.nat({ max: PASSES.length - 1 }), total: fc.nat({ max: 12 }), day: fc.nat({ max: 9 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('revoke' as const), pass: fc.nat({ max: PASSES.length - 1 }), day: fc.nat({ max: 9 }) }) },
);

const atDay = (day: number, step: number) => new Date(Date.parse('2026-02-01T09:00:00Z') + day * 86_400_000 + step * 60_000).toISOString();

/**
 * A venue's ledger as desks write it: check-ins of a few passes (and attendance-only ones with
 * no pass), undos of any check-in (its own pass), overrides with the same wall time on several
 * desks, revocations. Undos may come before their check-in in delivery.
 */
function ledgerOf(venueId: string, steps: readonly Step[]): LedgerEntry[] {
  const entries: LedgerEntry[] = [];
  const checkIns: Extract<LedgerEntry, { kind: 'check-in' }>[] = [];
  steps.forEach((step, at) => {
    const deskId = `desk-${at % 3}`;
    switch (step.kind) {
      case 'check-in': {
        const passId = step.pass === PASSES.length ? '' : PASSES[step.pass]!;
        const checkIn = aCheckIn({ venueId, passId, charged: passId !== '' && step.charged, at: atDay(step.day, at), deskId });
        checkIns.push(checkIn);
        entries.push(checkIn);
        break;
      }
      case 'undo': {
        const target = checkIns[step.target % Math.max(checkIns.length, 1)];
        if (target) entries.push(anUndo(target, { venueId, passId: target.passId, deskId }));
        break;
      }
      case 'expiry':
        entries.push(anExpiryOverride({ kind: 'relative', days: step.days }, { venueId, passId: PASSES[step.pass]!, at: atDay(step.day, 0), deskId }));
        break;
      case 'uses':
        entries.push(aUsesOverride(step.total, { venueId, passId: PASSES[step.pass]!, at: atDay(step.day, 0), deskId }));
        break;
      case 'revoke':
        entries.push(aRevoke({ venueId, passId: PASSES[step.pass]!, at: atDay(step.day, at), deskId }));
        break;
    }
  });
  return entries;
}

/** Deliveries: the entries cut into batches, each shuffled, some entries sent again later. */
const scheduleArb = fc.record({
  steps: fc.array(stepArb, { minLength: 1, maxLength: 30 }),
  cuts: fc.array(fc.nat({ max: 40 }), { maxLength: 4 }),
  again: fc.array(fc.nat(), { maxLength: 5 }),
  pageSize: fc.integer({ min: 1, max: 7 }),
  order: fc.nat(),
});

function batches<T>(items: readonly T[], cuts: readonly number[], order: number): T[][] {
  const points = [...new Set(cuts.map((cut) => Math.min(cut, items.length)))].sort((a, b) => a - b);
  const out: T[][] = [];
  let from = 0;
  for (const point of [...points, items.length]) {
    // A rotation per batch: entries of one batch arrive in another order than written.
    const batch = items.slice(from, point);
    const turn = batch.length === 0 ? 0 : order % batch.length;
    out.push([...batch.slice(turn), ...batch.slice(0, turn)]);
    from = point;
  }
  return out;
}

/** A summary record with its sets in one order, to compare. */
function normalised(record: PassSummaryRecord): PassSummaryRecord {
  return { ...record, charged: [...record.charged].sort((a, b) => a[0].localeCompare(b[0])), undone: [...record.undone].sort() };
}

async function storedSummaryRecords(db: Database, venueId: string): Promise<Record<string, PassSummaryRecord>> {
  const rows = await db.query<{ pass_id: string; json: string }>('SELECT pass_id, body::text AS json FROM pass_summaries WHERE venue_id = $1 ORDER BY pass_id', [venueId]);
  return Object.fromEntries(rows.map((row) => [row.pass_id, normalised(JSON.parse(row.json) as PassSummaryRecord)]));
}

function expectedSummaries(entries: readonly LedgerEntry[]): Record<string, PassSummaryRecord> {
  return Object.fromEntries([...summarizeByPass(entries)].sort(([a], [b]) => a.localeCompare(b)).map(([passId, summary]) => [passId, normalised(summary.toRecord(passId))]));
}

async function latestLedgerSeq(db: Database, venueId: string): Promise<number> {
  const rows = await db.query<{ seq: number | null }>("SELECT max(seq) AS seq FROM documents WHERE venue_id = $1 AND collection = 'ledger'", [venueId]);
  return rows[0]?.seq ?? 0;
}

describe.each(backends)('pass summaries on $name', (backend) => {
  describe.skipIf(backend.skip !== null)('', () => {
    // No background refresh: each test says when summaries are brought up to date.
    const fixture = useSyncServer(backend, { summaryRefreshMs: 0 });

    it('are exactly the shared fold of the stored entries, refreshed after each batch in pages of any size', async () => {
      await fc.assert(fc.asyncProperty(scheduleArb, async ({ steps, cuts, again, pageSize, order }) => {
        const { venueId, desk } = await fixture.venueWithDesk('property');
        const entries = ledgerOf(venueId, steps);
        const delivered = batches(entries, cuts, order);
        if (entries.length > 0) delivered.push(again.map((pick) => entries[pick % entries.length]!));
        for (const batch of delivered) {
          if (batch.length > 0) expect((await desk.push(batch)).status).toBe(200);
          await refreshPassSummaries(fixture.server.db, venueId, { pageSize });
        }
        // What the endpoint stores, read back as a desk would pull it.
        const stored = (await desk.pullAll('ledger', 500)).documents.map(({ _deleted: _, ...entry }) => entry as unknown as LedgerEntry);
        expect(await storedSummaryRecords(fixture.server.db, venueId)).toEqual(expectedSummaries(stored));
        expect((await readSummaryProgress(fixture.server.db, venueId)).uptoSeq).toBe(await latestLedgerSeq(fixture.server.db, venueId));
      }), runs);
    });

    it('refreshed bit by bit, equal a refresh of everything at once', async () => {
      const { venueId, desk } = await fixture.venueWithDesk('incremental');
      const entries = ledgerOf(venueId, fc.sample(stepArb, { seed: runs.seed, numRuns: 300 }));
      for (let at = 0; at < entries.length; at += 37) {
        await desk.push(entries.slice(at, at + 37));
        await refreshPassSummaries(fixture.server.db, venueId, { pageSize: 10 });
      }
      const incremental = await storedSummaryRecords(fixture.server.db, venueId);
      const progress = await readSummaryProgress(fixture.server.db, venueId);

      await fixture.server.db.query('DELETE FROM pass_summaries WHERE venue_id = $1', [venueId]);
      await fixture.server.db.query('DELETE FROM pass_summaries_upto WHERE venue_id = $1', [venueId]);
      const whole = await refreshPassSummaries(fixture.server.db, venueId);
      expect(await storedSummaryRecords(fixture.server.db, venueId)).toEqual(incremental);
      expect(whole).toMatchObject({ uptoSeq: progress.uptoSeq, entries: entries.length, summaries: progress.summaries });
      expect(Object.keys(incremental)).toEqual(PASSES);
    });

    it('is cheap and changes nothing when there is nothing new', async () => {
      const { venueId, desk } = await fixture.venueWithDesk('nothing-new');
      await desk.push(ledgerOf(venueId, [{ kind: 'check-in', pass: 0, charged: true, day: 1 }]));
      const first = await refreshPassSummaries(fixture.server.db, venueId);
      const again = await refreshPassSummaries(fixture.server.db, venueId);
      expect(first).toMatchObject({ entries: 1, written: 1, summaries: 1 });
      expect(again).toMatchObject({ uptoSeq: first.uptoSeq, entries: 0, written: 0, summaries: 1 });
    });

    it('refreshed by several callers at once, in small pages while desks push, stay exact', async () => {
      const { venueId, desk } = await fixture.venueWithDesk('racing-here');
      const entries = ledgerOf(venueId, fc.sample(stepArb, { seed: runs.seed + 1, numRuns: 400 }));
      await desk.push(entries.slice(0, 200));
      await Promise.all([
        refreshPassSummaries(fixture.server.db, venueId, { pageSize: 7 }),
        refreshPassSummaries(fixture.server.db, venueId, { pageSize: 11 }),
        (async () => {
          for (let at = 200; at < entries.length; at += 50) await desk.push(entries.slice(at, at + 50));
        })(),
        refreshPassSummaries(fixture.server.db, venueId, { pageSize: 5 }),
      ]);
      await refreshPassSummaries(fixture.server.db, venueId);
      expect(await storedSummaryRecords(fixture.server.db, venueId)).toEqual(expectedSummaries(entries));
    });

    it('are made by an import of a past ledger, and by nothing else it brings', async () => {
      const { venueId } = await fixture.venueWithDesk('imported');
      const ledger = ledgerOf(venueId, [
        { kind: 'check-in', pass: 0, charged: true, day: 1 },
        { kind: 'check-in', pass: 3, charged: false, day: 1 },
        { kind: 'revoke', pass: 1, day: 2 },
      ]);
      const customer = { id: 'c1', name: 'Ada Lovelace' };
      await fixture.server.admin.importVenueData(venueId, { venue: { id: venueId, timeZone: 'Europe/London' }, products: [], customers: [customer], passes: [], sessions: [], bookings: [], ledger });
      expect(await storedSummaryRecords(fixture.server.db, venueId)).toEqual(expectedSummaries(ledger));
      expect((await readSummaryProgress(fixture.server.db, venueId)).uptoSeq).toBe(await latestLedgerSeq(fixture.server.db, venueId));
    });
  });
});

describe('pass summaries refreshed in the background', () => {
  it('catch up with what desks push, every so often', async () => {
    const server = await startSyncServer({ database: { kind: 'pglite-memory' }, adminToken: ADMIN_TOKEN, summaryRefreshMs: 50 });
    try {
      await server.admin.createVenue({ id: 'background', timeZone: 'Europe/London' });
      const desk = new SyncTestClient(server.url, (await server.admin.issueDevice('background')).token);
      const entries = ledgerOf('background', [{ kind: 'check-in', pass: 0, charged: true, day: 1 }, { kind: 'revoke', pass: 2, day: 1 }]);
      await desk.push(entries);
      const latest = await latestLedgerSeq(server.db, 'background');
      const deadline = Date.now() + 10_000;
      while ((await readSummaryProgress(server.db, 'background')).uptoSeq < latest && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await storedSummaryRecords(server.db, 'background')).toEqual(expectedSummaries(entries));
    } finally {
      await server.close();
    }
  });
});

describe.skipIf(postgresBackend.skip !== null)('pass summaries refreshed through two connections to one PostgreSQL', () => {
  it('stay exact when the refreshes of two processes race while desks push', async () => {
    const location = await postgresBackend.location();
    const server = await startSyncServer({ database: location, adminToken: ADMIN_TOKEN, summaryRefreshMs: 0 });
    const other = await openDatabase(location, 'second process');
    if (!other.ok) throw new Error(other.message);
    try {
      await server.admin.createVenue({ id: 'racing', timeZone: 'Europe/London' });
      const desk = new SyncTestClient(server.url, (await server.admin.issueDevice('racing')).token);
      const entries = ledgerOf('racing', fc.sample(stepArb, { seed: runs.seed + 2, numRuns: 1_500 }));
      await desk.push(entries.slice(0, 500));
      const pushing = (async () => {
        for (let at = 500; at < entries.length; at += 100) await desk.push(entries.slice(at, at + 100));
      })();
      const refreshes = await Promise.all([
        refreshPassSummaries(server.db, 'racing', { pageSize: 13 }),
        refreshPassSummaries(other.db, 'racing', { pageSize: 17 }),
        refreshPassSummaries(other.db, 'racing', { pageSize: 29 }),
        pushing.then(() => refreshPassSummaries(server.db, 'racing', { pageSize: 31 })),
      ]);
      await refreshPassSummaries(other.db, 'racing');
      expect(await storedSummaryRecords(server.db, 'racing')).toEqual(expectedSummaries(entries));
      // The racing callers shared the work: each entry was added once, by one of them.
      expect(refreshes.reduce((sum, refresh) => sum + refresh.entries, 0)).toBeLessThanOrEqual(entries.length);
      const progress = await readSummaryProgress(server.db, 'racing');
      expect(progress).toEqual({ uptoSeq: await latestLedgerSeq(server.db, 'racing'), summaries: PASSES.length });
    } finally {
      await other.db.close();
      await server.close();
    }
  });
});
