// The demo is offered, not imposed (issue 13, item 2), as a newcomer meets it in the browser
// desk: a new desk's first screen offers the demo, pairing and a venue file, and opens none by
// itself; a new desk pairs with a venue that is not the demo by its pairing code, with a fresh
// profile and after trying the demo (the confirmation says what is discarded, practice
// check-ins counted); a desk holding a real venue's entries that were never synced refuses to
// be wiped. The endpoint is the real one, started in the test (PGlite in memory).
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { testPort } from '../testPorts';
import { startBrowserDesk } from '../../main/browser/startBrowserDesk';
import type { BrowserDesk } from '../../main/browser/startBrowserDesk';
import type { VenueData } from '../../shared/schema/records';
import { encodePairingCode } from '../../shared/schema/pairingCode';
import { startVenueEndpoint } from './venueEndpoint';
import type { VenueEndpoint } from './venueEndpoint';
import { launchChromium } from './chromium';
import type { LaunchedChromium } from './chromium';
import { deskFolders } from './browserDesk';
import type { DeskFolders } from './browserDesk';
import { deskVenue } from './deskVenue';

const DESK_PORT = testPort(4962);

type Opened = { desk: BrowserDesk; chromium: LaunchedChromium; page: Page; folders: DeskFolders };

/**
 * A new desk (its own data folder and Chromium profile), with no venue given at start unless
 * `initialVenue`. Holding a venue without an endpoint it asks for its first manager, unless the
 * test says it is about something else (`firstManager: 'not-asked'`).
 */
async function newDesk(initialVenue?: VenueData, firstManager: 'asked' | 'not-asked' = 'asked'): Promise<Opened> {
  const folders = await deskFolders(DESK_PORT);
  const desk = await startBrowserDesk({ port: folders.port, dataDir: folders.dataDir, log: () => undefined, ...(initialVenue ? { initialVenue } : {}), ...(firstManager === 'not-asked' ? { firstManagerAtStart: 'not-asked-by-this-test' } : {}) });
  const chromium = await launchChromium({ userDataDir: folders.profileDir });
  const page = chromium.context.pages()[0] ?? await chromium.context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(desk.url);
  return { desk, chromium, page, folders };
}

async function closeDesk(opened: Opened): Promise<void> {
  // The desk first: a paired desk's replication still reads from the storage host in the page.
  await opened.desk.close();
  await opened.chromium.close();
  await opened.folders.remove();
}

/** The real endpoint with the staff tests' venue ("Harbour Yoga & Climbing", not the demo) and a pairing code for one desk. */
async function venueEndpoint(): Promise<{ endpoint: VenueEndpoint; code: string }> {
  const endpoint = await startVenueEndpoint(4963);
  return { endpoint, code: encodePairingCode(await endpoint.pairingFor('front')) };
}

async function findAtDoor(page: Page, query: string): Promise<void> {
  await page.keyboard.press('F1');
  const search = page.getByTestId('customer-search');
  await search.fill('');
  await search.pressSequentially(query);
}

/**
 * A desk without an endpoint asks for its first manager before its door (SPEC "A desk with no
 * endpoint has a first manager, chosen at its first start"); they are then signed in.
 */
