// Benchmark of a new desk's snapshot (shared/schema/sync.ts) at the large venue, on PGlite in a
// data folder (as `npm run server -- demo --customers 100000` makes it; made once, then reused):
// the first refresh of the pass summaries (the million ledger entries folded), a refresh with
// nothing new, and a desk reading the snapshot over HTTP on loopback: every door part page by
// page at several page sizes, then the whole history. Reports only (JSON on stdout).
//
//   tsx test/server/bench/snapshotBench.ts [--data DIR] [--customers 100000] [--limits 2000,5000,10000]
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import type { SnapshotPart } from '../../../shared/schema/sync';
import type { SnapshotStart } from '../../../shared/schema/syncContract';
import { doorParts } from '../../../shared/schema/sync';
import { startSyncServer } from '../../../server/startSyncServer';
import { createDemoVenue } from '../../../server/import/demoVenue';
import { refreshPassSummaries } from '../../../server/sync/summaryRefresh';

const { values } = parseArgs({
  options: { data: { type: 'string' }, customers: { type: 'string' }, limits: { type: 'string' }, 'history-limit': { type: 'string' } },
});
const dataDir = values.data ?? await mkdtemp(join(tmpdir(), 'snapshot-bench-'));
const customers = Number(values.customers ?? 100_000);
const limits = (values.limits ?? '2000,5000,10000').split(',').map(Number);
const historyLimit = Number(values['history-limit'] ?? 10_000);
const timeZone = 'Europe/London';
const log = (line: string) => process.stderr.write(`${line}\n`);

const seconds = (ms: number) => Math.round(ms / 10) / 100;

const server = await startSyncServer({ database: { kind: 'pglite', dataDir }, summaryRefreshMs: 0 });
try {
  const createdAt = performance.now();
  const today = DateTime.now().setZone(timeZone).toISODate()!;
  const demo = await createDemoVenue(server.db, { customers, seed: 7, today, timeZone }, (written, total) => log(`  ledger ${written} / ${total}`));
  const creation = demo.created ? { seconds: seconds(performance.now() - createdAt), summaries: demo.summaries } : 'reused';
  log(`venue ${demo.created ? 'created' : 'reused'} in ${dataDir}`);

  // The first refresh, again: every summary of the venue made afresh from the whole ledger.
  await server.db.query('DELETE FROM pass_summaries WHERE venue_id = $1', [demo.venue.id]);
  await server.db.query('DELETE FROM pass_summaries_upto WHERE venue_id = $1', [demo.venue.id]);
  await server.db.query('VACUUM pass_summaries');
  const first = await refreshPassSummaries(server.db, demo.venue.id);
  log(`first refresh: ${first.entries} entries, ${first.summaries} summaries in ${first.ms} ms`);
  const nothingNew = await refreshPassSummaries(server.db, demo.venue.id);

  const { token } = await server.admin.issueDevice(demo.venue.id, 'snapshot bench');
  const get = async (path: string) => {
    const response = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${text.slice(0, 300)}`);
    return text;
  };
  const openedAt = performance.now();
  const start = JSON.parse(await get('/sync/snapshot')) as SnapshotStart;
  const openMs = performance.now() - openedAt;

  const readPart = async (part: SnapshotPart, limit: number) => {
    const seq = part === 'summaries' || part === 'recent' || part === 'history' ? start.seqs.ledger : start.seqs[part];
    const since = part === 'recent' ? `&since=${start.recentSince}` : '';
    let after: string | null = null;
    let records = 0;
    let bytes = 0;
    let pages = 0;
    let slowestPageMs = 0;
    const began = performance.now();
    do {
      const pageStarted = performance.now();
      const text = await get(`/sync/snapshot/${part}?seq=${seq}&limit=${limit}${since}${after === null ? '' : `&after=${encodeURIComponent(after)}`}`);
      const page = JSON.parse(text) as { records: unknown[]; next: string | null };
      slowestPageMs = Math.max(slowestPageMs, performance.now() - pageStarted);
      records += page.records.length;
      bytes += Buffer.byteLength(text);
      pages += 1;
      after = page.next;
    } while (after !== null);
    return { records, pages, mb: Math.round(bytes / 1e5) / 10, seconds: seconds(performance.now() - began), slowestPageMs: Math.round(slowestPageMs) };
  };

  const door = [];
  for (const limit of limits) {
    const parts: Record<string, Awaited<ReturnType<typeof readPart>>> = {};
    for (const part of doorParts) parts[part] = await readPart(part, limit);
    const all = Object.values(parts);
    door.push({
      limit,
      seconds: seconds(all.reduce((sum, part) => sum + part.seconds * 1000, 0)),
      mb: Math.round(all.reduce((sum, part) => sum + part.mb, 0) * 10) / 10,
      records: all.reduce((sum, part) => sum + part.records, 0),
      parts,
    });
    log(`door parts at limit ${limit}: ${door[door.length - 1]!.seconds} s`);
  }
  const history = await readPart('history', historyLimit);
  log(`history at limit ${historyLimit}: ${history.seconds} s`);

  process.stdout.write(`${JSON.stringify({
    benchmark: 'sync-server-snapshot',
    engine: 'pglite (data folder)',
    customers,
    counts: start.counts,
    creation,
    firstRefresh: { entries: first.entries, summaries: first.summaries, seconds: seconds(first.ms) },
    refreshWithNothingNew: { ms: nothingNew.ms },
    openSnapshotMs: Math.round(openMs),
    door,
    history: { limit: historyLimit, ...history },
  }, null, 2)}\n`);
} finally {
  await server.close();
}
