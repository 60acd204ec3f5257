// Every query of a snapshot page and of a summary refresh is a range scan of its index, read in
// its order, on both engines, with statistics and without them (PGlite runs no autovacuum):
// never a scan of a venue's whole ledger, nor of the rest of a range to sort it. The real
// statements are explained, in their own transactions and settings, through a database that
// answers EXPLAIN instead of running them.
import { describe, expect, it } from 'vitest';
import type { Database, Queryable, Row } from '../../server/db/database';
import { ledgerEntriesAfter, storedSummaries } from '../../server/db/passSummaries';
import { historyAfter, platformRecordsAfter, recentAfter, summariesAfter } from '../../server/db/snapshotPages';
import { backends } from './testBackends';
import { useSyncServer } from './serverFixture';

type PlanNode = { 'Node Type': string; 'Index Name'?: string; 'Relation Name'?: string; Plans?: PlanNode[] };

function nodesOf(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodesOf)];
}

/** A database whose every query is explained instead of run (settings are applied): the plans of what a function asks. */
function explaining(db: Database, plans: PlanNode[][]): Database {
  const explain = (into: Queryable): Queryable => ({
    async query<R extends Row = Row>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
      if (sql.startsWith("SELECT set_config")) return into.query<R>(sql, params);
      const rows = await into.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] | string }>(`EXPLAIN (FORMAT JSON) ${sql}`, params);
      const plan = rows[0]!['QUERY PLAN'];
      plans.push(nodesOf((typeof plan === 'string' ? JSON.parse(plan) as [{ Plan: PlanNode }] : plan)[0].Plan));
      return [];
    },
    exec: () => Promise.reject(new Error('not explained')),
  });
  return { ...db, ...explain(db), engine: db.engine, transaction: (work) => db.transaction((tx) => work(explain(tx))), listen: db.listen.bind(db), notify: db.notify.bind(db), close: db.close.bind(db) };
}

/** A venue of 40,000 ledger entries over 4,000 passes and a year of days, written by SQL, and a smaller one beside it. */
async function fillVenue(db: Database, venueId: string, entries: number): Promise<void> {
  await db.query("INSERT INTO venues (id, time_zone, last_seq) VALUES ($1, 'Europe/London', $2 * 3)", [venueId, entries]);
  await db.query(
    `INSERT INTO documents (venue_id, collection, id, seq, body, written_by)
     SELECT $1, 'ledger', 'e' || lpad(n::text, 7, '0'), n,
            jsonb_build_object('id', 'e' || lpad(n::text, 7, '0'), 'passId', CASE WHEN n % 50 = 0 THEN '' ELSE 'x' || (n % 4000) END,
              'kind', CASE WHEN n % 20 = 0 THEN 'undo-check-in' ELSE 'check-in' END, 'checkInId', 'e' || lpad((n - 1)::text, 7, '0'),
              'venueDay', to_char(date '2026-01-01' + (n * 365 / $2), 'YYYY-MM-DD'), 'charged', true, 'at', '2026-01-01T10:00:00Z'),
            'import'
       FROM generate_series(1, $2) AS n`,
    [venueId, entries],
  );
  await db.query(
    `INSERT INTO documents (venue_id, collection, id, seq, body, written_by)
     SELECT $1, 'customers', 'c' || n, $2 + n, jsonb_build_object('id', 'c' || n), 'import' FROM generate_series(1, $2 / 10) AS n`,
    [venueId, entries],
  );
  await db.query("INSERT INTO pass_summaries (venue_id, pass_id, body) SELECT $1, 'x' || n, jsonb_build_object('passId', 'x' || n) FROM generate_series(1, 4000) AS n", [venueId]);
}

describe.each(backends)('snapshot query plans on $name', (backend) => {
  describe.skipIf(backend.skip !== null)('', () => {
    const fixture = useSyncServer(backend, { summaryRefreshMs: 0 });

    it.each([
      ['without statistics', false],
      ['with statistics', true],
    ])('are index range scans %s', async (_label, analysed) => {
      const db = fixture.server.db;
      const venueId = `plans-${analysed ? 'analysed' : 'fresh'}`;
      await fillVenue(db, venueId, 40_000);
      await fillVenue(db, `${venueId}-beside`, 10_000);
      if (analysed) await db.query('ANALYZE');

      const cases: [string, (q: Database) => Promise<unknown>, string[]][] = [
        ['a page of platform records', (q) => platformRecordsAfter(q, venueId, 'customers', 1e9, 'c100', 2_001), ['documents_pkey']],
        ['a page of history', (q) => historyAfter(q, venueId, 1e9, 'x100', 'e0001000', 2_001), ['ledger_by_pass']],
        ['the first page of history', (q) => historyAfter(q, venueId, 1e9, '', '', 10_001), ['ledger_by_pass']],
        ['a page of recent check-ins and their undos', (q) => recentAfter(q, venueId, '2026-12-30', 1e9, '', 2_001), ['ledger_check_ins_by_day', 'ledger_undos_by_check_in']],
        ['the entries a refresh adds', (q) => ledgerEntriesAfter(q, venueId, 1_000, 5_000), ['documents_by_seq']],
        ['the stored summaries a refresh adds to', (q) => storedSummaries(q, venueId, ['x1', 'x2', 'x3']), ['pass_summaries_pkey']],
        ['a page of summaries', (q) => summariesAfter(q, venueId, 'x100', 2_001), ['pass_summaries_pkey']],
      ];

      for (const [what, run, indexes] of cases) {
        const plans: PlanNode[][] = [];
        await run(explaining(db, plans));
        const nodes = plans.flat();
        const described = `${what}: ${JSON.stringify(nodes.map((node) => [node['Node Type'], node['Index Name'] ?? node['Relation Name']]))}`;
        expect(nodes.filter((node) => node['Node Type'] === 'Seq Scan' || node['Node Type'].startsWith('Bitmap')), described).toEqual([]);
        const used = new Set(nodes.filter((node) => node['Node Type'].startsWith('Index')).map((node) => node['Index Name']));
        expect([...used].sort(), described).toEqual([...indexes].sort());
        // Read in the index's order: only recent sorts its few days of check-ins.
        if (!what.startsWith('a page of recent')) expect(nodes.map((node) => node['Node Type']), described).not.toContain('Sort');
      }
    });
  });
});
