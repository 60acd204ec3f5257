// `tsx test/bench/profileFirstSync.ts [--customers N]`: a new desk's first sync of the demo venue
// (test/sync/bench/initialSyncBench.ts: the endpoint in its own process, the desk's Chromium
// started plainly), stopped once the history is in, with main's CPU time beside the wall time
// from the pairing (CPU time is what a change to main's work moves; the wall time on a shared
// machine is mostly waiting for a core). `mainCpuS` is the process's CPU, its worker threads
// included (the history's, main/sync/snapshotThread.ts); `mainThreadCpuS` main's thread alone,
// the one check-ins wait for (process.threadCpuUsage, Node ≥ 23.9). For where the time goes, run it under Node's profiler:
//   node --cpu-prof --cpu-prof-dir=DIR --import tsx test/bench/profileFirstSync.ts
// Not part of the JSON of the bench: a diagnosis. One JSON line on stdout.
import { parseArgs } from 'node:util';
import { benchInitialSync } from '../sync/bench/initialSyncBench';
import { progress, round } from './percentiles';

const { values } = parseArgs({ options: { customers: { type: 'string', default: '100000' } }, strict: true });
let cpuAtPairing: NodeJS.CpuUsage | null = null;
let threadCpuAtPairing: NodeJS.CpuUsage | null = null;
let pairedAt = 0;
let doorReadyS: number | null = null;
let figures: Record<string, unknown> | null = null;
// Timed until the history is in; the rest of benchInitialSync (idle check-ins, the bundles' bare
// put) then runs to its end, so that its browser, endpoint and profile are closed and removed.
await benchInitialSync({
  customers: Number(values.customers),
  skipRecordPut: true,
  progress: (line) => {
    progress(line);
    if (line.includes('sync: paired')) {
      cpuAtPairing = process.cpuUsage();
      threadCpuAtPairing = process.threadCpuUsage();
      pairedAt = performance.now();
    }
    if (line.includes('the door is ready')) doorReadyS = round((performance.now() - pairedAt) / 1000, 1);
    if (line.includes("the snapshot's history is in") && cpuAtPairing) {
      const cpu = process.cpuUsage(cpuAtPairing);
      const thread = process.threadCpuUsage(threadCpuAtPairing ?? undefined);
      figures = {
        customers: Number(values.customers), doorReadyS, historyInS: round((performance.now() - pairedAt) / 1000, 1),
        mainCpuS: round((cpu.user + cpu.system) / 1e6, 1), mainThreadCpuS: round((thread.user + thread.system) / 1e6, 1),
      };
    }
  },
});
process.stdout.write(`${JSON.stringify(figures)}\n`);
