// The desk's memory with a venue loaded (issue 7, "Memory": main process and storage host,
// under 1.5 GiB in all), in the browser topology: main in its own Node process, the storage
// host in Debian's Chromium.
//
//   tsx test/crash/memoryReport.ts --profile bench-results/profile-large   (a loaded profile, copied first)
//   tsx test/crash/memoryReport.ts [--customers 20000] [--port 4828]         (loads a venue into a new profile)
//   … [--open-timeout-min 30] [--keep]
//   tsx test/crash/memoryReport.ts --venue-in-memory 100000                  (main's in-memory venue alone)
//
// A profile is never opened in place: it is copied to a temporary folder, and the desk runs on
// the copy, on the port the profile's data belongs to (read from its IndexedDB folder name;
// the bench's is 4795). Without a profile, a demo venue of --customers is loaded through the
// desk itself, both processes are closed, and the measured start is a cold one; the figures
// are then also scaled linearly to the large venue's document count, which is said so.
//
// Measured: during the start (every second, until the desk answers: the peak) and after it,
// once idle and once after some door activity (searches and check-ins). main: RSS and its
// peak from /proc, Node's heap from inside (after a full GC too). Chromium: every process of
// its group, RSS and PSS (PSS adds up without counting shared pages twice), and the storage
// host page's JS heap (CDP Performance.getMetrics). "In all" = main's RSS + Chromium's PSS.
// JSON on stdout, progress on stderr.
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { cp, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DateTime } from 'luxon';
import { DEMO_TIME_ZONE, demoVenueFor } from '../../main/venue/demoVenue';
import { VenueMemory } from '../../main/state/venueMemory';
import { planDemoVenue } from '../../shared/venue/generateDemoVenue';
import { resolveVenueFile } from '../../shared/venue/resolveVenueFile';
import { seededRandom } from '../bench/percentiles';
import type { DeskApiSocket } from './deskApiSocket';
import { connectDeskApi } from './deskApiSocket';
import type { ChromiumStorageHost, MainProcess } from './killableProcesses';
import { bundleDeskProcess, launchChromiumStorageHost, reapAll, startMainProcess } from './killableProcesses';
import type { ProcessMemory } from './processMemory';
import { processGroupMemory, processMemory } from './processMemory';

/** The target: main and the storage host together. */
export const MEMORY_TARGET_MIB = 1536;
/** The large venue of the issue, as the bench loads it (bench-results/profile-large.json). */
const LARGE_VENUE_DOCS = 1_339_954;

export type DeskMemory = {
  main: { rssMiB: number; peakRssMiB: number; heapUsedMiB?: number; heapTotalMiB?: number; externalMiB?: number; heapUsedAfterGcMiB?: number };
  storageHost: { processes: ProcessMemory[]; rssMiB: number; pssMiB: number; pageJsHeapUsedMiB?: number; pageJsHeapTotalMiB?: number };
  /** main's RSS + Chromium's PSS. */
  totalMiB: number;
};

const mib = (bytes: number) => Math.round(bytes / 1024 / 1024);

/**
 * The desk's memory now: main by pid (with Node's own figures when given its process), and
 * every process of Chromium's group (with the page's JS heap when given the page). Exported
 * for the bench, which runs main in its own process: pass `process.pid` and no `main`.
 */
export async function measureDeskMemory(options: { mainPid: number; main?: MainProcess; chromiumPid: number; page?: Page; gc?: boolean }): Promise<DeskMemory> {
  const [mainProc, chromium] = await Promise.all([processMemory(options.mainPid), processGroupMemory(options.chromiumPid)]);
  const node = options.main ? await options.main.memoryUsage() : undefined;
  const afterGc = options.main && options.gc ? await options.main.memoryUsage({ gc: true }) : undefined;
  let pageHeap: { used: number; total: number } | undefined;
  if (options.page) {
    const session = await options.page.context().newCDPSession(options.page);
    await session.send('Performance.enable');
    const { metrics } = await session.send('Performance.getMetrics');
    const metric = (name: string) => metrics.find((entry) => entry.name === name)?.value ?? 0;
    pageHeap = { used: metric('JSHeapUsedSize'), total: metric('JSHeapTotalSize') };
    await session.detach();
  }
  const chromiumRss = chromium.reduce((sum, entry) => sum + entry.rssMiB, 0);
  const chromiumPss = chromium.reduce((sum, entry) => sum + entry.pssMiB, 0);
  const mainRss = mainProc?.rssMiB ?? 0;
  return {
    main: {
      rssMiB: mainRss,
      peakRssMiB: mainProc?.peakRssMiB ?? 0,
      ...(node ? { heapUsedMiB: mib(node.heapUsed), heapTotalMiB: mib(node.heapTotal), externalMiB: mib(node.external) } : {}),
      ...(afterGc ? { heapUsedAfterGcMiB: mib(afterGc.heapUsed) } : {}),
    },
    storageHost: {
      processes: chromium,
      rssMiB: chromiumRss,
      pssMiB: chromiumPss,
      ...(pageHeap ? { pageJsHeapUsedMiB: mib(pageHeap.used), pageJsHeapTotalMiB: mib(pageHeap.total) } : {}),
    },
    totalMiB: mainRss + chromiumPss,
  };
}

