// The fuzzed boundaries for many runs (issue 7): `tsx test/fuzz/soakFuzz.ts --runs 1000` sends
// at least that many bad inputs to each boundary, one boundary after the other, and prints the
// seed; on a failure it prints the seed, fast-check's path and the input, with the command
// that runs exactly that input again, and exits 1.
//
//   tsx test/fuzz/soakFuzz.ts [--runs 1000] [--seed N] [--only api,api-extremes,http,sync,snapshot,import,extremes] [--path P] [--shrink]
import { parseArgs } from 'node:util';
import type { FuzzOptions, FuzzReport } from './fuzzRun';
import { describeReport } from './fuzzRun';
import { fuzzApi } from './apiFuzz';
import { fuzzApiExtremes } from './apiExtremes';
import { fuzzHttp } from './httpFuzz';
import { fuzzSync } from './syncFuzz';
import { fuzzSnapshot } from './snapshotFuzz';
import { fuzzImport } from './importFuzz';
import { fuzzExtremes } from './extremeFuzz';

const boundaries: Record<string, (options: FuzzOptions) => Promise<FuzzReport>> = {
  api: fuzzApi,
  'api-extremes': fuzzApiExtremes,
  http: fuzzHttp,
  sync: fuzzSync,
  snapshot: fuzzSnapshot,
  import: fuzzImport,
  extremes: fuzzExtremes,
};

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    runs: { type: 'string', default: '1000' },
    seed: { type: 'string' },
    only: { type: 'string' },
    path: { type: 'string' },
    shrink: { type: 'boolean', default: false },
  },
  strict: true,
});
const runs = Number(values.runs);
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
const chosen = values.only ? values.only.split(',').map((name) => name.trim()) : Object.keys(boundaries);
const unknown = chosen.filter((name) => !Object.hasOwn(boundaries, name));
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed) || unknown.length > 0 || (values.path && chosen.length !== 1)) {
  console.error(`usage: tsx test/fuzz/soakFuzz.ts [--runs N] [--seed N] [--only ${Object.keys(boundaries).join(',')}] [--path P (with one --only)] [--shrink]`);
  process.exit(2);
}

const replay = 'npx tsx test/fuzz/soakFuzz.ts --runs 1';
console.log(`fuzz soak: ${chosen.join(', ')}, ${runs} bad inputs each, seed ${seed}${values.path ? `, path ${values.path}` : ''}`);
const started = performance.now();
let failed = false;
for (const name of chosen) {
  const report = await boundaries[name]!({
    runs,
    seed,
    ...(values.path ? { path: values.path } : {}),
    // A failure is reported as it was generated unless asked: shrinking a sync round takes long.
    shrink: values.shrink,
    progress: (line) => console.log(`fuzz soak: ${line}`),
  });
  console.log(describeReport(report, replay));
  failed ||= report.failure !== null;
}
console.log(`fuzz soak: ${failed ? 'FAILED' : 'passed'} in ${Math.round((performance.now() - started) / 1000)} s (seed ${seed})`);
process.exit(failed ? 1 : 0);
