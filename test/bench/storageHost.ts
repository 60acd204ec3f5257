// The browser desk's topology for the benchmark: the loopback server on a fixed port (so the
// origin, and with it the IndexedDB data, is the same on every run), Debian's Chromium on a
// persistent profile, the storage host page, and the storage connection main's code uses.
//
// Two ways to drive that Chromium:
//   plain       (the figures) /usr/bin/chromium started as a child process on the storage host
//               page's address, with no debugging protocol at all: the storage bridge's frames
//               go from the page to main over the real WebSocket and nowhere else, as on an
//               installed desk. The baselines that run on raw IndexedDB in a page (bare puts)
//               run in a second Chromium, driven by Playwright, on a profile of its own and
//               the same origin: nothing of the desk crosses its debugging protocol.
//   playwright  (for comparison) Playwright launches Chromium and opens the page over CDP;
//               CDP's Network domain then mirrors every frame of the storage bridge into this
//               process, a cost an installed desk does not pay.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { StorageConnection } from '../../main/deskHost';
import type { DeskHttpServer } from '../../main/browser/deskHttpServer';
import { startDeskHttpServer } from '../../main/browser/deskHttpServer';
import type { LaunchedChromium } from '../e2e/chromium';
import { chromiumArgs, chromiumPath, launchChromium } from '../e2e/chromium';
import { progress } from './percentiles';

export const BENCH_PORT = 4795;
const CONNECT_TIMEOUT_MS = 60_000;
const EXIT_TIMEOUT_MS = 30_000;

export type ChromiumDriver = 'plain' | 'playwright';

export function startBenchServer(): Promise<DeskHttpServer> {
  return startDeskHttpServer({ port: BENCH_PORT, log: (line) => progress(line) });
}

export type StorageHost = {
  driver: ChromiumDriver;
  /**
   * A page of the desk's origin for the baselines on raw IndexedDB: the storage host page
   * itself under Playwright; with the plain driver, a page of a second Chromium (see above).
   */
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

export async function openStorageHost(server: DeskHttpServer, profileDir: string, driver: ChromiumDriver = 'playwright'): Promise<StorageHost> {
  return driver === 'plain' ? openPlainStorageHost(server, profileDir) : openDrivenStorageHost(server, profileDir);
}

async function openDrivenStorageHost(server: DeskHttpServer, profileDir: string): Promise<StorageHost> {
  const started = performance.now();
  const connected = nextConnection(server);
  const browser = await launchChromium({ userDataDir: profileDir });
  try {
    const page = await openPage(browser, server.storageHostUrl);
    const connection = await connected;
    const launchToConnectedMs = performance.now() - started;
    return {
      driver: 'playwright',
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

async function openPage(browser: LaunchedChromium, url: string): Promise<Page> {
  const page = browser.context.pages()[0] ?? await browser.context.newPage();
  // Errors only: RxDB's Dexie storage greets every page with a long advertisement warning,
  // and the page has no favicon.
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) progress(`page error: ${message.text()}`);
  });
  page.on('crash', () => progress('the storage host page crashed'));
  await page.goto(url);
  return page;
}

/** Chromium as a child process on the storage host page: no debugging protocol. */
async function openPlainStorageHost(server: DeskHttpServer, profileDir: string): Promise<StorageHost> {
  const started = performance.now();
  const connected = nextConnection(server);
  const child = spawn(chromiumPath, [
    ...chromiumArgs,
    '--headless',
    // As the Electron desk's hidden storage window (backgroundThrottling: false).
    '--disable-background-timer-throttling',
    '--disable-renderer-backgrounding',
    '--no-default-browser-check',
    `--user-data-dir=${profileDir}`,
    server.storageHostUrl,
  ], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // A bench that ends abruptly (an error, process.exit) must not leave this Chromium behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const stop = async () => {
    process.off('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), EXIT_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };
  let baseline: { browser: LaunchedChromium; dir: string } | null = null;
  try {
    const connection = await Promise.race([connected, exited.then(() => { throw new Error(`Chromium (${chromiumPath}) exited before its storage host page connected`); })]);
    const launchToConnectedMs = performance.now() - started;
    // The baselines' page: the same origin (a page the server does not have is enough for
    // IndexedDB), a profile of its own.
    const dir = await mkdtemp(path.join(tmpdir(), 'bench-baseline-'));
    baseline = { browser: await launchChromium({ userDataDir: dir }), dir };
    const page = await openPage(baseline.browser, new URL('/bench-baseline', server.storageHostUrl).href);
    const opened = baseline;
    return {
      driver: 'plain',
      page,
      connection,
      launchToConnectedMs,
      async close() {
        await opened.browser.close();
        await rm(opened.dir, { recursive: true, force: true });
        await stop();
        await connection.closed;
      },
    };
  } catch (error) {
    if (baseline) {
      await baseline.browser.close();
      await rm(baseline.dir, { recursive: true, force: true });
    }
    await stop();
    throw error;
  }
}