async function chooseFirstManager(page: Page, screenshot: string): Promise<void> {
  const screen = page.getByTestId('first-manager-screen');
  await expect(screen.getByRole('heading', { name: 'Who manages this desk?' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('customer-search')).toHaveCount(0);
  await expect(page.getByLabel('Manager’s name')).toBeFocused();
  await page.screenshot({ path: `test-results/screens/${screenshot}-1280x800.png` });
  await page.keyboard.type('Kim Lee');
  await page.getByLabel('PIN (4 to 8 digits)').fill('2580');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('banner')).toContainText('Kim Lee');
}

test('a new desk offers the demo, pairing and a venue file, and opens none by itself', async () => {
  const opened = await newDesk();
  const { page } = opened;
  try {
    await expect(page.getByRole('heading', { name: 'Set up this desk' })).toBeVisible();
    await expect(page.getByRole('button', { name: /Try the demo venue/ })).toBeFocused();
    await expect(page.getByRole('button', { name: /Pair with my venue/ })).toBeVisible();
    await expect(page.getByText('Load a venue file')).toBeVisible();
    await expect(page.getByTestId('customer-search')).toHaveCount(0);
    await page.screenshot({ path: 'test-results/screens/first-screen-1280x800.png' });
    // By keyboard: 1 opens the demo; its first manager is asked for, and the door then works on it.
    await page.keyboard.press('1');
    await chooseFirstManager(page, 'first-manager-demo');
    await expect(page.getByTestId('customer-search')).toBeVisible({ timeout: 30_000 });
    await findAtDoor(page, 'emily k');
    await expect(page.getByTestId('check-in-preview')).toContainText('Emily Khan');
  } finally {
    await closeDesk(opened);
  }
});

test('a new desk pairs with a venue that is not the demo, by its pairing code', async () => {
  const { endpoint, code } = await venueEndpoint();
  const opened = await newDesk();
  const { page } = opened;
  try {
    await expect(page.getByRole('heading', { name: 'Set up this desk' })).toBeVisible();
    await page.keyboard.press('2');
    await expect(page.getByLabel('Pairing code, or the endpoint address')).toBeFocused();
    await page.keyboard.type(code);
    await page.screenshot({ path: 'test-results/screens/first-screen-pair-1280x800.png' });
    await page.keyboard.press('Enter');
    await expect(page.getByRole('banner')).toContainText('Harbour Yoga & Climbing', { timeout: 30_000 });
    await findAtDoor(page, 'nia ok');
    await expect(page.getByTestId('check-in-preview')).toContainText('Nia Okafor', { timeout: 30_000 });
    await page.screenshot({ path: 'test-results/screens/first-screen-paired-1280x800.png' });
  } finally {
    await closeDesk(opened);
    await endpoint.close();
  }
});

test('after trying the demo, pairing says what it discards (practice check-ins counted) and replaces it', async () => {
  const { endpoint, code } = await venueEndpoint();
  const opened = await newDesk(undefined, 'not-asked');
  const { page } = opened;
  try {
    await page.getByRole('button', { name: /Try the demo venue/ }).press('Enter');
    await expect(page.getByTestId('customer-search')).toBeVisible({ timeout: 30_000 });
    // A practice check-in at the demo venue.
    await page.getByLabel('Session').selectOption({ label: 'Walk-in, no session' });
    await findAtDoor(page, 'emily k');
    await expect(page.getByTestId('check-in-preview')).toContainText('Emily Khan');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('check-in-result')).toContainText('left');

    await page.keyboard.press('F4');
    await page.getByLabel('Pairing code, or the endpoint address').fill(code);
    await page.getByLabel('Pairing code, or the endpoint address').press('Enter');
    const confirm = page.getByTestId('pair-confirm');
    await expect(confirm).toContainText('Pairing replaces the demo venue on this desk.');
    await expect(confirm).toContainText('Discarded for good: the demo’s 300 customers, and 1 practice check-in made on this desk. Nothing of it is sent to your venue.');
    await expect(page.getByRole('button', { name: /Discard the demo and pair/ })).toBeFocused();
    await page.screenshot({ path: 'test-results/screens/pair-replaces-demo-1280x800.png' });
    // Esc keeps the demo; asked again, Enter confirms.
    await page.keyboard.press('Escape');
    await expect(confirm).toHaveCount(0);
    await expect(page.getByTestId('pair-note')).toContainText('The demo venue stays; nothing was paired.');
    await page.getByLabel('Pairing code, or the endpoint address').press('Enter');
    await expect(page.getByRole('button', { name: /Discard the demo and pair/ })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('banner')).toContainText('Harbour Yoga & Climbing', { timeout: 30_000 });
    await expect(page.getByRole('button', { name: 'Open the demo venue' })).toHaveCount(0);
    await findAtDoor(page, 'nia ok');
    await expect(page.getByTestId('check-in-preview')).toContainText('Nia Okafor', { timeout: 30_000 });
    await findAtDoor(page, 'emily k');
    await expect(page.getByTestId('check-in-preview')).toHaveCount(0);
    await expect(page.getByText(/No customer or pass code matches/)).toBeVisible();
  } finally {
    await closeDesk(opened);
    await endpoint.close();
  }
});

test("a desk holding a venue's check-ins that were never synced refuses to be wiped", async () => {
  const { endpoint, code } = await venueEndpoint();
  const ours: VenueData = { ...deskVenue().data, venue: { id: 'our-own-venue', timeZone: 'Europe/London', name: 'Our own studio' } };
  const opened = await newDesk(ours, 'not-asked');
  const { page } = opened;
  try {
    await page.getByTestId('customer-search').waitFor();
    await page.getByLabel('Session').selectOption({ label: 'Walk-in, no session' });
    await findAtDoor(page, 'nia ok');
    await expect(page.getByTestId('check-in-preview')).toContainText('Nia Okafor');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('check-in-result')).toContainText('left');
    await page.keyboard.press('F4');
    await expect(page.getByRole('button', { name: 'Open the demo venue' })).toHaveCount(0);
    await page.getByLabel('Pairing code, or the endpoint address').fill(code);
    await page.getByLabel('Pairing code, or the endpoint address').press('Enter');
    await expect(page.getByTestId('pair-note')).toHaveText('✕ Not paired: this desk holds entries at Our own studio that were never synced (1 check-in), and pairing with another venue would lose them. They are kept. Use another desk (a new data folder) for the other venue.');
    await page.screenshot({ path: 'test-results/screens/pair-refused-unsynced-1280x800.png' });
    await expect(page.getByRole('banner')).toContainText('Our own studio');
    await page.keyboard.press('F2');
    await page.keyboard.press('F1');
    await expect(page.getByTestId('recent-check-ins')).toContainText('Nia Okafor');
  } finally {
    await closeDesk(opened);
    await endpoint.close();
  }
});

