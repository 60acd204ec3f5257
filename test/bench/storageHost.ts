// The browser desk's topology for the benchmark: the loopback server on a fixed port (so the
// origin, and with it the IndexedDB data, is the same on every run), Debian's Chromium on a
// persistent profile, the storage host page, and the storage connection main's code uses.
import type { Page } from 'playwright-core';
import type { StorageConnection } from '../../main/deskHost';
import type { DeskHttpServer } from '../../main/browser/deskHttpServer';
import { startDeskHttpServer } from '../../main/browser/deskHttpServer';
import type { LaunchedChromium } from '../e2e/chromium';
import { launchChromium } from '../e2e/chromium';
import { progress } from './percentiles';

export const BENCH_PORT = 4795;
const CONNECT_TIMEOUT_MS = 60_000;

export function startBenchServer(): Promise<DeskHttpServer> {
  return startDeskHttpServer({ port: BENCH_PORT, log: (line) => progress(line) });
}

export type StorageHost = {
  browser: LaunchedChromium;
  page: Page;
  connection: StorageConnection;
  /** From launching Chromium to the storage host page's connection reaching main. */
  launchToConnectedMs: number;
  close(): Promise<void>;
};

function nextConnection(server: DeskHttpServer): Promise<StorageConnection> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the storage host page did not connect within ${CONNECT_TIMEOUT_MS} ms`)), CONNECT_TIMEOUT_MS);
    server.storageBridge.onConnection((connection) => {
      clearTimeout(timer);
      resolve(connection);
    });
  });
}

export async function openStorageHost(server: DeskHttpServer, profileDir: string): Promise<StorageHost> {
  const started = performance.now();
  const connected = nextConnection(server);
  const browser = await launchChromium({ userDataDir: profileDir });
  try {
    const page = browser.context.pages()[0] ?? await browser.context.newPage();
    // Errors only: RxDB's Dexie storage greets every page with a long advertisement warning,
    // and the page has no favicon.
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) progress(`page error: ${message.text()}`);
    });
    page.on('crash', () => progress('the storage host page crashed'));
    await page.goto(server.storageHostUrl);
    const connection = await connected;
    const launchToConnectedMs = performance.now() - started;
    return {
      browser,
      page,
      connection,
      launchToConnectedMs,
      async close() {
        await browser.close();
        await connection.closed;
      },
    };
  } catch (error) {
    await browser.close();
    throw error;
  }
}
