// Issue 12, build item 7: "any sequence of valid entries from any desks, with any clocks, never
// stops a desk opening, and every desk converges" (anyClocksModel.ts), for a bounded number of
// schedules with a fixed seed; `npm run soak` runs 1,000.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningEndpoint } from '../scenarios/scenarioEndpoint';
import { startTestEndpoint } from './syncTestbed';
import { runAnyClocks } from './anyClocksModel';

const runs = Number(process.env.ANY_CLOCKS_RUNS ?? 4);
const seed = Number(process.env.ANY_CLOCKS_SEED ?? 20261207);
let endpoint: RunningEndpoint;

beforeAll(async () => {
  endpoint = await startTestEndpoint();
});
afterAll(async () => {
  await endpoint?.close();
});

it(`entries with any clocks never stop a desk opening, and both desks converge (${runs} schedules, seed ${seed})`, async () => {
  const result = await runAnyClocks(endpoint, { runs, seed });
  const replay = result.ok ? '' : `\n  run it again: npx tsx test/sync/soak.ts --only clocks --runs 1 --seed ${result.seed} --path "${result.path}"\n  schedule: ${JSON.stringify(result.schedule)}`;
  expect(result.ok ? 'ok' : `${result.reason}${replay}`).toBe('ok');
}, 300_000);
