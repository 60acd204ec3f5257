// `npm run server` / `serve` and `demo`: run the endpoint until Ctrl-C (or SIGTERM or SIGHUP, as
// a service manager or a closed terminal stops it), then end open streams and close the database cleanly.
import { existsSync } from 'node:fs';
import { DateTime } from 'luxon';
import type { SyncServer } from '../startSyncServer';
import { startSyncServer } from '../startSyncServer';
import type { DatabaseLocation } from '../db/openDatabase';
import type { LogLevel } from '../app';
import { createDemoVenue } from '../import/demoVenue';
import { describeLocation } from './cliOptions';
import { encodePairingCode } from '../../shared/schema/pairingCode';

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
  // Opening a new data folder takes a while (PGlite makes its database): say so, and that it is still going.
  const isNew = options.database.kind === 'pglite' && !existsSync(options.database.dataDir);
  print(`Starting the sync server (${describeLocation(options.database)}${isNew ? '; a new data folder takes up to a minute' : ''})…`);
  const server = await whileWaiting(start(options));
  printAdminToken(server);
  const started = performance.now();
  // "Today" is the venue's day, not the machine's.
  const today = options.today ?? DateTime.now().setZone(options.timeZone).toISODate()!;
  print(`Making the demo venue: ${options.customers.toLocaleString('en-GB')} customers, seed ${options.seed}, today ${today}…`);
  const demo = await whileWaiting(createDemoVenue(server.db, { customers: options.customers, seed: options.seed, today, timeZone: options.timeZone }, (written, total) => {
    if (total >= 100_000) print(`  ledger ${written.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')}`);
  }));
  if (demo.created) print(`Demo venue ready in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  else print(`The demo venue was already here: kept as it is (delete the data folder for a new one).`);
  const device = await server.admin.issueDevice(demo.venue.id, 'demo desk');
  print('');
  print('On the desk, choose "Pair with my venue" (or open Setup, F4) and type in:');
  print(`  Endpoint address  ${server.url}`);
  print(`  Device token      ${device.token}`);
  print('or paste this pairing code (it holds both):');
  print(`  ${encodePairingCode({ url: server.url, token: device.token })}`);
  print('');
  print('Serving; Ctrl-C stops.');
  return untilStopped(server);
}

/** Prints "still working" every 5 s until `work` is done, so that a long wait never looks like a hang. */
async function whileWaiting<T>(work: Promise<T>): Promise<T> {
  const started = performance.now();
  const ticker = setInterval(() => print(`  still working… ${Math.round((performance.now() - started) / 1000)} s`), 5_000);
  try {
    return await work;
  } finally {
    clearInterval(ticker);
  }
}

async function start(options: ServeOptions): Promise<SyncServer> {
  return startSyncServer({ database: options.database, port: options.port, host: options.host, log: options.log });
}

export function printAdminToken(server: SyncServer): void {
  if (!server.generatedAdminToken) return;
  print(`Admin token (shown once; keep it, or set BOX_OFFICE_ADMIN_TOKEN): ${server.generatedAdminToken}`);
}

/** A close that takes longer than this (a wedged database) is given up: the process exits, and its lock goes with it. */
const STOP_GRACE_MS = 10_000;

export function untilStopped(server: { close(): Promise<void> }): Promise<number> {
  return new Promise((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      process.stderr.write(`\n${signal}: stopping…\n`);
      // proper-lockfile removes the data folder's lock as the process exits, however it exits.
      setTimeout(() => {
        process.stderr.write(`stopping took over ${STOP_GRACE_MS / 1000} s: exiting without waiting\n`);
        process.exit(1);
      }, STOP_GRACE_MS).unref();
      server.close().then(() => resolve(0), (error: unknown) => {
        process.stderr.write(`stopping failed: ${error instanceof Error ? error.message : String(error)}\n`);
        resolve(1);
      });
    };
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => stop(signal));
  });
}
