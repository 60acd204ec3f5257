// `npm run soak` (tsx test/sync/soak.ts --runs 1000): the convergence model, then the property
// of entries with any clocks (anyClocksModel.ts), for many schedules each. Prints the seed,
// and on a failure the seed, fast-check's path and the schedule, with the command that runs
// exactly that schedule again. Exits 1 on a failure.
//
//   tsx test/sync/soak.ts [--runs 1000] [--seed N] [--only convergence,clocks] [--path P (with one --only)]
import { parseArgs } from 'node:util';
import { describeFailure, runConvergence } from './convergenceRun';
import { runAnyClocks } from './anyClocksModel';
import { startTestEndpoint } from './syncTestbed';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: { runs: { type: 'string', default: '1000' }, seed: { type: 'string' }, path: { type: 'string' }, only: { type: 'string' } },
  strict: true,
});
const runs = Number(values.runs);
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
const chosen = values.only ? values.only.split(',').map((name) => name.trim()) : ['convergence', 'clocks'];
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed) || chosen.some((name) => name !== 'convergence' && name !== 'clocks') || (values.path && chosen.length !== 1)) {
  console.error('usage: tsx test/sync/soak.ts [--runs N] [--seed N] [--only convergence,clocks] [--path P (with one --only)]');
  process.exit(2);
}
const path = values.path ? { path: values.path } : {};

if (chosen.includes('convergence')) {
  console.log(`soak: ${runs} schedules, seed ${seed}${values.path ? `, path ${values.path}` : ''}`);
  const result = await runConvergence({ runs, seed, ...path, progress: (line) => console.log(`soak: ${line}`) });
  if (!result.ok) {
    console.log(describeFailure(result));
    process.exit(1);
  }
  console.log(`soak: ${result.runs} schedules passed (seed ${result.seed}) in ${Math.round(result.ms / 1000)} s: ${JSON.stringify(result.totals)}`);
}

if (chosen.includes('clocks')) {
  console.log(`soak: ${runs} schedules of entries with any clocks, seed ${seed}${values.path ? `, path ${values.path}` : ''}`);
  const started = performance.now();
  const endpoint = await startTestEndpoint();
  try {
    const result = await runAnyClocks(endpoint, { runs, seed, ...path, progress: (line) => console.log(`soak: ${line}`) });
    if (!result.ok) {
      console.log([
        `soak: entries with any clocks failed after ${result.runs} schedule(s): ${result.reason}`,
        `  seed ${result.seed}, path "${result.path}"`,
        `  run it again: npx tsx test/sync/soak.ts --only clocks --runs 1 --seed ${result.seed} --path "${result.path}"`,
        `  schedule: ${JSON.stringify(result.schedule)}`,
      ].join('\n'));
      process.exit(1);
    }
    console.log(`soak: ${result.runs} schedules of entries with any clocks passed (seed ${result.seed}) in ${Math.round((performance.now() - started) / 1000)} s`);
  } finally {
    await endpoint.close();
  }
}
process.exit(0);
