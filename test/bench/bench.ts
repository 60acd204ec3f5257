// `npm run bench [-- --small] [--fresh] [--cold-start-budget-min N] [--driver plain|playwright] [--skip push,record-put,hub,initial-sync]`: the desk's costs at a large venue, each figure
// beside a baseline measured in the same run (docs/architecture.md, "Tests and tools").
// Measurement only, never assertions. JSON on stdout; progress on stderr.
//
//   venue       100,000 customers, ~200,000 passes, ~1,000,000 past ledger entries (--small:
//               2,000 / ~4,000 / ~20,000), generated and loaded into Chromium's IndexedDB
//               through the desk's own storage path; kept in bench-results/profile-<size> and
//               reused while its counts match (--fresh loads it again).
//   coldStart   openDeskDatabase + openDesk (the door) + the customers in + the first check-in, on a freshly launched
//               Chromium (by default started with no debugging protocol, as installed, and once
//               more under Playwright for comparison: test/bench/storageHost.ts), beside a bare batched IndexedDB read of the same data in the page:
//               stopped after --cold-start-budget-min (default 15) and then reported
//               unfinished with an extrapolation.
//   memory      Node's memory with the venue in memory.
//   checkIn     call to durable answer, beside a bare strict IndexedDB put of the same entries.
//   search      per keystroke, beside a naive linear scan of the folded names.
//   initialSync the venue's first sync into an empty desk from a sync endpoint (the demo venue of
//               the same size, PGlite in its own process, kept in bench-results/sync-server-N),
//               documents per second, beside a bare bulk put of the same documents in the same
//               storage (test/sync/bench/initialSyncBench.ts).
//   syncServerPush  10 desks in each of 10 venues pushing check-ins to one server, on PGlite and
//               on a throwaway PostgreSQL (skipped, with the reason, without its binaries),
//               beside the cheapest authenticated request (test/server/bench/pushBench.ts).
//   hubPropagation  a check-in at desk A until desk B has it, through a venue hub over TLS with
//               the internet cut, beside a bare pinned round trip to the hub
//               (test/sync/bench/hubPropagationBench.ts, in a process of its own).
// A section that fails says so in its place (`failed`), and the others are still measured.
import os from 'node:os';
import { spawn } from 'node:child_process';
import type { HubPropagation } from '../sync/bench/hubPropagationBench';
import { parseArgs } from 'node:util';
import { openDeskDatabase } from '../../main/db/deskDatabase';
import type { DeskIdentity } from '../../main/state/deskContext';
import { benchCheckIns } from './checkInBench';
import type { ColdStartBaseline, ColdStartVariant } from './coldStartBench';
import { aloneBaselineMs, bareColdRead, coldStart, firstCustomersOf } from './coldStartBench';
import type { VenueManifest, VenueSize } from './largeVenue';
import { CUSTOMERS, loadVenue, matchesManifest, profileDirOf, readManifest, removeProfile } from './largeVenue';
import { progress, ratio, seededRandom } from './percentiles';
import { benchSearch } from './searchBench';
import { mainMemory } from './mainMemory';
import { benchInitialSync } from '../sync/bench/initialSyncBench';
import { runPushBenchmarks } from '../server/bench/pushBench';
import type { ChromiumDriver, StorageHost } from './storageHost';
import { openStorageHost, startBenchServer } from './storageHost';

// stdout carries the JSON and nothing else: any library's console.log goes to stderr.
console.log = console.error;
console.info = console.error;

const { values } = parseArgs({
  options: {
    small: { type: 'boolean', default: false },
    fresh: { type: 'boolean', default: false },
    /** A cold start of the desk as it is that takes longer is stopped and reported unfinished; 0: no limit. */
    'cold-start-budget-min': { type: 'string', default: '15' },
    /** How the desk's Chromium is started (test/bench/storageHost.ts): plain (as installed) or playwright (CDP). */
    driver: { type: 'string', default: 'plain' },
    /** Sections left out, comma-separated: push (the sync server), record-put (the first sync's comparison with a record a document), hub (propagation through a venue hub). */
    skip: { type: 'string', default: '' },
  },
  strict: true,
});
const size: VenueSize = values.small ? 'small' : 'large';
if (values.driver !== 'plain' && values.driver !== 'playwright') throw new Error(`--driver is plain or playwright, not ${values.driver}`);
const driver: ChromiumDriver = values.driver;
const skipped = new Set(values.skip.split(',').filter(Boolean));
for (const name of skipped) if (!['push', 'record-put', 'hub', 'initial-sync'].includes(name)) throw new Error(`--skip takes push, record-put, hub and initial-sync, not ${name}`);
const identity: DeskIdentity = { deskId: 'desk-bench', staff: 'Bench' };

