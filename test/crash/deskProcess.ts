// main's process for the crash test: the real browser desk (the loopback server with both
// bridges, and runDesk), nothing else. The parent (crashTest.ts) SIGKILLs it at random
// moments and starts it again on the same port, data folder and secret.
//
// It wires the desk exactly as main/browser/startBrowserDesk.ts does, with two differences
// the test needs: a fixed secret, so that the storage host page that outlives a killed main
// is accepted by the next one (a real launch picks a new secret, and the page is reopened);
// and a private copy of the built pages, so that another `vite build` emptying dist/renderer
// during a long run cannot take the storage host page away.
//
// The parent bundles it first (killableProcesses.ts, as main is bundled for Electron), then:
//   node deskProcess.mjs --port P --data DIR --secret S --venue FILE --pages DIR
// (`node --import tsx test/crash/deskProcess.ts …` runs the same, only slower to start).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { VenueData } from '../../shared/schema/records';
import { startDeskHttpServer } from '../../main/browser/deskHttpServer';
import { runDesk } from '../../main/runDesk';
import type { RunningDesk } from '../../main/deskHost';
import { keepDeskAlive } from '../../main/keepDeskAlive';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    data: { type: 'string' },
    secret: { type: 'string' },
    venue: { type: 'string' },
    pages: { type: 'string' },
  },
  strict: true,
});

const log = (line: string) => process.stdout.write(`${new Date().toISOString()} [main ${process.pid}] ${line}\n`);

async function main(): Promise<void> {
  const { port, data, secret, venue, pages } = values;
  if (!port || !data || !secret || !venue || !pages) throw new Error('usage: deskProcess.ts --port P --data DIR --secret S --venue FILE --pages DIR');
  // The venue is read only by a desk that holds none yet (the first start), and not kept:
  // the memory report measures main as it runs, not a venue file held beside it.
  const initialVenue = () => JSON.parse(readFileSync(venue, 'utf8')) as VenueData;
  // As startBrowserDesk's start does: an error nobody caught restarts the desk's core.
  let running: RunningDesk | null = null;
  keepDeskAlive({ log, restartCore: async (reason) => running?.restartCore(reason) });
  const server = await startDeskHttpServer({ port: Number(port), secret, rendererDir: pages, log });
  // The first start with a venue and no endpoint would ask for a first manager: this desk is about surviving kills.
  const desk = await runDesk(server.storageBridge, server.apiBridge, { dataDir: data, log, initialVenue, firstManagerAtStart: 'not-asked-by-this-test' });
  running = desk;
  log('listening');
  // Started with an IPC channel, main ends with its parent (the test), even a killed one.
  process.on('disconnect', () => process.exit(0));
  // The memory report (memoryReport.ts) asks for Node's own figures, which /proc cannot give
  // (the heap); with --expose-gc, after a full collection.
  process.on('message', (message: { memory?: { gc?: boolean }; fault?: 'throw' | 'reject' }) => {
    // Test-only (this file is never shipped): a bug inside main, thrown where nobody catches it,
    // for test/e2e/lastLineOfDefence.spec.ts. Nothing the pages send can reach this channel.
    if (message.fault === 'throw') setTimeout(() => { throw new Error('a fault the test threw inside main'); }, 0);
    if (message.fault === 'reject') void Promise.reject(new Error('a fault the test rejected inside main'));
    if (!message.memory) return;
    const collect = (globalThis as { gc?: () => void }).gc;
    if (message.memory.gc && collect) collect();
    process.send?.({ memory: process.memoryUsage() });
  });
  // The end of a run closes the desk properly; every other end is a SIGKILL.
  process.once('SIGTERM', () => {
    void desk.close().then(() => server.close()).finally(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  log(`could not start: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  process.exit(1);
});
