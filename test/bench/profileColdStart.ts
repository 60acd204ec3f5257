// `tsx test/bench/profileColdStart.ts [--small] [--driver plain|playwright|both]`: the desk's cold
// start on the profile `npm run bench` loaded, alone (no other section), beside the bare batched
// read of the same data (test/bench/coldStartBench.ts), with main's CPU time beside the wall
// time: the door open against the door's part of the read, the first check-in against both. `both` (the default) starts it under Playwright and then with Chromium started plainly
// (test/bench/storageHost.ts), so that what CDP adds is seen at one load of the machine.
// For where main's CPU goes, run it under Node's profiler:
//   node --cpu-prof --cpu-prof-dir=DIR --import tsx test/bench/profileColdStart.ts --driver plain
// Main's memory right after the start is given as it is and after a full collection (what is
// garbage and what is held: test/bench/mainMemory.ts); `--heap-snapshot DIR` writes a
// heap snapshot there too (open it in Chromium's DevTools, Memory tab).
// Not part of the JSON of the bench: a diagnosis. JSON on stdout.
import os from 'node:os';
import path from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { parseArgs } from 'node:util';
import type { ColdStartBaseline } from './coldStartBench';
import { aloneBaselineMs, bareColdRead, coldStart, firstCustomersOf } from './coldStartBench';
import { CUSTOMERS, profileDirOf } from './largeVenue';
import { progress, ratio, seededRandom } from './percentiles';
import { mainMemory } from './mainMemory';
import type { ChromiumDriver } from './storageHost';
import { startBenchServer } from './storageHost';

const { values } = parseArgs({ options: { small: { type: 'boolean', default: false }, driver: { type: 'string', default: 'both' }, 'heap-snapshot': { type: 'string' } }, strict: true });
if (!['plain', 'playwright', 'both'].includes(values.driver)) throw new Error(`--driver is plain, playwright or both, not ${values.driver}`);
const drivers: ChromiumDriver[] = values.driver === 'both' ? ['playwright', 'plain'] : [values.driver as ChromiumDriver];

const server = await startBenchServer();
const figures: unknown[] = [];
try {
  for (const driver of drivers) {
    const loadAverage = os.loadavg().map((value) => Math.round(value * 10) / 10);
    const held: { baseline?: ColdStartBaseline } = {};
    const random = seededRandom(20240601);
    const firstCustomers = firstCustomersOf(CUSTOMERS[values.small ? 'small' : 'large'], random);
    const run = await coldStart(server, profileDirOf(values.small ? 'small' : 'large'), { deskId: 'desk-bench', staff: 'Bench' }, random, {
      budgetMs: null,
      driver,
      firstCustomers,
      baseline: async (host) => { held.baseline = await bareColdRead(host, firstCustomers); },
    });
    const memory = mainMemory();
    if (values['heap-snapshot']) progress(`heap snapshot: ${writeHeapSnapshot(path.join(values['heap-snapshot'], `coldStart-${driver}.heapsnapshot`))}`);
    await run.desk?.close();
    await run.host?.close();
    const baselineMs = held.baseline!.ms;
    const doorBaselineMs = held.baseline!.door.ms;
    const aloneMs = aloneBaselineMs(held.baseline!, run.figures.firstCheckInAlonePreviewed ?? 0);
    progress(`${driver}: the door open in ${Math.round(run.figures.doorOpenMs)} ms (main's CPU ${run.figures.mainCpuAtDoorMs} ms), baseline ${Math.round(doorBaselineMs)} ms; the first check-in on a customer read alone at ${Math.round(run.figures.firstCheckInAloneMs ?? 0)} ms, baseline ${Math.round(aloneMs)} ms (${run.figures.firstCheckInAlonePreviewed} customers previewed); the first check-in after the customers' part at ${Math.round(run.figures.totalMs)} ms (main's CPU ${run.figures.mainCpuMs} ms), baseline ${Math.round(baselineMs)} ms`);
    figures.push({
      driver,
      loadAverageAtStart: loadAverage,
      loadAverageAtEnd: os.loadavg().map((value) => Math.round(value * 10) / 10),
      ...run.figures,
      baselineMs,
      ratio: ratio(run.figures.totalMs, baselineMs),
      doorBaselineMs,
      doorRatio: ratio(run.figures.doorOpenMs, doorBaselineMs),
      aloneBaselineMs: aloneMs,
      aloneRatio: ratio(run.figures.firstCheckInAloneMs ?? 0, aloneMs),
      oneCustomer: held.baseline!.oneCustomer,
      memory,
    });
  }
} finally {
  await server.close();
}
process.stdout.write(JSON.stringify(figures, null, 2) + '\n');