async function main(): Promise<unknown> {
  const wallStarted = performance.now();
  const startedAt = new Date().toISOString();
  const loadAverageAtStart = loadAverage();
  const server = await startBenchServer();
  try {
    // 1. The venue: reuse the profile while it holds it, or load it.
    if (values.fresh) await removeProfile(size);
    let manifest: VenueManifest | null = await readManifest(size);
    let loadedThisRun = false;
    let host = await openStorageHost(server, profileDirOf(size));
    let db = await openDeskDatabase(host.connection.storage);
    let check = await matchesManifest(db, manifest, size);
    if (!check.ok) {
      const empty = Object.values(check.counts).every((count) => count === 0);
      if (!empty) {
        progress(`the profile does not hold the expected venue (${JSON.stringify(check.counts)}): starting it afresh`);
        await db.close();
        await host.close();
        await removeProfile(size);
        host = await openStorageHost(server, profileDirOf(size));
        db = await openDeskDatabase(host.connection.storage);
      }
      manifest = await loadVenue(db, size, Date.now());
      loadedThisRun = true;
      check = await matchesManifest(db, manifest, size);
      if (!check.ok) throw new Error(`after loading, the database holds ${JSON.stringify(check.counts)}, not ${JSON.stringify(manifest.counts)}`);
    } else {
      progress(`reusing the ${size} venue loaded ${manifest!.loadedAt}`);
    }
    const loaded = manifest!;
    await db.close();
    await host.close();

    // 2. Cold start on a freshly launched Chromium, beside a bare batched read of the same data.
    // With the plain driver, first the same under Playwright, for what CDP adds (the figures
    // that follow are the plain one's).
    const random = seededRandom(20240601);
    const budgetMs = Number(values['cold-start-budget-min']) * 60_000 || null;
    const firstCustomers = firstCustomersOf(CUSTOMERS[size], random);
    let throughCdp: unknown = null;
    if (driver === 'plain') {
      const cdpBaseline: { baseline?: ColdStartBaseline } = {};
      const cdp = await coldStart(server, profileDirOf(size), identity, random, {
        budgetMs,
        driver: 'playwright',
        firstCustomers,
        baseline: async (started: StorageHost) => { cdpBaseline.baseline = await bareColdRead(started, firstCustomers); },
      });
      throughCdp = withRatio(cdp.figures, cdpBaseline.baseline!);
      await cdp.desk?.close();
      await cdp.host?.close();
    }
    const coldBaseline: { baseline?: ColdStartBaseline } = {};
    const cold = await coldStart(server, profileDirOf(size), identity, random, {
      budgetMs,
      driver,
      firstCustomers,
      baseline: async (started: StorageHost) => { coldBaseline.baseline = await bareColdRead(started, firstCustomers); },
    });
    if (!cold.desk) throw new Error(`the desk did not open within the cold-start budget: ${JSON.stringify(withRatio(cold.figures, coldBaseline.baseline!))}`);
    const memory = mainMemory();
    const coldStartFigures = {
      what: 'openDeskDatabase + openDesk (the door: venue, products, sessions, bookings and the entries held whole into memory over the storage bridge), then one customer\'s preview and walk-in check-in at once (that customer read alone), then the customers, passes and summaries in memory + one walk-in check-in, on a freshly launched Chromium; baseline: a bare batched IndexedDB read of the same data in the page, in the same two parts (the door\'s and the customers\'), and of the first customer\'s bundles and documents alone, just before, on a launch of its own of the same profile; aloneRatio: the first check-in on the customer read alone against the door\'s part and that customer\'s read, ratio: the check-in after the customers\' part against both parts, doorRatio: the door open against the door\'s part',
      ...withRatio(cold.figures, coldBaseline.baseline!),
      throughCdp,
    };
    let deskFigures: { checkIn: unknown; search: unknown; chromium: string };
    try {
      // 3. Check-ins.
      const checkIn = await benchCheckIns(cold.desk, cold.host.page, { count: 300, block: 50, warmUp: 10, random });
      // 4. Search per keystroke.
      const search = await benchSearch(cold.desk, { random, keystrokes: 200, passCodes: 20, warmUp: 40 });
      deskFigures = { checkIn, search, chromium: await cold.host.page.evaluate('navigator.userAgent') as string };
    } finally {
      await cold.desk.close();
      await cold.host.close();
    }

    // 5. The first sync of the venue into an empty desk, beside a bare bulk put of the same
    // documents (the desk server serves one storage host at a time: the cold start's is closed).
    const initialSync = skipped.has('initial-sync') ? 'skipped' : await section('initial sync', () => benchInitialSync({ customers: CUSTOMERS[size], deskServer: server, progress, driver, skipRecordPut: skipped.has('record-put') }));
    // 6. The sync server under desks' pushes, on PGlite and PostgreSQL; last, so that its load
    // (the server and, for PostgreSQL, a cluster of its own) overlaps nothing else measured.
    const syncServerPush = skipped.has('push') ? 'skipped' : await section('push', () => runPushBenchmarks(values.small));
    // 7. A check-in at one desk seen at another through a venue hub with the internet cut, beside
    // a bare pinned round trip to the hub (a process of its own: two more desks in this realm
    // would pass RxDB's open-core limit of collections).
    const hubPropagation = skipped.has('hub') ? 'skipped' : await section('hub propagation', () => hubPropagationInItsOwnProcess(values.small ? 50 : 200));

    return {
      size,
      startedAt,
      machine: {
        cpus: os.cpus().length,
        memoryGiB: Math.round(os.totalmem() / 2 ** 30),
        node: process.version,
        chromium: deskFigures.chromium,
        /** test/bench/storageHost.ts: plain = no debugging protocol on the desk's Chromium. */
        driver,
        rxdb: '17 (remote storage → Dexie, strict durability)',
        /** 1, 5 and 15 minute load averages: other work on the machine skews every figure. */
        loadAverage: { atStart: loadAverageAtStart, atEnd: loadAverage() },
      },
      venue: {
        ...check.counts,
        ledgerFromEarlierBenchRuns: check.counts.ledger - loaded.counts.ledger,
        generated: loaded.counts,
        seed: loaded.seed,
        today: loaded.today,
        timeZone: loaded.timeZone,
        loadedThisRun,
        loadedAt: loaded.loadedAt,
        load: { ...loaded.load, path: 'loadVenueData into an empty desk: bundles of about 256 KB of records (main/venue/venueBundles.ts), RxDB bulkUpsert over the WebSocket storage bridge into Dexie in the storage host page' },
      },
      coldStart: coldStartFigures,
      memory: {
        after: 'the desk open with the venue in memory (right after the cold start)',
        ...memory,
      },
      checkIn: deskFigures.checkIn,
      search: deskFigures.search,
      initialSync,
      syncServerPush,
      hubPropagation,
      wallMs: Math.round(performance.now() - wallStarted),
    };
  } finally {
    await server.close();
  }
}

