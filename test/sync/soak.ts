// `npm run soak` (tsx test/sync/soak.ts --runs 1000): the convergence model for many schedules.
// Prints the seed, and on a failure the seed, fast-check's path and the schedule, with the
// command that runs exactly that schedule again. Exits 1 on a failure.
//
//   tsx test/sync/soak.ts [--runs 1000] [--seed N] [--path P]
import { parseArgs } from 'node:util';
import { describeFailure, runConvergence } from './convergenceRun';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: { runs: { type: 'string', default: '1000' }, seed: { type: 'string' }, path: { type: 'string' } },
  strict: true,
});
const runs = Number(values.runs);
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed)) {
  console.error('usage: tsx test/sync/soak.ts [--runs N] [--seed N] [--path P]');
  process.exit(2);
}

console.log(`soak: ${runs} schedules, seed ${seed}${values.path ? `, path ${values.path}` : ''}`);
const result = await runConvergence({ runs, seed, ...(values.path ? { path: values.path } : {}), progress: (line) => console.log(`soak: ${line}`) });
if (result.ok) {
  console.log(`soak: ${result.runs} schedules passed (seed ${result.seed}) in ${Math.round(result.ms / 1000)} s: ${JSON.stringify(result.totals)}`);
  process.exit(0);
}
console.log(describeFailure(result));
process.exit(1);
