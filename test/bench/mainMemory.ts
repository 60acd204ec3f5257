// Main's memory with the desk open, as it is and after a full collection. Read as it is, a
// heap holds whatever garbage the collector has not reached yet: after the bench's two cold
// starts (the first through CDP, its desk closed) that was about half of the 850–900 MiB
// reported as "main's heap after the start" on 2026-12-07; after a full collection the same
// heap held 463–468 MiB (docs/performance.md, "Memory").
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { megabytes } from './percentiles';

/** Node's full collection, whether or not Node was started with --expose-gc. */
function fullCollection(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

export type MainMemory = { rssMB: number; heapUsedMB: number; externalMB: number; afterFullGc: { rssMB: number; heapUsedMB: number } };

export function mainMemory(): MainMemory {
  const before = process.memoryUsage();
  fullCollection()();
  const after = process.memoryUsage();
  return {
    rssMB: megabytes(before.rss),
    heapUsedMB: megabytes(before.heapUsed),
    externalMB: megabytes(before.external),
    afterFullGc: { rssMB: megabytes(after.rss), heapUsedMB: megabytes(after.heapUsed) },
  };
}
