// The convergence model (convergenceModel.ts) for a bounded number of schedules with a fixed
// seed, printed, so that CI failures can be replayed; `npm run soak` runs 1,000.
// CONVERGENCE_RUNS and CONVERGENCE_SEED override both.
import { expect, it } from 'vitest';
import { describeFailure, runConvergence } from './convergenceRun';

const runs = Number(process.env.CONVERGENCE_RUNS ?? 15);
const seed = Number(process.env.CONVERGENCE_SEED ?? 20260201);

it(`desks converge with the endpoint and the pure fold after any faults (${runs} schedules, seed ${seed})`, async () => {
  const result = await runConvergence({ runs, seed, progress: (line) => console.log(`convergence: ${line}`) });
  if (!result.ok) throw new Error(describeFailure(result));
  console.log(`convergence: ${result.runs} schedules passed with seed ${result.seed} in ${Math.round(result.ms / 1000)} s: ${JSON.stringify(result.totals)}`);
  expect(result.runs).toBe(runs);
}, 30 * 60_000);
