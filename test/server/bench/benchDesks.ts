// The desks of the push benchmark, in a worker thread of their own: the load they make (JSON,
// HTTP clients) must not share the server's event loop, or the benchmark would measure both.
import { parentPort, workerData } from 'node:worker_threads';

export type BenchDesk = { venueId: string; desk: number; token: string };
export type BenchDesksInput = { url: string; desks: BenchDesk[]; rounds: number; batchSize: number };
export type BenchPhase = { samples: number[]; seconds: number };
export type BenchDesksOutput = { hello: BenchPhase; push: BenchPhase } | { error: string };

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
    const rows = Array.from({ length: input.batchSize }, (_, at) => ({ newDocumentState: checkIn(venueId, desk, round * input.batchSize + at) }));
    const response = await fetch(`${input.url}/sync/ledger/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ rows }),
    });
    const answer = await response.json() as { conflicts?: unknown[] };
    if (response.status !== 200 || answer.conflicts?.length !== 0) throw new Error(`push answered ${response.status}: ${JSON.stringify(answer)}`);
  });
  return { hello, push };
}

run(workerData as BenchDesksInput).then(
  (output) => parentPort?.postMessage(output),
  (error: unknown) => parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) } satisfies BenchDesksOutput),
);
