// Where a check-in's write waits during a first sync: the storage bridge's requests, each
// timed by main and by the storage host page (docs/performance.md, "Where a check-in waits
// during a first sync"). Measurement only; the timings are not in the desk:
//
//   git apply test/bench/storageRequestTrace.patch   (the host page and main record each request)
//   npx vite build && npx tsx test/sync/bench/initialSyncBench.ts --customers 100000 --skip-record-put
//   npx tsx test/bench/storageRequestTrace.ts /tmp/storage-trace-*.json
//   git apply -R test/bench/storageRequestTrace.patch
//
// Each request of a ledger write (a check-in) is cut into: main → page (main's send until the
// page's loop takes the frame), the page's wait before its IndexedDB transaction starts, the
// transaction (to its `complete`, strict: on disk), and page → main (the answer sent until
// main's loop takes it). "Bundle in flight": a bundle write sent and not yet answered when the
// check-in's write was sent.
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const transaction = z.object({ c: z.string(), n: z.number(), start: z.number(), end: z.number() });
const row = z.object({
  requestId: z.string(),
  method: z.string(),
  collection: z.string().optional(),
  bytes: z.number(),
  received: z.number(),
  done: z.number(),
  idb: z.array(transaction),
  sent: z.object({ at: z.number(), bytes: z.number() }).optional(),
  answeredInMain: z.number().optional(),
});
type Row = z.infer<typeof row>;
type Cut = { total: number; toHost: number; hostWait: number; transaction: number; back: number; bundleInFlight: boolean };

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}

function cuts(rows: Row[]): Cut[] {
  const bundles = rows.filter((one) => one.collection === 'bundles' && one.method === 'bulkWrite' && one.sent && one.answeredInMain);
  return rows.flatMap((one) => {
    if (one.collection !== 'ledger' || one.method !== 'bulkWrite' || !one.sent || !one.answeredInMain) return [];
    const sentAt = one.sent.at;
    const own = one.idb.find((tx) => tx.c === 'ledger' && tx.start >= one.received - 1);
    if (!own) return [];
    return [{
      total: one.answeredInMain - sentAt,
      toHost: one.received - sentAt,
      hostWait: own.start - one.received,
      transaction: own.end - own.start,
      back: one.answeredInMain - one.done,
      bundleInFlight: bundles.some((bundle) => bundle.sent!.at <= sentAt && bundle.answeredInMain! >= sentAt),
    }];
  });
}

function line(label: string, values: number[]): string {
  return `  ${label.padEnd(28)} p50 ${percentile(values, 0.5)}  p90 ${percentile(values, 0.9)}  p99 ${percentile(values, 0.99)}  max ${Math.max(...values)} ms`;
}

for (const file of process.argv.slice(2)) {
  const rows = z.array(row).parse(JSON.parse(readFileSync(file, 'utf8')));
  const all = cuts(rows);
  const bundleTransactions = rows.flatMap((one) => one.idb).filter((tx) => tx.c === 'bundles').map((tx) => tx.end - tx.start);
  console.log(`${file}: ${all.length} ledger writes, ${all.filter((cut) => cut.bundleInFlight).length} with a bundle write in flight`);
  for (const [name, group] of [['all', all], ['bundle in flight', all.filter((cut) => cut.bundleInFlight)], ['none in flight', all.filter((cut) => !cut.bundleInFlight)]] as const) {
    if (group.length === 0) continue;
    console.log(` ${name} (${group.length})`);
    for (const key of ['total', 'toHost', 'hostWait', 'transaction', 'back'] as const) console.log(line(key, group.map((cut) => cut[key])));
  }
  if (bundleTransactions.length > 0) console.log(line(`bundle transactions (${bundleTransactions.length})`, bundleTransactions));
}
