// Runs the convergence model (convergenceModel.ts) for a number of schedules with a seed: one
// endpoint in this process, one worker thread per desk reused from schedule to schedule (each
// schedule gets a fresh venue and fresh databases). A failure comes back with the seed and
// fast-check's path, so that exactly that schedule can be run again.
import fc from 'fast-check';
import { DeskThread } from '../scenarios/deskThread';
import type { RunningEndpoint } from '../scenarios/scenarioEndpoint';
import type { RunStats, Schedule } from './convergenceModel';
import { MAX_DESKS, runSchedule, scheduleArbitrary } from './convergenceModel';
import { startTestEndpoint } from './syncTestbed';
import type { Shard } from './anyClocksModel';

export type ConvergenceOptions = {
  runs: number;
  seed: number;
  /** Replays one failing schedule (fast-check's path from a failure report). */
  path?: string;
  progress?: (line: string) => void;
  /** Schedules with a venue hub between the desks and upstream, and desks falling over to upstream. */
  hubs?: boolean;
  /** This process runs schedules index, index + count, … of the one sequence (test/sync/soak.ts --shards). */
  shard?: Shard;
};

export type ConvergenceResult =
  /** `ran`: the schedules this process ran (all of `runs` unless sharded). */
  | { ok: true; runs: number; ran: number; seed: number; totals: RunStats; ms: number }
  | { ok: false; runs: number; seed: number; path: string; reason: string; schedule: Schedule | null; ms: number };

export async function runConvergence(options: ConvergenceOptions): Promise<ConvergenceResult> {
  const started = performance.now();
  // The endpoint's clock is the real one: every desk of the model runs behind it (its clocks are
  // in early 2026, skewed and advanced by the schedule), as most desks do.
  const endpoint: RunningEndpoint = await startTestEndpoint(undefined, 0, Date.now());
  const threads = Array.from({ length: MAX_DESKS }, (_, index) => new DeskThread(`D${index + 1}`));
  const totals: RunStats = { commands: 0, refused: 0, entries: 0, syncRounds: 0, failedRounds: 0, healRounds: 0, faults: 0, switches: 0 };
  let run = 0;
  let ran = 0;
  try {
    const details = await fc.check(
      fc.asyncProperty(scheduleArbitrary({ hub: options.hubs ?? false }), async (schedule) => {
        run += 1;
        // A failure's seed and path are those of the whole sequence, so they replay in one process.
        if (options.shard && (run - 1) % options.shard.count !== options.shard.index) return;
        ran += 1;
        const verdict = await runSchedule(endpoint, threads, schedule, `${options.seed}-${run}`);
        if (!verdict.ok) throw new Error(verdict.reason);
        for (const key of Object.keys(totals) as (keyof RunStats)[]) totals[key] += verdict.stats[key];
        if (ran % 10 === 0) options.progress?.(`${ran} schedules, ${totals.commands} commands, ${totals.syncRounds} sync rounds (${totals.failedRounds} failed), ${totals.faults} network faults, ${totals.switches} failovers and back`);
      }),
      {
        numRuns: options.runs,
        seed: options.seed,
        ...(options.path ? { path: options.path } : {}),
        // A schedule takes seconds: report the first failure as it is rather than shrink it for hours.
        endOnFailure: true,
      },
    );
    const ms = Math.round(performance.now() - started);
    if (!details.failed) return { ok: true, runs: details.numRuns, ran, seed: options.seed, totals, ms };
    const error = details.errorInstance;
    return {
      ok: false,
      runs: details.numRuns,
      seed: details.seed,
      path: details.counterexamplePath ?? '',
      reason: error instanceof Error ? error.message : String(error),
      schedule: details.counterexample?.[0] ?? null,
      ms,
    };
  } finally {
    await Promise.all(threads.map((thread) => thread.close()));
    await endpoint.close();
  }
}

export function describeFailure(result: Extract<ConvergenceResult, { ok: false }>): string {
  return [
    `convergence failed after ${result.runs} schedule(s): ${result.reason}`,
    `  seed ${result.seed}, path "${result.path}"`,
    `  run it again: npx tsx test/sync/soak.ts --only ${result.schedule?.hub ? 'hubs' : 'convergence'} --runs 1 --seed ${result.seed} --path "${result.path}"`,
    `  schedule: ${JSON.stringify(result.schedule)}`,
  ].join('\n');
}
