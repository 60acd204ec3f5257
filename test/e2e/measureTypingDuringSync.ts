// Not part of CI: typing at the door while a new desk's first sync runs (the issue: "nothing
// blocks typing while sync runs"), beside the same typing once the sync is done. It only
// REPORTS the figures (keystrokeProbe.ts): the letter painted, and the results painted.
//
//   npm run server -- demo --customers 5000 --data /tmp/sync-server --port 4981   (prints URL and token)
//   npx vite build
//   npx tsx test/e2e/measureTypingDuringSync.ts --server http://127.0.0.1:4981 --token TOKEN --dir /tmp/typing --port 4991
//
// A new desk (its data and Chromium profile under --dir, removed at the end; no venue of its
// own: the demo is offered, not opened) is paired by keyboard, and the door's box is typed into,
// as a person types, for as long as the first sync runs; then the same again once it is done.
import { parseArgs } from 'node:util';
import { mkdtemp, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { startBrowserDesk } from '../../main/browser/startBrowserDesk';
import { launchChromium } from './chromium';
import { probeSearchBox, recordApiSocket, reportKeystrokes, takeSamples, timeMainsSide } from './keystrokeProbe';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    server: { type: 'string' },
    token: { type: 'string' },
    dir: { type: 'string' },
    port: { type: 'string' },
    after: { type: 'string', default: '2' },
  },
});
if (!values.server || !values.token || !values.dir || !values.port) {
  console.error('usage: tsx test/e2e/measureTypingDuringSync.ts --server URL --token TOKEN --dir DIR --port N [--after ROUNDS]');
  process.exit(2);
}

/** What staff type: a few letters of a first name, a surname, an email. */
const QUERIES = ['jose nu', 'obri', 'mar', 'smit', 'chen', 'zoe', 'pate', 'a', 'sian', 'garc', 'kim', 'okaf'];

async function main(): Promise<void> {
  const startedMs = Date.now();
  const root = await mkdtemp(join(resolve(values.dir!), 'typing-'));
  let syncDone = false;
  const log = (line: string) => {
    console.log(`[${Math.round((Date.now() - startedMs) / 1000)} s] ${line}`);
    // A desk that held nothing takes a snapshot (its history last); one that held the venue replicates.
    if (line.includes('first sync done') || line.includes("the snapshot's history is in")) syncDone = true;
  };
  const mainCalls = timeMainsSide();
  const desk = await startBrowserDesk({ port: Number(values.port), dataDir: join(root, 'data'), log });
  const chromium = await launchChromium({ userDataDir: join(root, 'profile') });
  try {
    const page = chromium.context.pages()[0] ?? await chromium.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.addInitScript(recordApiSocket);
    await page.goto(desk.url);
    // A new desk opens no venue by itself: its first screen offers the ways in.
    await page.getByRole('heading', { name: 'Set up this desk' }).waitFor();

    // Paired by keyboard, as a new desk is.
    await page.keyboard.press('F4');
    await page.getByLabel('Endpoint address').focus();
    await page.keyboard.type(values.server!);
    await page.keyboard.press('Tab');
    await page.keyboard.type(values.token!);
    await page.keyboard.press('Enter');
    await page.getByTestId('pair-note').filter({ hasText: 'Paired with' }).waitFor({ timeout: 60_000 });
    const syncStartedMs = Date.now();
    await page.keyboard.press('F1');
    const search = page.getByTestId('customer-search');
    await search.waitFor();
    await probeSearchBox(page, 'customer-search', 'customer-matches');

    const typeOnce = async (query: string) => {
      // A person types about 5–8 keys a second; each key is measured on its own.
      await search.pressSequentially(query, { delay: 150 });
      await page.waitForTimeout(300);
      await page.keyboard.press('Escape');
      await page.waitForTimeout(100);
    };
    let typed = 0;
    let saidMs = Date.now();
    while (!syncDone) {
      await typeOnce(QUERIES[typed % QUERIES.length]!);
      typed += 1;
      if (Date.now() - saidMs > 30_000) {
        saidMs = Date.now();
        const progress = await page.locator('.status-bar__progress').innerText().catch(() => 'no progress shown');
        log(`${progress.trim()}; ${typed} queries typed so far`);
      }
    }
    const during = await takeSamples(page, mainCalls);
    const syncSeconds = Math.round((Date.now() - syncStartedMs) / 1000);
    const counts = await page.getByTestId('status-bar').innerText();
    log(`first sync done after about ${syncSeconds} s; ${typed} queries typed meanwhile`);

    await page.waitForTimeout(3_000);
    for (let round = 0; round < Number(values.after); round += 1) for (const query of QUERIES) await typeOnce(query);
    const after = await takeSamples(page, mainCalls);
    reportKeystrokes(`Typing at the door during a first sync (${syncSeconds} s)`, during);
    reportKeystrokes('The same typing once the sync is done', after);
    console.log(`\nstatus bar at the end of the sync: ${counts.replace(/\s+/g, ' ')}`);
  } finally {
    await chromium.close();
    await desk.close();
    await rm(root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : String(error));
  process.exit(1);
});
