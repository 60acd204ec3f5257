// Benchmark (issue 4 item 8, server side): pushes from 10 desks in each of 10 venues against
// one server process, over HTTP on loopback, each desk pushing small batches of check-ins one
// after the other as a desk's replication does. Reports check-ins acknowledged per second and
// the acknowledgement latency, beside a baseline from the same run: the same desks making the
// cheapest authenticated request (hello), which is HTTP plus the token check.
//
// Two ways of loading the server:
// - closed loop (`checkInsPerSecond`): every desk pushes `batchSize` check-ins, waits for the
//   answer, and pushes again at once: the most the server acknowledges with every desk always
//   waiting on it, at that batch size.
// - at the target rate (`atTargetRate`, issue 7: 2,000 check-ins a second from 100 desks):
//   check-ins come at each door in bursts of 1 to 5 at random, 20 a second per desk, and each
//   desk pushes as its replication does (one push in flight, everything waiting in it, up to
//   the desk's pushBatchSize): does the server keep up, and how long does a check-in wait
//   for its acknowledgement? A faster server gets smaller batches here, as desks would.
//
//   tsx test/server/bench/pushBench.ts [--small]      JSON on stdout, PGlite and PostgreSQL
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DatabaseLocation } from '../../../server/db/openDatabase';
import { startSyncServer } from '../../../server/startSyncServer';
import { createDatabase, findPostgres, startPostgresCluster } from '../postgresCluster';
import { defaultTuning } from '../../../main/sync/collectionReplication';
import type { BenchDesk, BenchDesksInput, BenchDesksOutput, ReplicatingPhase } from './benchDesks';

export type PushBenchOptions = {
  database: DatabaseLocation;
  venues?: number;
  desksPerVenue?: number;
  batchesPerDesk?: number;
  /** Check-ins per push: a queue at the door gives a few at a time. */
  batchSize?: number;
  /** Check-ins a second made at all the doors together, for `atTargetRate` (issue 7: 2,000). */
  targetCheckInsPerSecond?: number;
  /** How long the doors make check-ins at that rate. */
  targetSeconds?: number;
};

export type Latency = { p50: number; p99: number; max: number };

export type PushBenchResult = {
  engine: string;
  venues: number;
  desks: number;
  batchSize: number;
  checkIns: number;
  seconds: number;
  checkInsPerSecond: number;
  ackMs: Latency;
  baseline: { helloPerSecond: number; helloMs: Latency };
  ratio: { pushAckP99OverHelloP99: number };
  atTargetRate: TargetRateResult;
};

export type TargetRateResult = {
  offeredCheckInsPerSecond: number;
  seconds: number;
  checkInsMade: number;
  /** The doors' actual rate (random bursts: near the offered one). */
  madePerSecond: number;
  /** Acknowledged while the doors were open, per second. */
  acknowledgedPerSecond: number;
  /** From the check-in at the door to its acknowledgement (waiting on the desk included). */
  checkInToAckMs: Latency;
  pushesPerSecond: number;
  meanCheckInsPerPush: number;
  /** Check-ins still unacknowledged when the doors closed. */
  waitingAtEnd: number;
  /**
   * At least 95% of the check-ins made were acknowledged while the doors were open: the rest
   * is what came during the last pushes in flight. A server that cannot keep up leaves a
   * backlog that grows for as long as the doors are open.
   */
  keptUp: boolean;
};

function targetRate(phase: ReplicatingPhase, offered: number): TargetRateResult {
  return {
    offeredCheckInsPerSecond: offered,
    seconds: phase.seconds,
    checkInsMade: phase.made,
    madePerSecond: Math.round(phase.made / phase.seconds),
    acknowledgedPerSecond: Math.round(phase.acknowledged / phase.seconds),
    checkInToAckMs: latency(phase.samples),
    pushesPerSecond: Math.round(phase.pushes / phase.seconds),
    meanCheckInsPerPush: Math.round((phase.made / Math.max(phase.pushes, 1)) * 10) / 10,
    waitingAtEnd: phase.waitingAtEnd,
    keptUp: phase.acknowledged >= phase.made * 0.95,
  };
}

function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!;
}

