// The desks of the push benchmark, in a worker thread of their own: the load they make (JSON,
// HTTP clients) must not share the server's event loop, or the benchmark would measure both.
import { parentPort, workerData } from 'node:worker_threads';
import { seededRandom } from '../../bench/percentiles';

export type BenchDesk = { venueId: string; desk: number; token: string };
/**
 * Desks as their replication pushes (main/sync/collectionReplication.ts): check-ins come at the
 * door in small bursts, at random, at a given rate; each desk has one push in flight at a time,
 * and each push carries every check-in waiting, up to `maxBatch` (the desk's pushBatchSize).
 */
export type ReplicatingDesks = { checkInsPerSecondPerDesk: number; seconds: number; maxBatch: number; largestBurst: number };
export type BenchDesksInput = { url: string; desks: BenchDesk[]; rounds: number; batchSize: number; replicating?: ReplicatingDesks };
export type BenchPhase = { samples: number[]; seconds: number };
export type ReplicatingPhase = {
  /** Check-ins made at the doors while the phase ran, and how many were acknowledged. */
  made: number;
  acknowledged: number;
  seconds: number;
  /** From a check-in made at the door to its acknowledgement by the endpoint, ms. */
  samples: number[];
  pushes: number;
  /** Check-ins still waiting (made but unacknowledged) when the phase ended. */
  waitingAtEnd: number;
};
export type BenchDesksOutput = { hello: BenchPhase; push: BenchPhase; replicating?: ReplicatingPhase } | { error: string };

function checkIn(venueId: string, desk: number, number: number): Record<string, unknown> {
  const wallMs = 1_769_932_500_000 + number * 1000;
  const deskId = `desk-${desk}`;
  return {
    id: `${venueId}-${deskId}-${number}`, venueId, kind: 'check-in', passId: `x-${number % 500}`, customerId: `c-${number % 500}`,
    sessionId: 's-1', deskId, staff: 'Maya', reason: '', at: new Date(wallMs).toISOString(),
    hlc: `${String(wallMs).padStart(15, '0')}:000000:${deskId}`, charged: true, bookingId: '', venueDay: '2026-02-01', _deleted: false,
  };
}

/** Every desk runs `request` `rounds` times, one after the other; all desks at once. */
async function phase(desks: readonly BenchDesk[], rounds: number, request: (desk: BenchDesk, round: number) => Promise<void>): Promise<BenchPhase> {
  const samples: number[] = [];
  const started = performance.now();
  await Promise.all(desks.map(async (desk) => {
    for (let round = 0; round < rounds; round += 1) {
      const sent = performance.now();
      await request(desk, round);
      samples.push(performance.now() - sent);
    }
  }));
  return { samples, seconds: (performance.now() - started) / 1000 };
}

async function pushRows(url: string, token: string, documents: Record<string, unknown>[]): Promise<void> {
  const response = await fetch(`${url}/sync/ledger/push`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ rows: documents.map((newDocumentState) => ({ newDocumentState })) }),
  });
  const answer = await response.json() as { conflicts?: unknown[] };
  if (response.status !== 200 || answer.conflicts?.length !== 0) throw new Error(`push answered ${response.status}: ${JSON.stringify(answer)}`);
}

/**
 * Every desk makes check-ins in bursts of 1 to `largestBurst` (a queue at the door), the gaps
 * between bursts drawn at random so that the desk makes `checkInsPerSecondPerDesk` on average,
 * for `seconds`; its replication pushes what is waiting whenever no push of it is in flight.
 * What is still waiting at the end is pushed and counted, but not as acknowledged in time.
 */
async function replicating(input: BenchDesksInput, options: ReplicatingDesks, firstNumber: number): Promise<ReplicatingPhase> {
  const samples: number[] = [];
  let made = 0;
  let acknowledged = 0;
  let pushes = 0;
  let waitingAtEnd = 0;
  const started = performance.now();
  const endsAt = started + options.seconds * 1000;
  const meanBurst = (1 + options.largestBurst) / 2;
  await Promise.all(input.desks.map(async ({ venueId, desk, token }, deskIndex) => {
    const random = seededRandom(20_260_201 + deskIndex);
    const waiting: { document: Record<string, unknown>; madeAt: number }[] = [];
    let number = firstNumber;
    // Wakes the replication when the door made check-ins (or closed).
    const replication: { wake: (() => void) | null } = { wake: null };
    let doorOpen = true;
    const door = (async () => {
      let burstAt = started;
      for (;;) {
        // Exponential gaps: bursts arrive independently of each other and of the endpoint. Kept
        // on a schedule of their own, so that a late timer does not lower the rate.
        burstAt += (-Math.log(1 - random()) * meanBurst * 1000) / options.checkInsPerSecondPerDesk;
        if (burstAt >= endsAt) break;
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, burstAt - performance.now())));
        const burst = 1 + Math.floor(random() * options.largestBurst);
        for (let at = 0; at < burst; at += 1) waiting.push({ document: checkIn(venueId, desk, number++), madeAt: performance.now() });
        made += burst;
        replication.wake?.();
      }
      doorOpen = false;
      replication.wake?.();
    })();
    for (;;) {
      if (waiting.length === 0) {
        if (!doorOpen) break;
        await new Promise<void>((resolve) => { replication.wake = resolve; });
        replication.wake = null;
        continue;
      }
      const batch = waiting.splice(0, options.maxBatch);
      const inTime = performance.now() < endsAt;
      if (!inTime) waitingAtEnd += batch.length;
      await pushRows(input.url, token, batch.map((item) => item.document));
      pushes += 1;
      if (inTime) {
        const answeredAt = performance.now();
        acknowledged += batch.length;
        for (const item of batch) samples.push(answeredAt - item.madeAt);
      }
    }
    await door;
  }));
  return { made, acknowledged, seconds: options.seconds, samples, pushes, waitingAtEnd };
}

async function run(input: BenchDesksInput): Promise<BenchDesksOutput> {
  // Warm-up, not measured: connections opened, code paths compiled on both sides.
  await phase(input.desks, 2, async ({ token }) => {
    await (await fetch(`${input.url}/sync/hello`, { headers: { authorization: `Bearer ${token}` } })).arrayBuffer();
  });
  const hello = await phase(input.desks, input.rounds, async ({ token }) => {
    const response = await fetch(`${input.url}/sync/hello`, { headers: { authorization: `Bearer ${token}` } });
    if (response.status !== 200) throw new Error(`hello answered ${response.status}`);
    await response.arrayBuffer();
  });
  const push = await phase(input.desks, input.rounds, async ({ venueId, desk, token }, round) => {
    await pushRows(input.url, token, Array.from({ length: input.batchSize }, (_, at) => checkIn(venueId, desk, round * input.batchSize + at)));
  });
  if (!input.replicating) return { hello, push };
  return { hello, push, replicating: await replicating(input, input.replicating, input.rounds * input.batchSize) };
}

run(workerData as BenchDesksInput).then(
  (output) => parentPort?.postMessage(output),
  (error: unknown) => parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) } satisfies BenchDesksOutput),
);
