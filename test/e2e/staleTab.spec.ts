// A tab that is not the desk's live window says so over its whole screen within a few seconds,
// never shows a connection state it last heard, and never answers a search (issue 13, item 3):
// an address of another data folder, a second tab that took over, the desk process killed.
import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { startBrowserDesk } from '../../main/browser/startBrowserDesk';
import { bundleDeskProcess, reapAll, startMainProcess } from '../crash/killableProcesses';
import { closeBrowserDesk, deskFolders, openBrowserDesk } from './browserDesk';
import { launchChromium } from './chromium';
import { deskVenue } from './deskVenue';
import { testPort } from '../testPorts';

const screenshots = 'test-results/stale-tab';
/** "Within a few seconds": the screen must be up by then. */
const FEW_SECONDS = 8_000;

test.afterAll(() => reapAll());

/** The tab covers itself, says `headline`, and nothing typed into it finds anyone. */
async function isStale(page: Page, link: string, headline: string): Promise<void> {
  const screen = page.getByTestId('desk-link');
  await expect(screen).toBeVisible({ timeout: FEW_SECONDS });
  await expect(screen).toHaveAttribute('data-link', link);
  await expect(screen.getByRole('heading')).toHaveText(headline);
  // Nothing it last heard is shown as if it were still so.
  await expect(page.getByTestId('sync-connection')).toHaveCount(0);
  // The search does not answer: the desk under the screen takes no keys, and its box no text.
  // (A tab that never heard from its desk has no search box under the screen at all: it shows
  // "Opening the desk…" until a first status, so the fill gives up after a second.)
  await page.keyboard.type('Ada');
  await page.getByTestId('customer-search').fill('Ada', { force: true, timeout: 1_000 }).catch(() => undefined);
  await page.waitForTimeout(500);
  await expect(page.getByTestId('customer-matches').getByRole('option')).toHaveCount(0);
  await expect(page.getByText(/No customer or pass code matches/)).toHaveCount(0);
}

async function answersSearches(page: Page): Promise<void> {
  await expect(page.getByTestId('desk-link')).toHaveCount(0, { timeout: FEW_SECONDS });
  const box = page.getByTestId('customer-search');
  await box.fill('Ada');
  await expect(page.getByTestId('customer-matches')).toContainText('Ada Lovelace');
  await box.fill('');
}

test('an address of another data folder, or a wrong secret, says it is not the desk\'s address', async () => {
  const port = testPort(4915);
  const other = await deskFolders(port);
  const folders = await deskFolders(port);
  const venue = deskVenue();
  // The address another data folder had on this port: bookmarked, then that desk went away.
  const before = await startBrowserDesk({ port, dataDir: other.dataDir, initialVenue: venue.data, firstManagerAtStart: 'not-asked-by-this-test', log: () => undefined });
  const oldAddress = before.url;
  await before.close();
  const desk = await openBrowserDesk(folders, venue.data);
  try {
    expect(desk.desk.url).not.toBe(oldAddress);
    const page = await desk.chromium.context.newPage();
    await page.goto(oldAddress);
    await isStale(page, 'wrong-address', 'This is not the desk’s address');
    await page.screenshot({ path: `${screenshots}/wrong-address.png` });
    await page.goto(desk.desk.url.replace(/s=[^&]+/, 's=mistyped'));
    await isStale(page, 'wrong-address', 'This is not the desk’s address');
    await page.close();
    // The desk's own tab was never disturbed.
    await answersSearches(desk.page);
  } finally {
    await closeBrowserDesk(desk);
    await folders.remove();
    await other.remove();
  }
});

test('a second tab takes over: the first says so at once and answers nothing; reloaded, it is the desk again', async () => {
  const folders = await deskFolders(testPort(4916));
  const venue = deskVenue();
  const desk = await openBrowserDesk(folders, venue.data);
  try {
    const first = desk.page;
    await answersSearches(first);
    const second = await desk.chromium.context.newPage();
    await second.setViewportSize({ width: 1280, height: 800 });
    await second.goto(desk.desk.url);
    await isStale(first, 'superseded', 'This window is no longer connected to the desk');
    await first.screenshot({ path: `${screenshots}/superseded.png` });

    // The second tab is the desk: it finds and checks in.
    await answersSearches(second);
    const box = second.getByTestId('customer-search');
    await box.fill('Nia Okafor');
    await expect(second.getByTestId('customer-matches')).toContainText('Nia Okafor');
    await box.press('Enter');
    await expect(second.getByTestId('check-in-result')).toContainText('Checked in');

    // "Reload this page to use the desk here": the first is the desk again, the second is told.
    await first.getByRole('button', { name: 'Reload this page' }).click();
    await answersSearches(first);
    await isStale(second, 'superseded', 'This window is no longer connected to the desk');
    expect(desk.log.some((line) => line.includes('the desk was opened in another tab'))).toBe(true);
  } finally {
    await closeBrowserDesk(desk);
    await folders.remove();
  }
});

test('the desk process killed: the tab says the desk is not running, answers nothing, and comes back when the desk does', async () => {
  const builtPages = fileURLToPath(new URL('../../dist/renderer/', import.meta.url));
  if (!existsSync(path.join(builtPages, 'index.html'))) throw new Error('no built pages: run npx vite build first');
  const root = await mkdtemp(path.join(tmpdir(), 'desk-stale-tab-'));
  const port = testPort(4917);
  const origin = `http://127.0.0.1:${port}`;
  const secret = randomBytes(24).toString('base64url');
  const pagesDir = path.join(root, 'pages');
  await cp(builtPages, pagesDir, { recursive: true });
  const venueFile = path.join(root, 'venue.json');
  await writeFile(venueFile, JSON.stringify(deskVenue().data));
  const script = await bundleDeskProcess(path.join(root, 'main'));
  const lines: string[] = [];
  const start = () => startMainProcess({
    script, port, dataDir: path.join(root, 'data'), secret, venueFile, pagesDir, logFile: path.join(root, 'main.log'),
    onLine: (line) => lines.push(line),
  });
  let main = start();
  await expect.poll(() => lines.filter((line) => line.includes('listening')).length, { timeout: 30_000 }).toBe(1);
  const chromium = await launchChromium({ userDataDir: path.join(root, 'profile') });
  try {
    const page = chromium.context.pages()[0] ?? await chromium.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${origin}/?s=${secret}`);
    await answersSearches(page);

    await main.kill();
    await isStale(page, 'desk-gone', 'The desk program is not running');
    // It stays up while the tab keeps trying (every 2 s at most), not only between two tries.
    await page.waitForTimeout(5_000);
    await isStale(page, 'desk-gone', 'The desk program is not running');
    await page.screenshot({ path: `${screenshots}/desk-gone.png` });

    // Started again on the same data folder (the same address): the tab reconnects by itself.
    main = start();
    await expect.poll(() => lines.filter((line) => line.includes('listening')).length, { timeout: 30_000 }).toBe(2);
    await answersSearches(page);
  } finally {
    await chromium.close();
    await main.stop();
    await rm(root, { recursive: true, force: true });
  }
});