test('a desk started with a venue file and no endpoint asks for its first manager before its door', async () => {
  const opened = await newDesk(deskVenue().data);
  const { page } = opened;
  try {
    await chooseFirstManager(page, 'first-manager-venue-file');
    await findAtDoor(page, 'nia ok');
    await expect(page.getByTestId('check-in-preview')).toContainText('Nia Okafor');
    // Kept on the desk: the page reloaded, the desk asks for the manager's PIN, not for a first manager.
    await page.getByRole('button', { name: /Lock/ }).click();
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Who is at the desk?' })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('first-manager-screen')).toHaveCount(0);
  } finally {
    await closeDesk(opened);
  }
});

test("the README's pairing: the code `npm run server -- demo` prints, pasted into a new desk's first screen", async () => {
  const root = await mkdtemp(join(tmpdir(), 'readme-pairing-'));
  const server = spawn(resolve('node_modules/.bin/tsx'), ['server/cli.ts', 'demo', '--customers', '50', '--data', join(root, 'server'), '--port', String(testPort(4963))], { stdio: ['ignore', 'pipe', 'pipe'] });
  let printed = '';
  server.stdout!.on('data', (chunk: Buffer) => { printed += chunk.toString(); });
  server.stderr!.on('data', (chunk: Buffer) => { printed += chunk.toString(); });
  const stopped = new Promise((done) => server.on('exit', done));
  const opened = await newDesk();
  const { page } = opened;
  try {
    await expect.poll(() => (server.exitCode === null ? /Ctrl-C stops/.test(printed) : `exited: ${printed}`), { timeout: 90_000 }).toBe(true);
    const code = /^\s+(BOX1-\S+)$/m.exec(printed)?.[1];
    expect(code, printed).toBeTruthy();
    await page.getByRole('heading', { name: 'Set up this desk' }).waitFor();
    await page.keyboard.press('2');
    await page.keyboard.type(code!);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('sync-connection')).toHaveText(/Online/, { timeout: 30_000 });
    await findAtDoor(page, 'emily k');
    await expect(page.getByTestId('check-in-preview')).toContainText('Emily Khan', { timeout: 60_000 });
    await page.keyboard.press('F4');
    await expect(page.getByRole('button', { name: 'Open the demo venue' })).toHaveCount(0);
  } finally {
    await closeDesk(opened);
    server.kill('SIGINT');
    await stopped;
    await rm(root, { recursive: true, force: true });
  }
});

test('after trying the demo, loading a venue file says what it discards and replaces it', async () => {
  const opened = await newDesk();
  const { page } = opened;
  try {
    await page.getByRole('heading', { name: 'Set up this desk' }).waitFor();
    await page.keyboard.press('1');
    await expect(page.getByRole('banner')).toContainText('(demo)', { timeout: 30_000 });
    await page.keyboard.press('F4');
    const file = JSON.stringify({ venue: { id: 'harbour', timeZone: 'Europe/London', name: 'Harbour Yoga' }, customers: [{ id: 'c-quinn', name: 'Quinn Newcomer', email: 'quinn@example.com' }] });
    await page.getByLabel(/Import a venue file/).setInputFiles({ name: 'harbour.json', mimeType: 'application/json', buffer: Buffer.from(file) });
    const confirm = page.getByTestId('demo-discard-confirm');
    await expect(confirm).toContainText('Loading Harbour Yoga (harbour.json) replaces the demo venue on this desk.');
    await expect(confirm).toContainText('Discarded for good: the demo’s 300 customers, and 0 practice check-ins made on this desk.');
    await expect(page.getByRole('button', { name: /Discard the demo and load the file/ })).toBeFocused();
    await page.screenshot({ path: 'test-results/screens/file-replaces-demo-1280x800.png' });
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('venue-note')).toContainText('Imported harbour.json: 1 customer,', { timeout: 30_000 });
    await expect(page.getByRole('banner')).toContainText('Harbour Yoga');
    // The demo went with its practice: the venue that stays asks for its first manager.
    await page.keyboard.press('F1');
    await chooseFirstManager(page, 'first-manager-after-demo');
    await findAtDoor(page, 'quinn');
    await expect(page.getByTestId('check-in-preview')).toContainText('Quinn Newcomer');
  } finally {
    await closeDesk(opened);
  }
});
