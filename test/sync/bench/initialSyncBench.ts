// Initial sync of a venue into an empty desk (issue 4, item 8; issue 7): the demo generator's
// venue on the sync endpoint (its own process, PGlite in a data folder under bench-results/,
// made once and reused), a new desk paired with it, timed from the pairing until the door is
// ready (every customer findable, every pass's state right: the snapshot's door part) and
// until the whole first sync is done (the history too); beside it, in the same run, bare bulk
// puts into the same storage of the same documents the desk wrote (its bundles), and, for
// comparison, of the same records one document each. Check-ins at the desk while the history
// arrives are timed beside as many once it is idle. Measurement only.
//
// The real figure uses Chromium's IndexedDB through the storage bridge (the desk's own
// topology, test/bench/'s helpers); `--smoke` runs a small venue on fake-indexeddb in this
// process, to check the mechanics only. Standalone it prints JSON on stdout:
//
//   tsx test/sync/bench/initialSyncBench.ts [--customers 100000] [--smoke] [--skip-record-put]
//
// From test/bench/bench.ts: `await benchInitialSync({ customers: 100_000 })` (JSON-ready figures).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { RxStorage } from 'rxdb';
import type { SyncCollection } from '../../../shared/schema/sync';
import type { BundleDocument } from '../../../shared/schema/collections';
import { BULK_WRITE_BYTES, queryStorage, stripStorageFields } from '../../../main/db/bundles';
import { syncCollections } from '../../../shared/schema/sync';
import { openDeskDatabase } from '../../../main/db/deskDatabase';
import { openDesk } from '../../../main/desk/openDesk';
import type { Desk } from '../../../main/desk/openDesk';
import type { DeskHttpServer } from '../../../main/browser/deskHttpServer';
import type { EndpointSettings } from '../../../main/sync/syncEndpoint';
import { SyncEndpoint } from '../../../main/sync/syncEndpoint';
import { defaultTuning } from '../../../main/sync/collectionReplication';
import { syncSettingsInMemory } from '../../../main/sync/syncSettings';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import type { ChromiumDriver } from '../../bench/storageHost';
import { openStorageHost } from '../../bench/storageHost';
import { startDeskHttpServer } from '../../../main/browser/deskHttpServer';
import type { Summary } from '../../bench/percentiles';
import { round, summarize } from '../../bench/percentiles';
import type { MangoQuery } from 'rxdb';
import type { BareBatch, BarePutTarget } from './bareBulkPut';
import { fakeIndexedDbTarget, pageTarget } from './bareBulkPut';

export type InitialSyncOptions = {
  /** The demo venue's size: 100,000 is SPEC's large venue (about 1.3 million documents). */
  customers: number;
  /** fake-indexeddb in this process: a check of the mechanics, not a figure. */
  smoke?: boolean;
  /**
   * A running desk HTTP server with no storage host connected (it serves one at a time);
   * by default one is started on a free port (the desk's profile is a fresh one anyway).
   */
  deskServer?: DeskHttpServer;
  /** The desk's pull batch (documents per request and per storage write). */
  pullBatchSize?: number;
  progress?: (line: string) => void;
  /** How the desk's Chromium is started (test/bench/storageHost.ts); default plain, as installed. */
  driver?: ChromiumDriver;
  /** Leave out the comparison with the records put one document each (minutes at the large venue). */
  skipRecordPut?: boolean;
};

export type InitialSyncFigures = {
  storage: string;
  /** `today`: the venue day it was generated for; null when an earlier run's venue was reused. */
  venue: { customers: number; seed: number; today: string | null; documents: Record<SyncCollection, number>; total: number; preparedMs: number; reused: boolean };
  sync: {
    ms: number;
    docsPerSec: number;
    /** Until the door was ready: every customer findable and every pass's state right. */
    doorReadyMs: number | null;
    snapshotPageSize: number;
    path: string;
  };
  /** The same documents the desk wrote (its bundles), put bare into the same storage. */
  baseline: { name: string; ms: number; documents: number; megabytes: number; ratio: number };
  /** For comparison: the same records one document each (what a desk wrote before bundles). */
  recordPerDocument: { name: string; ms: number; docsPerSec: number } | 'skipped';
  /**
   * Check-ins at this desk while its first sync runs (from the moment the door's data is in:
   * before that there is no one to find), beside as many on the same desk once it is idle.
   */
  checkInDuringSync: { during: Summary; idle: Summary; ratioP99: number; target: string; mainLoop: { during: MainLoop; idle: MainLoop } } | null;
};

