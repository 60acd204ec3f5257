// One browser desk for a test: its own data folder, its own Chromium profile, a fixed port
// (IndexedDB belongs to the origin, so a restart must come back on the same one).
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { VenueData } from '../../shared/schema/records';
import { startBrowserDesk } from '../../main/browser/startBrowserDesk';
import type { BrowserDesk } from '../../main/browser/startBrowserDesk';
import { launchChromium } from './chromium';
import type { LaunchedChromium } from './chromium';

export type RunningBrowserDesk = { desk: BrowserDesk; chromium: LaunchedChromium; page: Page; log: string[] };

export type DeskFolders = { dataDir: string; profileDir: string; port: number; remove(): Promise<void> };

export async function deskFolders(port: number): Promise<DeskFolders> {
  const root = await mkdtemp(join(tmpdir(), 'desk-e2e-'));
  return { dataDir: join(root, 'data'), profileDir: join(root, 'profile'), port, remove: () => rm(root, { recursive: true, force: true }) };
}

export type BrowserDeskOptions = {
  initScripts?: string[];
  locale?: string;
  clock?: () => number;
  /** 'asked': the desk asks for its first manager, as a real one does, and is ready on that screen. */
  firstManager?: 'asked' | 'not-asked';
};

/**
 * Starts main (in this process) and Chromium, opens the desk, waits until it is ready. The desk
 * holds `venue` without an endpoint, so it would ask for its first manager first: unless the test
 * is about that (`firstManager: 'asked'`), these desks are about something else, and start with
 * the tests' one way past it (`firstManagerAtStart`).
 */
export async function openBrowserDesk(folders: DeskFolders, venue: VenueData, viewport = { width: 1280, height: 800 }, options: BrowserDeskOptions = {}): Promise<RunningBrowserDesk> {
  const log: string[] = [];
  const asked = options.firstManager === 'asked';
  const desk = await startBrowserDesk({ port: folders.port, dataDir: folders.dataDir, initialVenue: venue, ...(asked ? {} : { firstManagerAtStart: 'not-asked-by-this-test' as const }), log: (line) => log.push(line), ...(options.clock ? { clock: options.clock } : {}) });
  const chromium = await launchChromium({ userDataDir: folders.profileDir, ...(options.locale ? { locale: options.locale } : {}) });
  const page = chromium.context.pages()[0] ?? await chromium.context.newPage();
  await page.setViewportSize(viewport);
  // Before the page's own scripts (a probe of its calls, say).
  for (const script of options.initScripts ?? []) await page.addInitScript(script);
  await page.goto(desk.url);
  await page.getByTestId(asked ? 'first-manager-screen' : 'customer-search').waitFor();
  return { desk, chromium, page, log };
}

// The desk first, while its storage host is still there: closing Chromium first left a sync
// round's last checkpoint write without a host, rejected inside RxDB's replication, and the
// test failed on that rejection about one run in two (wrongClock.spec at port offset 0).
// A desk whose database was closed by force under it (storageAlarm.spec: the browser deleted its
// data) once waited on its storage host in close for the test's whole 2 minutes (CI, 21:05): after
// 15 s Chromium goes first, as it always did before, and the desk's close then ends.
export async function closeBrowserDesk(running: RunningBrowserDesk): Promise<void> {
  const closed = running.desk.close();
  const waiting = new AbortController();
  const inTime = await Promise.race([
    closed.then(() => true),
    delay(15_000, false, { signal: waiting.signal }).catch(() => false),
  ]);
  waiting.abort();
  if (!inTime) console.warn('closeBrowserDesk: the desk had not closed after 15 s with its storage host there; closing Chromium first');
  await running.chromium.close();
  await closed;
}

export type BrowserDeskProcess = {
  /** The desk's address, with its secret. */
  url: string;
  chromium: LaunchedChromium;
  page: Page;
  /** What main printed. */
  output: () => string;
  close(): Promise<void>;
};

/**
 * A desk whose main runs in a child process (`npm run start:browser` as a user starts it), with
 * its own Chromium profile: RxDB's open core allows 13 open collections in one JS realm, so a
 * test with several desks cannot run their mains in its own process as openBrowserDesk does.
 * The desk starts with no venue: its first screen.
 */
export async function openBrowserDeskProcess(folders: DeskFolders, viewport = { width: 1280, height: 800 }): Promise<BrowserDeskProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'main/browser/startBrowserDesk.ts', '--port', String(folders.port), '--data', folders.dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stopMain = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  const deadline = Date.now() + 60_000;
  let url = /open (http:\/\/\S+) in /.exec(output)?.[1];
  while (url === undefined) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stopMain();
      throw new Error(`the desk on port ${folders.port} did not start:\n${output}`);
    }
    await new Promise((wait) => setTimeout(wait, 100));
    url = /open (http:\/\/\S+) in /.exec(output)?.[1];
  }
  const chromium = await launchChromium({ userDataDir: folders.profileDir }).catch(async (error: unknown) => {
    await stopMain();
    throw error;
  });
  const page = chromium.context.pages()[0] ?? await chromium.context.newPage();
  await page.setViewportSize(viewport);
  await page.goto(url);
  return {
    url,
    chromium,
    page,
    output: () => output,
    // main first, while its storage host is still there (see closeBrowserDesk).
    async close() {
      await stopMain();
      await chromium.close();
    },
  };
}
