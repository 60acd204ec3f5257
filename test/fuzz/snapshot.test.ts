// A new desk's snapshot fuzzed (snapshotFuzz.ts) for a bounded number of bad pages and answers,
// and pages of extreme but valid records, with a fixed seed.
import { expect, it } from 'vitest';
import { describeReport } from './fuzzRun';
import { fuzzSnapshot } from './snapshotFuzz';
import { ciRuns, ciSeed } from './fuzzSettings';

it(`refuses the bad records of ${ciRuns} snapshots one by one with their reason, survives bad answers, and ends holding what a clean snapshot gives; takes extreme but valid records on its own clock (seed ${ciSeed})`, async () => {
  const report = await fuzzSnapshot({ runs: ciRuns, seed: ciSeed });
  const described = describeReport(report, 'npx tsx test/fuzz/soakFuzz.ts --runs 1 --only snapshot');
  console.log(described);
  expect(report.failure, described).toBeNull();
  expect(report.refused).toBe(ciRuns);
});
