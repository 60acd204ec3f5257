// `npm run server` / `serve` and `demo`: run the endpoint until Ctrl-C (or SIGTERM, as a
// service manager stops it), then end open streams and close the database cleanly.
import { DateTime } from 'luxon';
import type { SyncServer } from '../startSyncServer';
import { startSyncServer } from '../startSyncServer';
import type { DatabaseLocation } from '../db/openDatabase';
import type { LogLevel } from '../app';
import { createDemoVenue } from '../import/demoVenue';
import { describeLocation } from './cliOptions';

export type ServeOptions = { database: DatabaseLocation; port: number; host: string; log: LogLevel };
export type DemoOptions = ServeOptions & { customers: number; seed: number; today: string | undefined; timeZone: string };

const print = (line: string) => process.stdout.write(`${line}\n`);

export async function serve(options: ServeOptions): Promise<number> {
  const server = await start(options);
  printAdminToken(server);
  print(`Box office sync server on ${server.url} (${describeLocation(options.database)})`);
  return untilStopped(server);
}

export async function serveDemo(options: DemoOptions): Promise<number> {
  const server = await start(options);
  printAdminToken(server);
  const started = performance.now();
  // "Today" is the venue's day, not the machine's.
  const today = options.today ?? DateTime.now().setZone(options.timeZone).toISODate()!;
  print(`Preparing the demo venue (${options.customers.toLocaleString('en-GB')} customers, seed ${options.seed}, today ${today})…`);
  const demo = await createDemoVenue(server.db, { customers: options.customers, seed: options.seed, today, timeZone: options.timeZone }, (written, total) => {
    if (total >= 100_000) print(`  ledger ${written.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')}`);
  });
  if (demo.created) {
    print(`Created venue ${demo.venue.id} in ${((performance.now() - started) / 1000).toFixed(1)} s`
      + (demo.summaries ? ` (pass summaries of ${demo.summaries.entries.toLocaleString('en-GB')} ledger entries in ${(demo.summaries.ms / 1000).toFixed(1)} s).` : '.'));
  }
  else print(`Venue ${demo.venue.id} was already here: kept as it is (delete the data folder for a new one).`);
  const device = await server.admin.issueDevice(demo.venue.id, 'demo desk');
  print('');
  print('Pair a desk with:');
  print(`  URL    ${server.url}`);
  print(`  token  ${device.token}`);
  print('');
  print(`Serving ${describeLocation(options.database)}; Ctrl-C stops.`);
  return untilStopped(server);
}

async function start(options: ServeOptions): Promise<SyncServer> {
  return startSyncServer({ database: options.database, port: options.port, host: options.host, log: options.log });
}

function printAdminToken(server: SyncServer): void {
  if (!server.generatedAdminToken) return;
  print(`Admin token (shown once; keep it, or set BOX_OFFICE_ADMIN_TOKEN): ${server.generatedAdminToken}`);
}

function untilStopped(server: SyncServer): Promise<number> {
  return new Promise((resolve) => {
    const stop = (signal: string) => {
      process.stderr.write(`\n${signal}: stopping…\n`);
      server.close().then(() => resolve(0), (error: unknown) => {
        process.stderr.write(`stopping failed: ${error instanceof Error ? error.message : String(error)}\n`);
        resolve(1);
      });
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}
