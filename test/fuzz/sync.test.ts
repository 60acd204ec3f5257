// Documents arriving by sync fuzzed (syncFuzz.ts) for a bounded number of bad pages, answers
// and stream messages, and pages of extreme but valid records, with a fixed seed.
import { expect, it } from 'vitest';
import { describeReport } from './fuzzRun';
import { fuzzSync } from './syncFuzz';
import { ciRuns, ciSeed } from './fuzzSettings';

it(`refuses bad pulls and messages with the reason logged and changes nothing; takes extreme but valid records and stays on its own clock (${ciRuns} inputs, seed ${ciSeed})`, async () => {
  const report = await fuzzSync({ runs: ciRuns, seed: ciSeed });
  const described = describeReport(report, 'npx tsx test/fuzz/soakFuzz.ts --runs 1');
  console.log(described);
  expect(report.failure, described).toBeNull();
  expect(report.refused).toBe(ciRuns);
});