const SEED = 1;
const TIME_ZONE = 'Europe/London';
/** The baseline's documents cross to the page this many at a time (not timed). */
const SHIP = 10_000;
const resultsDir = fileURLToPath(new URL('../../../bench-results/', import.meta.url));

export async function benchInitialSync(options: InitialSyncOptions): Promise<InitialSyncFigures> {
  const progress = options.progress ?? ((line: string) => process.stderr.write(`${line}\n`));
  const pullBatchSize = options.pullBatchSize ?? defaultTuning.pullBatchSize;

  // 1. The venue on the endpoint, made once per size and kept (a million entries take a while).
  const prepared = performance.now();
  const serverDir = path.join(resultsDir, `sync-server-${options.customers}`);
  const today = DateTime.now().setZone(TIME_ZONE).toISODate()!;
  progress(`initial sync: the demo venue of ${options.customers} customers on the endpoint (${serverDir})`);
  const cleanups: (() => Promise<unknown>)[] = [];
  try {
    const endpoint = await startEndpointProcess([serverDir, String(options.customers), String(SEED), today, TIME_ZONE], progress);
    cleanups.push(endpoint.stop);
    const settings: EndpointSettings = { url: endpoint.url, token: endpoint.token };
    const hello = await new SyncEndpoint(settings).hello();
    if (!hello.ok) throw new Error(`the endpoint did not answer: ${hello.failure.message}`);
    const documents = Object.fromEntries(syncCollections.map((name) => [name, hello.value.counts[name] ?? 0])) as Record<SyncCollection, number>;
    const total = Object.values(documents).reduce((sum, count) => sum + count, 0);
    const preparedMs = performance.now() - prepared;
    progress(`initial sync: ${total} documents on the endpoint (${JSON.stringify(documents)})`);

    // 2. An empty desk on the storage, paired; timed until its first sync is done.
    const storage = await openStorage(options, cleanups, progress);
    const db = await openDeskDatabase(storage.rxStorage, `initialsync${Date.now()}`);
    const desk = await openDesk({
      db,
      identity: { deskId: 'desk-initial-sync-bench', staff: 'Bench' },
      now: () => Date.now(),
      log: (line) => progress(`  ${line}`),
      sync: { store: syncSettingsInMemory(), tuning: { pullBatchSize }, resyncEveryMs: 0 },
    });
    cleanups.unshift(() => desk.close());
    const synced = await timeFirstSync(desk, settings, documents, progress);
    const idleCheckIns = synced.checkInMs.length > 0 ? await timeCheckIns(desk, synced.checkInMs.length) : { times: [], mainLoop: null };
    progress(`initial sync: ${total} documents in ${round(synced.ms / 1000, 1)} s (${Math.round(total / (synced.ms / 1000))} docs/s), door ready after ${synced.doorReadyMs === null ? '?' : round(synced.doorReadyMs / 1000, 1)} s`);

    // 3. The same documents the desk wrote, bare, into the same storage; then, for comparison,
    // the same records one document each.
    const bundles = await bareBundlePut(desk, storage.bare);
    progress(`bare bulk put of the desk's ${bundles.documents} bundles (${round(bundles.megabytes, 1)} MB): ${round(bundles.ms / 1000, 1)} s`);
    const bareMs = options.skipRecordPut ? null : await bareBulkPut(storage.bare, settings, pullBatchSize, progress);
    if (bareMs !== null) progress(`bare bulk put, a record a document: ${total} documents in ${round(bareMs / 1000, 1)} s (${Math.round(total / (bareMs / 1000))} docs/s)`);

    return {
      storage: storage.name,
      venue: { customers: options.customers, seed: SEED, today: endpoint.created ? today : null, documents, total, preparedMs: Math.round(preparedMs), reused: !endpoint.created },
      sync: {
        ms: Math.round(synced.ms),
        docsPerSec: Math.round(total / (synced.ms / 1000)),
        doorReadyMs: synced.doorReadyMs === null ? null : Math.round(synced.doorReadyMs),
        snapshotPageSize: defaultTuning.snapshotPageSize,
        path: 'pairEndpoint → GET /sync/snapshot and its parts as the endpoint\'s ready bundles (door first: platform records, pass summaries, recent entries; then the history) → each bundle\'s digest and shared-schema checks in the snapshot worker → memory and bundles (RxDB bulkUpsert over the storage bridge) → replications from the snapshot\'s seqs (main/sync/snapshotSync.ts)',
      },
      baseline: {
        name: 'bare IndexedDB put of the bundles the desk wrote (the same documents), in a page of the same Chromium build and origin (with the plain driver, a Chromium of its own): transactions of 4 MB, strict durability',
        ms: Math.round(bundles.ms),
        documents: bundles.documents,
        megabytes: round(bundles.megabytes, 1),
        ratio: round(bundles.ms / synced.ms, 2),
      },
      recordPerDocument: bareMs === null ? 'skipped' : {
        name: `bare IndexedDB put of the same records one document each: one readwrite transaction (strict durability) per batch of ${pullBatchSize}, one object store per collection`,
        ms: Math.round(bareMs),
        docsPerSec: Math.round(total / (bareMs / 1000)),
      },
      checkInDuringSync: synced.checkInMs.length === 0 || !synced.mainLoop || !idleCheckIns.mainLoop ? null : {
        during: summarize(synced.checkInMs),
        idle: summarize(idleCheckIns.times),
        ratioP99: round(summarize(synced.checkInMs).p99Ms / summarize(idleCheckIns.times).p99Ms, 2),
        mainLoop: { during: synced.mainLoop, idle: idleCheckIns.mainLoop },
        target: 'p99 during the first sync ≤ 1.5× the idle p99',
      },
    };
  } finally {
    for (const cleanup of cleanups) await cleanup().catch((error: unknown) => progress(`initial sync: closing: ${String(error)}`));
  }
}