// --- main's in-memory venue alone ----------------------------------------------------------

/**
 * `--venue-in-memory N`: main's in-memory venue (VenueMemory, as loadMemory fills it, search
 * index included) for a generated demo venue of N customers, without the storage: each
 * document goes through JSON as it would over the storage bridge. It answers "what does main
 * hold for the large venue" when opening the large venue through the desk takes too long.
 */
async function measureVenueInMemory(customers: number): Promise<unknown> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const asFromTheBridge = <T>(doc: T): T => JSON.parse(JSON.stringify(doc)) as T;
  gc();
  const before = process.memoryUsage();
  const today = DateTime.now().setZone(DEMO_TIME_ZONE).toISODate()!;
  progress(`generating a demo venue of ${customers} customers and filling main's in-memory venue`);
  const memory = new VenueMemory('desk-memory-report');
  let counts: Record<'customers' | 'products' | 'passes' | 'sessions' | 'bookings' | 'ledger', number>;
  {
    const plan = planDemoVenue({ customers, seed: 1, today, timeZone: DEMO_TIME_ZONE });
    const resolved = resolveVenueFile({
      venue: plan.venue, products: plan.products, customers: plan.customers, passes: plan.passes,
      sessions: plan.sessions, bookings: plan.bookings, ledger: [],
    });
    if (!resolved.ok) throw new Error('the demo venue generator made a bad venue');
    const data = resolved.data;
    memory.venue = data.venue;
    for (const doc of data.products) memory.upsertProduct(asFromTheBridge(doc));
    for (const doc of data.customers) memory.upsertCustomer(asFromTheBridge(doc));
    for (const doc of data.passes) memory.upsertPass(asFromTheBridge(doc));
    for (const doc of data.sessions) memory.upsertSession(asFromTheBridge(doc));
    for (const doc of data.bookings) memory.upsertBooking(asFromTheBridge(doc));
    let ledger = 0;
    for (const entry of plan.ledgerEntries()) {
      memory.addLedgerEntry(asFromTheBridge(entry));
      ledger += 1;
    }
    counts = { customers: data.customers.length, products: data.products.length, passes: data.passes.length, sessions: data.sessions.length, bookings: data.bookings.length, ledger };
  }
  gc();
  const after = process.memoryUsage();
  const docs = Object.values(counts).reduce((sum, count) => sum + count, 0);
  const heapMiB = mib(after.heapUsed - before.heapUsed);
  return {
    what: "main's in-memory venue alone (VenueMemory with its search index), after a full GC; add main's code, RxDB and the bridge (the rest of main's RSS in a measured desk) for main's total",
    counts,
    heapMiB,
    rssGrowthMiB: mib(after.rss - before.rss),
    bytesPerDocument: Math.round((after.heapUsed - before.heapUsed) / docs),
    keptAlive: memory.customers.size > 0,
  };
}

// --- the report -------------------------------------------------------------------------

/**
 * An estimate for the large venue from a smaller one: main's heap after a full GC (the
 * in-memory venue, near linear in documents) scaled by the ratio of documents; the rest of
 * main's RSS (code, buffers) and Chromium as measured (Chromium does not hold the data; its
 * IndexedDB cache is bounded). An estimate, said so wherever it is printed.
 */
function scaleToLargeVenue(idle: DeskMemory, docs: number) {
  const factor = LARGE_VENUE_DOCS / docs;
  const heap = idle.main.heapUsedAfterGcMiB ?? idle.main.rssMiB;
  const mainMiB = Math.round(heap * factor + (idle.main.rssMiB - heap));
  return {
    how: `estimate: main's heap after GC × ${factor.toFixed(2)} (${LARGE_VENUE_DOCS} / ${docs} documents) + the rest of main's RSS + Chromium's PSS as measured`,
    mainMiB,
    totalMiB: mainMiB + idle.storageHost.pssMiB,
  };
}

