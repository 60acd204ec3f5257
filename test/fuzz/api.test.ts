// The renderer↔main API fuzzed (apiFuzz.ts) for a bounded number of bad calls with a fixed seed.
import { expect, it } from 'vitest';
import { describeReport } from './fuzzRun';
import { fuzzApi } from './apiFuzz';
import { ciRuns, ciSeed } from './fuzzSettings';

it(`refuses ${ciRuns} bad calls each with its specific error, and changes nothing (seed ${ciSeed})`, async () => {
  const report = await fuzzApi({ runs: ciRuns, seed: ciSeed });
  const described = describeReport(report, 'npx tsx test/fuzz/soakFuzz.ts --runs 1');
  console.log(described);
  expect(report.failure, described).toBeNull();
  expect(report.refused).toBe(ciRuns);
});
