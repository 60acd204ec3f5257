// Import files fuzzed (importFuzz.ts): venue files on a desk and on the server, CSV on the
// server, for a bounded number of bad files, and venue files at every edge, with a fixed seed.
import { expect, it } from 'vitest';
import { describeReport } from './fuzzRun';
import { fuzzImport } from './importFuzz';
import { ciRuns, ciSeed } from './fuzzSettings';

it(`refuses bad import files whole, saying where, and changes nothing; takes venue files at every edge, refusing only stamps ahead of the server's clock (${ciRuns} files, seed ${ciSeed})`, async () => {
  const report = await fuzzImport({ runs: ciRuns, seed: ciSeed });
  const described = describeReport(report, 'npx tsx test/fuzz/soakFuzz.ts --runs 1');
  console.log(described);
  expect(report.failure, described).toBeNull();
  expect(report.refused).toBe(ciRuns);
});
