// `npm run start:browser`: the desk without Electron. main's code runs here in Node; the UI
// page and the storage host page (framed by it) run in any Chromium-based browser on this
// machine; the two bridges are carried over a loopback WebSocket.
//
//   npm run start:browser -- [--port 4780] [--data .desk-data] [--venue venue.json]
import type { HubFinder } from '../sync/hubDiscovery';
import { findHubs } from '../sync/hubDiscovery';
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { startDeskHttpServer, DEFAULT_DESK_PORT } from './deskHttpServer';
import { readOrCreateDeskSecret } from './deskSecret';
import { runDesk } from '../runDesk';
import type { VenueData } from '../../shared/schema/records';
import { formatVenueFileErrors, readVenueFile } from '../venue/readVenueFile';
import { keepDeskAlive } from '../keepDeskAlive';

export type BrowserDesk = { url: string; port: number; restartCore(reason: string): Promise<void>; close(): Promise<void> };

export type BrowserDeskOptions = {
  port?: number;
  dataDir: string;
  /** Default: the one kept in the data folder (the same address at every start). */
  secret?: string;
  /** A venue for a desk that holds none yet (default: none; its first screen offers the demo). */
  initialVenue?: VenueData;
  log?: (line: string) => void;
  /** The wall clock (tests: the idle minutes gone by without waiting them out); default Date.now. */
  clock?: () => number;
  /** How the desk looks for venue hubs (main/deskHost.ts `findHubs`): the real look from the command line; tests give a stand-in or none. */
  findHubs?: HubFinder;
  /** Offer "this desk also serves the venue's network" (main/deskHost.ts `venueHub`): `{}` from the command line. */
  venueHub?: { host?: string; announce?: boolean; now?: () => number };
  /** Tests only (main/deskHost.ts `firstManagerAtStart`); the command line never sets it. */
  firstManagerAtStart?: 'asked' | 'not-asked-by-this-test';
};

export async function startBrowserDesk(options: BrowserDeskOptions): Promise<BrowserDesk> {
  const log = options.log ?? ((line: string) => console.log(line));
  const secret = options.secret ?? await readOrCreateDeskSecret(options.dataDir, log);
  const server = await startDeskHttpServer({ port: options.port ?? DEFAULT_DESK_PORT, secret, log });
  const initialVenue = options.initialVenue;
  const desk = await runDesk(server.storageBridge, server.apiBridge, {
    dataDir: options.dataDir,
    log,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(initialVenue ? { initialVenue: () => initialVenue } : {}),
    ...(options.findHubs ? { findHubs: options.findHubs } : {}),
    ...(options.venueHub ? { venueHub: options.venueHub } : {}),
    ...(options.firstManagerAtStart ? { firstManagerAtStart: options.firstManagerAtStart } : {}),
  });
  return {
    url: server.url,
    port: server.port,
    restartCore: (reason) => desk.restartCore(reason),
    async close() {
      await desk.close();
      await server.close();
    },
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2).filter((arg) => arg !== '--'),
    options: { port: { type: 'string' }, data: { type: 'string' }, venue: { type: 'string' } },
  });
  const port = values.port === undefined ? DEFAULT_DESK_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`--port must be a port number, not "${values.port}"`);
  const dataDir = resolve(values.data ?? '.desk-data');
  let initialVenue: VenueData | undefined;
  if (values.venue !== undefined) {
    // A bad file is refused whole, with the line and field at fault, before anything starts.
    const parsed = await readVenueFile(resolve(values.venue));
    if (!parsed.ok) throw new Error(`${values.venue} is not a venue file:\n${formatVenueFileErrors(parsed.errors, values.venue).join("\n")}`);
    initialVenue = parsed.data;
  }
  // Installed before the desk starts: an error nobody caught is logged and the desk's core
  // restarts; it never ends the desk (main/keepDeskAlive.ts).
  let running: BrowserDesk | null = null;
  keepDeskAlive({ log: (line) => console.log(line), restartCore: async (reason) => running?.restartCore(reason) });
  const desk = await startBrowserDesk({ port, dataDir, findHubs, venueHub: {}, ...(initialVenue ? { initialVenue } : {}) });
  running = desk;
  console.log(`Box office desk: open ${desk.url} in Chrome, Edge or Chromium on this machine.`);
  console.log(`Bookmark it: the address stays the same at every start with this data folder (${dataDir}).`);
  console.log('Waiting for the page to connect (the desk\'s data lives in that browser profile)…');
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void desk.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  main().catch((error: unknown) => {
    console.error(`Box office desk could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
