// The renderer↔main API with extreme but valid payloads (apiExtremes.ts), bounded, with a fixed
// seed; `npm run soak` runs 1,000.
import { expect, it } from 'vitest';
import { describeReport } from './fuzzRun';
import { fuzzApiExtremes } from './apiExtremes';
import { ciRuns, ciSeed } from './fuzzSettings';

it(`answers ${ciRuns} extreme but valid calls, ok or with a specific refusal, and writes only entries the endpoint takes (seed ${ciSeed})`, async () => {
  const report = await fuzzApiExtremes({ runs: ciRuns, seed: ciSeed });
  const described = describeReport(report, 'npx tsx test/fuzz/soakFuzz.ts --only api-extremes --runs 1');
  console.log(described);
  expect(report.failure, described).toBeNull();
  expect(report.refused).toBe(ciRuns);
});
