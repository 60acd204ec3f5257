import { openDeskDatabase } from '../../main/db/deskDatabase';
import { coldStart, bareColdRead } from './coldStartBench';
import type { ColdStartBaseline } from './coldStartBench';
import { loadVenue, matchesManifest, profileDirOf, readManifest, removeProfile } from './largeVenue';
import { seededRandom, progress } from './percentiles';
import { openStorageHost, startBenchServer } from './storageHost';
const size = (process.argv[2] ?? 'large') as 'large' | 'small';
const server = await startBenchServer();
let manifest = await readManifest(size);
let host = await openStorageHost(server, profileDirOf(size));
let db = await openDeskDatabase(host.connection.storage);
const check = await matchesManifest(db, manifest, size);
if (!check.ok) {
  await db.close(); await host.close(); await removeProfile(size);
  host = await openStorageHost(server, profileDirOf(size));
  db = await openDeskDatabase(host.connection.storage);
  const t = performance.now();
  manifest = await loadVenue(db, size, Date.now());
  progress(`LOAD ${Math.round(performance.now() - t)} ms`);
}
await db.close(); await host.close();
const box: { b?: ColdStartBaseline } = {};
const cold = await coldStart(server, profileDirOf(size), { deskId: 'desk-bench', staff: 'B' }, seededRandom(1), { budgetMs: 600_000, baseline: async (h) => { box.b = await bareColdRead(h); } });
const mem = process.memoryUsage();
console.log(JSON.stringify({ cold: cold.figures, baseline: box.b, ratio: cold.figures.totalMs / box.b!.ms, rssMB: Math.round(mem.rss / 1e6), heapMB: Math.round(mem.heapUsed / 1e6) }, null, 1));
if (cold.desk) { await cold.desk.close(); await cold.host.close(); }
await server.close();