/** The endpoint in a child process, so that its work does not share this process's event loop. */
async function startEndpointProcess(args: string[], progress: (line: string) => void): Promise<{ url: string; token: string; created: boolean; stop: () => Promise<void> }> {
  const script = fileURLToPath(new URL('./benchEndpoint.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    child.stdin.end();
    await exited;
  };
  const lines = createInterface({ input: child.stdout });
  const ready = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the endpoint process stopped (exit code ${code}) before it was ready`)));
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  lines.on('line', (line) => progress(`  endpoint: ${line}`));
  return { ...(JSON.parse(ready) as { url: string; token: string; created: boolean }), stop };
}

type BenchStorage = { name: string; rxStorage: RxStorage<unknown, unknown>; bare: BarePutTarget };

async function openStorage(options: InitialSyncOptions, cleanups: (() => Promise<unknown>)[], progress: (line: string) => void): Promise<BenchStorage> {
  if (options.smoke) {
    return { name: 'fake-indexeddb in Node (smoke run: not a figure)', rxStorage: getRxStorageDexie({ indexedDB, IDBKeyRange }) as RxStorage<unknown, unknown>, bare: fakeIndexedDbTarget([...syncCollections, 'bundles']) };
  }
  let deskServer = options.deskServer;
  if (!deskServer) {
    // Any free port: this desk's profile is a fresh one, so its origin need not stay the same.
    deskServer = await startDeskHttpServer({ port: 0, log: (line) => progress(`  ${line}`) });
    const started = deskServer;
    cleanups.push(() => started.close());
  }
  // A profile of its own, so that the desk starts empty and nothing is left behind.
  const profileDir = await mkdtemp(path.join(tmpdir(), 'initial-sync-profile-'));
  cleanups.push(() => rm(profileDir, { recursive: true, force: true }));
  const host = await openStorageHost(deskServer, profileDir, options.driver ?? 'plain');
  cleanups.unshift(() => host.close());
  progress(`initial sync: storage host connected (${await host.page.evaluate('navigator.userAgent') as string})`);
  const bare = pageTarget(host.page, [...syncCollections, 'bundles']);
  await bare.reset();
  const how = host.driver === 'plain' ? 'Chromium started with no debugging protocol' : 'Chromium driven by Playwright';
  return { name: `Chromium's IndexedDB through the storage bridge (RxDB remote storage → Dexie, strict durability; ${how})`, rxStorage: host.connection.storage, bare };
}

/** Walk-in check-ins of random customers, one every CHECK_IN_EVERY_MS; the times of those that wrote. */
const CHECK_IN_EVERY_MS = 100;

/**
 * Where a check-in's time goes while it is timed: how late main's event loop ran its timers
 * (a blocked loop delays every call by as much) and how much of one core main used.
 */
/**
 * Main's event loop while check-ins are timed. `cpuShare`: main's thread alone (the one a
 * check-in waits for); `processCpuShare`: the process, its worker threads included (the
 * history's, main/sync/snapshotThread.ts). `gc`: the garbage collections of main's heap (their
 * pauses of main's thread, as Node's performance timeline reports them).
 */
export type MainLoop = { delayP50Ms: number; delayP99Ms: number; delayMaxMs: number; cpuShare: number; processCpuShare: number; gc: { pauses: number; totalMs: number; maxMs: number } };

async function timeCheckIns(desk: Desk, count: number, keepGoing: () => boolean = () => true): Promise<{ times: number[]; mainLoop: MainLoop }> {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const gcPauses: number[] = [];
  const gcObserver = new PerformanceObserver((list) => gcPauses.push(...list.getEntries().map((entry) => entry.duration)));
  gcObserver.observe({ entryTypes: ['gc'] });
  const cpuBefore = process.cpuUsage();
  const threadCpuBefore = process.threadCpuUsage();
  const wallBefore = performance.now();
  const times: number[] = [];
  const customers = [...desk.context.memory.customers.keys()];
  let attempts = 0;
  while (times.length < count && keepGoing() && attempts < count * 50) {
    attempts += 1;
    const customerId = customers[Math.floor(Math.random() * customers.length)]!;
    const started = performance.now();
    const answer = await desk.call('checkIn', { customerId, sessionId: null, confirmDuplicate: true });
    const elapsed = performance.now() - started;
    if (!answer.ok) continue; // no pass can be used: nothing was written, nothing to time
    times.push(elapsed);
    await new Promise((resolve) => setTimeout(resolve, CHECK_IN_EVERY_MS));
  }
  loop.disable();
  gcObserver.disconnect();
  const cpu = process.cpuUsage(cpuBefore);
  const threadCpu = process.threadCpuUsage(threadCpuBefore);
  const wallMs = performance.now() - wallBefore;
  const mainLoop = {
    delayP50Ms: round(loop.percentile(50) / 1e6, 1),
    delayP99Ms: round(loop.percentile(99) / 1e6, 1),
    delayMaxMs: round(loop.max / 1e6, 1),
    cpuShare: round((threadCpu.user + threadCpu.system) / 1000 / wallMs, 2),
    processCpuShare: round((cpu.user + cpu.system) / 1000 / wallMs, 2),
    gc: { pauses: gcPauses.length, totalMs: Math.round(gcPauses.reduce((sum, ms) => sum + ms, 0)), maxMs: round(Math.max(0, ...gcPauses), 1) },
  };
  return { times, mainLoop };
}

async function timeFirstSync(desk: Desk, settings: EndpointSettings, documents: Record<SyncCollection, number>, progress: (line: string) => void): Promise<{ ms: number; doorReadyMs: number | null; checkInMs: number[]; mainLoop: MainLoop | null }> {
  const memory = desk.context.memory;
  // The door is ready when the desk answers again (no longer `venue-arriving`) with every
  // customer and pass in; a pass's state is right from its summary from then on.
  const doorIn = () => !memory.arriving && memory.customers.size >= documents.customers && memory.passes.size >= documents.passes;
  const started = performance.now();
  let doorReadyMs: number | null = null;
  let lastReport = started;
  const paired = await desk.call('pairEndpoint', settings);
  if (!paired.ok) throw new Error(`pairing failed: ${paired.note ? JSON.stringify(paired.note) : paired.error}`);
  let syncing = true;
  let checkIns: Promise<{ times: number[]; mainLoop: MainLoop | null }> = Promise.resolve({ times: [], mainLoop: null });
  for (;;) {
    const status = desk.syncStatus();
    if (doorReadyMs === null && doorIn()) {
      doorReadyMs = performance.now() - started;
      progress(`  the door is ready after ${round(doorReadyMs / 1000, 1)} s`);
      // People are checked in while the history still streams in.
      checkIns = timeCheckIns(desk, Number.MAX_SAFE_INTEGER, () => syncing);
    }
    if (doorReadyMs !== null && status.initial === null && status.lastSyncedAt !== null) break;
    if (performance.now() - lastReport > 15_000) {
      lastReport = performance.now();
      progress(`  ${status.initial?.stage ?? ''} ${status.initial?.done ?? '?'} / ${status.initial?.total ?? '?'}, ${Math.round((lastReport - started) / 1000)} s${status.problem ? ` (${status.problem})` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const ms = performance.now() - started;
  syncing = false;
  const during = await checkIns;
  return { ms, doorReadyMs, checkInMs: during.times, mainLoop: during.mainLoop };
}

/** The desk's bundles read back (not timed) and put bare into the same storage, in transactions of about 4 MB (timed). */
async function bareBundlePut(desk: Desk, target: BarePutTarget): Promise<{ ms: number; documents: number; megabytes: number }> {
  let ms = 0;
  let documents = 0;
  let batch: BundleDocument[] = [];
  let bytes = 0;
  let megabytes = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    ms += await target.put([{ store: 'bundles', docs: batch }]);
    batch = [];
    bytes = 0;
  };
  // Read back a few at a time: the large venue's bundles are more text than one string can hold.
  let after = '';
  for (;;) {
    const page = await queryStorage(desk.context.db.bundles, { selector: { id: { $gt: after } }, sort: [{ id: 'asc' }], limit: 16 } as MangoQuery<BundleDocument>);
    if (page.length === 0) break;
    after = page[page.length - 1]!.id;
    for (const doc of page) {
      const bundle = stripStorageFields(doc);
      documents += 1;
      batch.push(bundle);
      bytes += bundle.records.length;
      megabytes += bundle.records.length / 1e6;
      if (bytes >= BULK_WRITE_BYTES) await flush();
    }
  }
  await flush();
  return { ms, documents, megabytes };
}

/** Pulls every document again (not timed) and times only their bare puts, in batches of the desk's pull size. */
async function bareBulkPut(target: BarePutTarget, settings: EndpointSettings, batchSize: number, progress: (line: string) => void): Promise<number> {
  const endpoint = new SyncEndpoint(settings, { timeoutMs: 120_000 });
  let ms = 0;
  let shipped: BareBatch[] = [];
  let held = 0;
  const flush = async () => {
    if (shipped.length === 0) return;
    ms += await target.put(shipped);
    shipped = [];
    held = 0;
  };
  for (const collection of syncCollections) {
    let checkpoint: { seq: number; id: string } | undefined;
    for (;;) {
      const page = await endpoint.pull(collection, checkpoint, batchSize);
      if (!page.ok) throw new Error(`pull ${collection}: ${page.failure.message}`);
      if (page.value.documents.length > 0) {
        shipped.push({ store: collection, docs: page.value.documents });
        held += page.value.documents.length;
        if (held >= SHIP) await flush();
      }
      if (!page.value.checkpoint || page.value.documents.length < batchSize) break;
      checkpoint = page.value.checkpoint;
    }
    await flush();
    progress(`  bare put: ${collection} done`);
  }
  return ms;
}

async function main(): Promise<void> {
  // stdout carries the JSON and nothing else: any library's console.log goes to stderr.
  console.log = console.error;
  console.info = console.error;
  const { values } = parseArgs({
    args: process.argv.slice(2).filter((arg) => arg !== '--'),
    options: { customers: { type: 'string' }, smoke: { type: 'boolean', default: false }, batch: { type: 'string' }, 'skip-record-put': { type: 'boolean', default: false } },
    strict: true,
  });
  const customers = Number(values.customers ?? (values.smoke ? 200 : 100_000));
  const figures = await benchInitialSync({ customers, smoke: values.smoke, skipRecordPut: values['skip-record-put'], ...(values.batch ? { pullBatchSize: Number(values.batch) } : {}) });
  process.stdout.write(`${JSON.stringify({ initialSync: figures }, null, 2)}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    process.stderr.write(`initial sync bench failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
