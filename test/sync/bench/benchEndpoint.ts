// The sync endpoint of the initial-sync benchmark, in a process of its own (as it would be on
// a venue's server): PGlite in a data folder with the demo venue (made once, then reused), one
// device. Prints one JSON line {url, token, created} on stdout when ready; stops when its
// stdin closes (the benchmark ended, or died) or on SIGTERM.
//
//   node --import tsx test/sync/bench/benchEndpoint.ts <dataDir> <customers> <seed> <today> <timeZone>
import { startSyncServer } from '../../../server/startSyncServer';
import { createDemoVenue } from '../../../server/import/demoVenue';

const [dataDir, customers, seed, today, timeZone] = process.argv.slice(2);
if (!dataDir || !customers || !seed || !today || !timeZone) {
  process.stderr.write('usage: benchEndpoint.ts <dataDir> <customers> <seed> <today> <timeZone>\n');
  process.exit(2);
}

const server = await startSyncServer({ database: { kind: 'pglite', dataDir }, port: 0 });
const demo = await createDemoVenue(server.db, { customers: Number(customers), seed: Number(seed), today, timeZone }, (written, total) => {
  process.stderr.write(`  endpoint: ledger ${written} / ${total}\n`);
});
const device = await server.admin.issueDevice(demo.venue.id, 'initial sync bench');
process.stdout.write(`${JSON.stringify({ url: server.url, token: device.token, created: demo.created })}\n`);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  server.close().then(() => process.exit(0), () => process.exit(1));
};
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
