// `npm run soak` (tsx test/sync/soak.ts --runs 1000): the convergence model, the same with a venue
// hub between the desks and upstream (`hubs`: desks falling over to upstream and back), then the property
// of entries with any clocks (anyClocksModel.ts), for many schedules each. Prints the seed,
// and on a failure the seed, fast-check's path and the schedule, with the command that runs
// exactly that schedule again. Exits 1 on a failure. The schedules with any clocks and those
// with a hub run in `--shards` processes (default 2): a schedule waits mostly on RxDB's open
// core and the hub's PGlite, not on the processor, and each process runs every n-th schedule of
// the one sequence, so a failure's seed and path replay it in a single process.
//
//   tsx test/sync/soak.ts [--runs 1000] [--seed N] [--only convergence,hubs,clocks] [--path P (with one --only)] [--shards 2]
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { describeFailure, runConvergence } from './convergenceRun';
import { runAnyClocks } from './anyClocksModel';
import { startTestEndpoint } from './syncTestbed';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: { runs: { type: 'string', default: '1000' }, seed: { type: 'string' }, path: { type: 'string' }, only: { type: 'string' }, shards: { type: 'string', default: '2' }, shard: { type: 'string' } },
  strict: true,
});
const runs = Number(values.runs);
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
const chosen = values.only ? values.only.split(',').map((name) => name.trim()) : ['convergence', 'hubs', 'clocks'];
const shards = values.path ? 1 : Number(values.shards);
/** Set in a process the soak started: which share of the schedules with any clocks it runs ("index/count"). */
const shard = values.shard ? { index: Number(values.shard.split('/')[0]), count: Number(values.shard.split('/')[1]) } : undefined;
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed) || chosen.some((name) => name !== 'convergence' && name !== 'hubs' && name !== 'clocks') || (values.path && chosen.length !== 1)
  || !Number.isInteger(shards) || shards < 1 || (shard && !(Number.isInteger(shard.index) && shard.count >= 1 && shard.index >= 0 && shard.index < shard.count))) {
  console.error('usage: tsx test/sync/soak.ts [--runs N] [--seed N] [--only convergence,hubs,clocks] [--path P (with one --only)] [--shards N]');
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

if (chosen.includes('hubs') && !shard && shards > 1) {
  console.log(`soak: ${runs} schedules with a venue hub, seed ${seed}, in ${shards} processes`);
  const started = performance.now();
  const codes = await Promise.all(Array.from({ length: shards }, (_, index) => shardProcess('hubs', index, shards)));
  if (codes.some((code) => code !== 0)) process.exit(1);
  console.log(`soak: ${runs} schedules with a venue hub passed (seed ${seed}) in ${Math.round((performance.now() - started) / 1000)} s, 0 lost, 0 counted twice`);
} else if (chosen.includes('hubs')) {
  console.log(`soak: ${runs} schedules with a venue hub, seed ${seed}${values.path ? `, path ${values.path}` : ''}${shard ? `, every ${shard.count}th from ${shard.index + 1}` : ''}`);
  const result = await runConvergence({ runs, seed, hubs: true, ...path, ...(shard ? { shard } : {}), progress: (line) => console.log(`soak (hub): ${line}`) });
  if (!result.ok) {
    console.log(describeFailure(result));
    process.exit(1);
  }
  console.log(`soak: ${result.ran} schedules with a venue hub passed (seed ${result.seed}) in ${Math.round(result.ms / 1000)} s, 0 lost, 0 counted twice: ${JSON.stringify(result.totals)}`);
}

/** This script again, in a process of its own, for one share of the schedules with any clocks or with a hub. */
function shardProcess(only: 'clocks' | 'hubs', index: number, count: number): Promise<number> {
  const child = spawn(process.execPath, [...process.execArgv, process.argv[1]!, '--only', only, '--runs', String(runs), '--seed', String(seed), '--shard', `${index}/${count}`], { stdio: ['ignore', 'pipe', 'inherit'] });
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    // Its own lines and a failure's details (indented); not RxDB's banner.
    for (const line of text.split('\n').filter((each) => each.startsWith('soak') || each.startsWith('  '))) console.log(`[${index + 1}/${count}] ${line}`);
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
}

if (chosen.includes('clocks') && !shard && shards > 1) {
  console.log(`soak: ${runs} schedules of entries with any clocks, seed ${seed}, in ${shards} processes`);
  const started = performance.now();
  const codes = await Promise.all(Array.from({ length: shards }, (_, index) => shardProcess('clocks', index, shards)));
  if (codes.some((code) => code !== 0)) process.exit(1);
  console.log(`soak: ${runs} schedules of entries with any clocks passed (seed ${seed}) in ${Math.round((performance.now() - started) / 1000)} s`);
} else if (chosen.includes('clocks')) {
  console.log(`soak: ${runs} schedules of entries with any clocks, seed ${seed}${values.path ? `, path ${values.path}` : ''}${shard ? `, every ${shard.count}th from ${shard.index + 1}` : ''}`);
  const started = performance.now();
  const endpoint = await startTestEndpoint();
  try {
    const result = await runAnyClocks(endpoint, { runs, seed, ...path, ...(shard ? { shard } : {}), progress: (line) => console.log(`soak: ${line}`) });
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
