// Every HTTP endpoint of the sync server fuzzed (httpFuzz.ts) for a bounded number of bad
// requests with a fixed seed.
import { expect, it } from 'vitest';
import { describeReport } from './fuzzRun';
import { fuzzHttp } from './httpFuzz';
import { ciRuns, ciSeed } from './fuzzSettings';

it(`answers ${ciRuns} bad requests 4xx with a reason, and changes nothing (seed ${ciSeed})`, async () => {
  const report = await fuzzHttp({ runs: ciRuns, seed: ciSeed });
  const described = describeReport(report, 'npx tsx test/fuzz/soakFuzz.ts --runs 1');
  console.log(described);
  expect(report.failure, described).toBeNull();
  expect(report.refused).toBe(ciRuns);
});
