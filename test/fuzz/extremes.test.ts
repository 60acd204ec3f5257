// The sync endpoint fuzzed with extreme but valid requests (extremeFuzz.ts) for a bounded
// number of runs with a fixed seed; the soak runs 1,000 (`npm run soak`).
import { expect, it } from 'vitest';
import { describeReport } from './fuzzRun';
import { fuzzExtremes } from './extremeFuzz';
import { ciRuns, ciSeed } from './fuzzSettings';

it(`takes ${ciRuns} extreme but valid requests, storing exactly what was sent (seed ${ciSeed})`, async () => {
  const report = await fuzzExtremes({ runs: ciRuns, seed: ciSeed });
  const described = describeReport(report, 'npx tsx test/fuzz/soakFuzz.ts --runs 1');
  console.log(described);
  expect(report.failure, described).toBeNull();
  expect(report.refused).toBe(ciRuns);
});