function progress(line: string): void {
  process.stderr.write(`memory-report: ${line}\n`);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function portIsFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', () => reject(new Error(`127.0.0.1:${port} is in use (the profile's data belongs to that port: wait until it is free)`)));
    probe.listen({ port, host: '127.0.0.1' }, () => probe.close(() => resolve()));
  });
}

/** The port a profile's IndexedDB belongs to (Chromium names the folder after the origin). */
async function portOfProfile(profileDir: string): Promise<number> {
  const folders = await readdir(path.join(profileDir, 'Default', 'IndexedDB')).catch(() => [] as string[]);
  // An origin's data is a .leveldb folder, and a .blob folder beside it once blobs were stored.
  const ports = [...new Set(folders.map((name) => /^http_127\.0\.0\.1_(\d+)\.indexeddb/.exec(name)?.[1]).filter((port): port is string => port !== undefined))];
  if (ports.length !== 1) throw new Error(`${profileDir} holds IndexedDB data for ${ports.length} loopback origins (${folders.join(', ')}); expected one`);
  return Number(ports[0]);
}

type Running = { main: MainProcess; host: ChromiumStorageHost; api: DeskApiSocket };

async function main(): Promise<unknown> {
  const { values } = parseArgs({
    args: process.argv.slice(2).filter((arg) => arg !== '--'),
    options: {
      profile: { type: 'string' },
      customers: { type: 'string', default: '20000' },
      port: { type: 'string', default: '4828' },
      keep: { type: 'boolean', default: false },
      'open-timeout-min': { type: 'string', default: '30' },
      'venue-in-memory': { type: 'string' },
    },
    strict: true,
  });
  if (values['venue-in-memory'] !== undefined) return measureVenueInMemory(Number(values['venue-in-memory']));
  const openTimeoutMs = Number(values['open-timeout-min']) * 60_000;
  const root = await mkdtemp(path.join(tmpdir(), 'desk-memory-'));
  if (!values.keep) removeOnSignal = root;
  const profileDir = path.join(root, 'profile');
  const dataDir = path.join(root, 'data');
  const secret = randomBytes(18).toString('base64url');
  let running: Running | null = null;
  try {
    let port: number;
    let loadedHere: { customers: number; docs: number } | null = null;
    if (values.profile) {
      const source = path.resolve(values.profile);
      port = await portOfProfile(source);
      await portIsFree(port);
      if (existsSync(path.join(source, 'SingletonLock'))) throw new Error(`${source} is open in a running Chromium: copy it when it is closed`);
      progress(`copying ${source} (read-only reuse; the desk runs on the copy, port ${port})`);
      await cp(source, profileDir, { recursive: true, filter: (file) => !path.basename(file).startsWith('Singleton') });
    } else {
      port = Number(values.port);
      await portIsFree(port);
    }
    const builtPages = fileURLToPath(new URL('../../dist/renderer/', import.meta.url));
    if (!existsSync(path.join(builtPages, 'storage-host.html'))) throw new Error('no built pages in dist/renderer: run npm run build:renderer first');
    const pagesDir = path.join(root, 'pages');
    await cp(builtPages, pagesDir, { recursive: true });
    const script = await bundleDeskProcess(path.join(root, 'main'));
    const origin = `http://127.0.0.1:${port}`;
    const venueFile = path.join(root, 'venue.json');

    type Started = { running: Running; opened: boolean; openMs: number; peak: DeskMemory | null; last: DeskMemory | null };
    const start = async (options: { nodeArgs?: string[]; sample?: boolean; timeoutMs: number }): Promise<Started> => {
      let ready = false;
      const started = startMainProcess({
        script, port, dataDir, secret, venueFile, pagesDir, logFile: path.join(root, 'main.log'), nodeArgs: options.nodeArgs ?? [],
        // Ready once the customers are in memory too (the door opens before them: main/runDesk.ts).
        onLine: (line) => { if (line.includes('desk: customers in memory')) ready = true; },
      });
      const startedMs = Date.now();
      for (let answered = false; !answered;) {
        answered = await fetch(`${origin}/storage-host.html`).then(() => true, () => false);
        if (!answered) await sleep(100);
      }
      const host = await launchChromiumStorageHost({ profileDir, storageHostUrl: `${origin}/storage-host.html?s=${secret}`, logFile: path.join(root, 'chromium.log') });
      const api = await connectDeskApi(origin, secret, 10_000);
      running = { main: started, host, api };
      let peak: DeskMemory | null = null;
      let last: DeskMemory | null = null;
      let lastReport = Date.now();
      while (!ready && Date.now() - startedMs < options.timeoutMs) {
        if (options.sample) {
          last = await measureDeskMemory({ mainPid: started.pid, chromiumPid: host.pid });
          if (!peak || last.totalMiB > peak.totalMiB) peak = last;
          if (Date.now() - lastReport > 30_000) {
            lastReport = Date.now();
            progress(`  opening: ${Math.round((Date.now() - startedMs) / 1000)} s, main ${last.main.rssMiB} MiB, Chromium ${last.storageHost.pssMiB} MiB (PSS)`);
          }
        }
        await sleep(1_000);
      }
      return { running, opened: ready, openMs: Date.now() - startedMs, peak, last };
    };
    const stop = async (current: Running) => {
      current.api.close();
      await current.main.stop(60_000);
      await current.host.stop(60_000);
    };

    if (!values.profile) {
      const customers = Number(values.customers);
      const venue = demoVenueFor(Date.now(), customers);
      const docs = venue.customers.length + venue.products.length + venue.passes.length + venue.sessions.length + venue.bookings.length + venue.ledger.length;
      await writeFile(venueFile, JSON.stringify(venue));
      loadedHere = { customers, docs };
      progress(`loading a demo venue of ${customers} customers (${docs} documents) through the desk; ~2,600 documents/s`);
      const loading = await start({ timeoutMs: openTimeoutMs });
      if (!loading.opened) throw new Error(`the venue did not load within ${values['open-timeout-min']} minutes`);
      progress(`loaded in ${Math.round(loading.openMs / 1000)} s; closing both processes for a cold start`);
      await stop(loading.running);
      running = null;
    } else {
      await writeFile(venueFile, 'null'); // never read: the profile holds its venue
    }

    progress('cold start with the venue in the profile, sampling memory every second');
    const cold = await start({ nodeArgs: ['--expose-gc'], sample: true, timeoutMs: openTimeoutMs });
    if (!cold.opened) {
      // Still worth reporting: what the start cost until it was given up.
      progress(`the desk did not open within ${values['open-timeout-min']} minutes; reporting the start so far`);
      return {
        target: `under ${MEMORY_TARGET_MIB} MiB (1.5 GiB) for main and the storage host together`,
        venue: values.profile ? { profile: path.resolve(values.profile) } : { loadedHere },
        opened: false,
        givenUpAfterMs: cold.openMs,
        duringOpenPeak: cold.peak,
        duringOpenLast: cold.last,
        withinTarget: (cold.peak?.totalMiB ?? 0) < MEMORY_TARGET_MIB ? 'unknown (the desk never opened)' : false,
      };
    }
    const desk = cold.running;
    const status = await desk.api.call('deskStatus', {});
    const counts = status.answered && status.result.ok ? status.result.status.counts : null;
    progress(`desk open in ${Math.round(cold.openMs / 1000)} s: ${JSON.stringify(counts)}`);
    await sleep(5_000);
    const idle = await measureDeskMemory({ mainPid: desk.main.pid, main: desk.main, chromiumPid: desk.host.pid, page: desk.host.page, gc: true });

    // Some door activity: searches as typed, then walk-in check-ins (on the copy).
    const random = seededRandom(7);
    const letters = 'abcdefghijklmnoprstw';
    let checkIns = 0;
    for (let i = 0; i < 200; i += 1) {
      const query = Array.from({ length: 1 + (i % 4) }, () => letters[Math.floor(random() * letters.length)]).join('');
      const found = await desk.api.call('search', { query, limit: 10 });
      const hit = found.answered && found.result.ok ? found.result.hits[0] : undefined;
      if (hit && i % 4 === 0) {
        const answer = await desk.api.call('checkIn', { customerId: hit.customer.id, sessionId: null, confirmDuplicate: true });
        if (answer.answered && answer.result.ok) checkIns += 1;
      }
    }
    const busy = await measureDeskMemory({ mainPid: desk.main.pid, main: desk.main, chromiumPid: desk.host.pid, page: desk.host.page });

    const figures = {
      target: `under ${MEMORY_TARGET_MIB} MiB (1.5 GiB) for main and the storage host together`,
      venue: values.profile ? { profile: path.resolve(values.profile), counts } : { loadedHere, counts },
      opened: true,
      openMs: cold.openMs,
      duringOpenPeak: cold.peak,
      idle,
      afterActivity: { searches: 200, checkIns, ...busy },
      ...(loadedHere ? { scaledToLargeVenue: scaleToLargeVenue(idle, loadedHere.docs) } : {}),
      withinTarget: Math.max(idle.totalMiB, busy.totalMiB, cold.peak?.totalMiB ?? 0) < MEMORY_TARGET_MIB,
    };
    return figures;
  } finally {
    const current = running as Running | null;
    if (current) {
      current.api.close();
      await Promise.all([current.main.stop(60_000), current.host.stop(60_000)]).catch(() => undefined);
    }
    reapAll();
    if (values.keep) progress(`kept ${root}`);
    else await rm(root, { recursive: true, force: true });
  }
}

/** The temporary folder, removed even when the report is interrupted. */
let removeOnSignal: string | null = null;

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.on('exit', reapAll);
  for (const name of ['SIGINT', 'SIGTERM'] as const) {
    process.on(name, () => {
      reapAll();
      if (removeOnSignal) rmSync(removeOnSignal, { recursive: true, force: true });
      process.exit(130);
    });
  }
  main().then(
    (figures) => process.stdout.write(JSON.stringify(figures, null, 2) + '\n'),
    (error: unknown) => {
      progress(`failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
}