function latency(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 100) / 100;
  return { p50: round(percentile(sorted, 0.5)), p99: round(percentile(sorted, 0.99)), max: round(sorted[sorted.length - 1] ?? 0) };
}

/** The desks run in a worker thread, so that their load is not on the server's event loop. */
function runDesks(input: BenchDesksInput): Promise<Extract<BenchDesksOutput, { hello: unknown }>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./benchDesks.bootstrap.mjs', import.meta.url), { workerData: input });
    worker.once('message', (output: BenchDesksOutput) => {
      void worker.terminate();
      if ('error' in output) reject(new Error(output.error));
      else resolve(output);
    });
    worker.once('error', reject);
  });
}

export async function runPushBench(options: PushBenchOptions): Promise<PushBenchResult> {
  const venues = options.venues ?? 10;
  const desksPerVenue = options.desksPerVenue ?? 10;
  const batchesPerDesk = options.batchesPerDesk ?? 20;
  const batchSize = options.batchSize ?? 5;
  const targetCheckInsPerSecond = options.targetCheckInsPerSecond ?? 2_000;
  const targetSeconds = options.targetSeconds ?? 10;
  const server = await startSyncServer({ database: options.database, adminToken: 'bench-admin-token' });
  try {
    const desks: BenchDesk[] = [];
    for (let venue = 0; venue < venues; venue += 1) {
      const venueId = `bench-venue-${venue + 1}`;
      await server.admin.createVenue({ id: venueId, timeZone: 'Europe/London' });
      for (let desk = 0; desk < desksPerVenue; desk += 1) desks.push({ venueId, desk, token: (await server.admin.issueDevice(venueId, `desk ${desk}`)).token });
    }

    const measured = await runDesks({
      url: server.url,
      desks,
      rounds: batchesPerDesk,
      batchSize,
      replicating: { checkInsPerSecondPerDesk: targetCheckInsPerSecond / desks.length, seconds: targetSeconds, maxBatch: defaultTuning.pushBatchSize, largestBurst: 5 },
    });
    const seconds = measured.push.seconds;
    const ackSamples = measured.push.samples;
    const helloSamples = measured.hello.samples;
    const helloSeconds = measured.hello.seconds;
    const checkIns = desks.length * batchesPerDesk * batchSize;
    const ackMs = latency(ackSamples);
    const helloMs = latency(helloSamples);
    return {
      engine: options.database.kind,
      venues,
      desks: desks.length,
      batchSize,
      checkIns,
      seconds: Math.round(seconds * 100) / 100,
      checkInsPerSecond: Math.round(checkIns / seconds),
      ackMs,
      baseline: { helloPerSecond: Math.round(helloSamples.length / helloSeconds), helloMs },
      ratio: { pushAckP99OverHelloP99: Math.round((ackMs.p99 / Math.max(helloMs.p99, 0.01)) * 100) / 100 },
      atTargetRate: targetRate(measured.replicating!, targetCheckInsPerSecond),
    };
  } finally {
    await server.close();
  }
}

/** Both engines: PGlite in memory, and a throwaway PostgreSQL (skipped, with the reason, where absent). */
export async function runPushBenchmarks(small = false): Promise<{ pglite: PushBenchResult; postgres: PushBenchResult | { skipped: string } }> {
  const sizes = small ? { batchesPerDesk: 4, targetSeconds: 3 } : {};
  const pglite = await runPushBench({ database: { kind: 'pglite-memory' }, ...sizes });
  const found = findPostgres();
  if (!found.ok) return { pglite, postgres: { skipped: found.reason } };
  const cluster = await startPostgresCluster(found);
  try {
    const url = await createDatabase(cluster.adminUrl, 'box_office_bench');
    // One server process; its pool of 20 connections lets pushes of different venues commit in parallel.
    const postgres = await runPushBench({ database: { kind: 'postgres', url, poolSize: 20 }, ...sizes });
    return { pglite, postgres: { ...postgres, engine: `postgres ${cluster.version}` } };
  } finally {
    await cluster.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const results = await runPushBenchmarks(process.argv.includes('--small'));
  process.stdout.write(`${JSON.stringify({ benchmark: 'sync-server-push', ...results }, null, 2)}\n`);
}
