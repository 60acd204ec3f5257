// `npm run start:browser`: the desk without Electron. main's code runs here in Node; the UI
// page and the storage host page (framed by it) run in any Chromium-based browser on this
// machine; the two bridges are carried over a loopback WebSocket.
//
//   npm run start:browser -- [--port 4780] [--data .desk-data]
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { startDeskHttpServer, DEFAULT_DESK_PORT } from './deskHttpServer';
import { runDesk } from '../runDesk';

export type BrowserDesk = { url: string; port: number; close(): Promise<void> };

export async function startBrowserDesk(options: { port?: number; dataDir: string; secret?: string; log?: (line: string) => void }): Promise<BrowserDesk> {
  const log = options.log ?? ((line: string) => console.log(line));
  const server = await startDeskHttpServer({ port: options.port ?? DEFAULT_DESK_PORT, secret: options.secret, log });
  const desk = await runDesk(server.storageBridge, server.apiBridge, { dataDir: options.dataDir, log });
  return {
    url: server.url,
    port: server.port,
    async close() {
      await desk.close();
      await server.close();
    },
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2).filter((arg) => arg !== '--'),
    options: { port: { type: 'string' }, data: { type: 'string' } },
  });
  const port = values.port === undefined ? DEFAULT_DESK_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`--port must be a port number, not "${values.port}"`);
  const dataDir = resolve(values.data ?? '.desk-data');
  const desk = await startBrowserDesk({ port, dataDir });
  console.log(`Box office desk: open ${desk.url} in Chrome, Edge or Chromium on this machine.`);
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
