// Every HTTP endpoint of the sync server fuzzed (httpFuzz.ts) for a bounded number of bad
// requests with a fixed seed.
import { expect, it } from 'vitest';
import { describeReport } from './fuzzRun';
import { fuzzHttp, routes } from './httpFuzz';
import { syncRoutes } from '../../shared/schema/syncContract';
import { ciRuns, ciSeed } from './fuzzSettings';

it(`answers ${ciRuns} bad requests 4xx with a reason, and changes nothing (seed ${ciSeed})`, async () => {
  const report = await fuzzHttp({ runs: ciRuns, seed: ciSeed });
  const described = describeReport(report, 'npx tsx test/fuzz/soakFuzz.ts --runs 1');
  console.log(described);
  expect(report.failure, described).toBeNull();
  expect(report.refused).toBe(ciRuns);
});

it('fuzzes every route of the contract that takes a device or an admin token', () => {
  const fuzzed = routes().map((route) => `${route.method} ${route.url.split('?')[0]}`);
  const missing = Object.entries(syncRoutes)
    .filter(([, route]) => route.token === 'device' || route.token === 'admin')
    .filter(([, route]) => {
      const pattern = new RegExp(`^${route.method} ${route.path.replace(/:[a-zA-Z]+/g, '[^/]+')}$`);
      return !fuzzed.some((request) => pattern.test(request));
    })
    .map(([name, route]) => `${name}: ${route.method} ${route.path}`);
  expect(missing).toEqual([]);
});