/** test/sync/bench/hubPropagationBench.ts as a child process: its JSON, its progress on our stderr. */
function hubPropagationInItsOwnProcess(checkIns: number): Promise<HubPropagation> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/sync/bench/hubPropagationBench.ts', '--check-ins', String(checkIns)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`the hub propagation benchmark exited ${code}`));
      else resolve(JSON.parse(output) as HubPropagation);
    });
  });
}

function loadAverage(): number[] {
  return os.loadavg().map((value) => Math.round(value * 10) / 10);
}

/**
 * One section of the figures, timed and with the load average at its start: a section that
 * fails is reported as such (with its message) and the others are still measured.
 */
async function section<T>(name: string, measure: () => Promise<T>): Promise<(T & { loadAverageAtStart: number[] }) | { failed: string; loadAverageAtStart: number[] }> {
  const loadAverageAtStart = loadAverage();
  progress(`${name}: starting (load average ${loadAverageAtStart.join(', ')})`);
  try {
    return { ...(await measure()), loadAverageAtStart };
  } catch (error) {
    progress(`${name} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    return { failed: error instanceof Error ? error.message : String(error), loadAverageAtStart };
  }
}

/** The first check-in beside the bare read of both parts; the door's opening beside its part's. */
function withRatio(figures: ColdStartVariant, baseline: ColdStartBaseline) {
  const doorRatio = ratio(figures.doorOpenMs, baseline.door.ms);
  return figures.finished
    ? { ...figures, baseline, ratio: ratio(figures.totalMs, baseline.ms), doorRatio, aloneBaselineMs: aloneBaselineMs(baseline, figures.firstCheckInAlonePreviewed ?? 0), aloneRatio: ratio(figures.firstCheckInAloneMs ?? 0, aloneBaselineMs(baseline, figures.firstCheckInAlonePreviewed ?? 0)) }
    : { ...figures, baseline, ratioAtLeast: ratio(figures.totalMs, baseline.ms), doorRatio };
}

main().then(
  (result) => {
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  },
  (error: unknown) => {
    progress(`failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    // A browser or socket left open by the failure must not keep the process alive.
    process.exit(1);
  },
);
