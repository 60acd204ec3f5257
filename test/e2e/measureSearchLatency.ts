// Not part of CI: measures, in the real UI, how long a keystroke in the door's search box takes
// to become painted results, on a big venue (SPEC "Scale": 100,000 customers). It only REPORTS
// the figures; nothing here passes or fails on a time.
//
//   npm run demo -- --customers 100000 --out /tmp/v100k.json
//   npx vite build
//   npx tsx test/e2e/measureSearchLatency.ts --venue /tmp/v100k.json --dir /tmp/desk100k --port 4990 [--load-only]
//       [--rounds N] [--trace FILE] [--viewport WxH] [--during-load]
//
// The desk's data folder and Chromium profile live under --dir, and the port is fixed, so the
// venue is put into IndexedDB once (many minutes at 100,000 customers) and reused after.
//
// Besides keystroke → painted, it says where each keystroke's time went (keystrokeProbe.ts):
// the frame that showed the letter, the page until the search call left (React's render of
// the keystroke and its effects), the round trip over the API socket (of which main's own
// time), the page from the answer to the list's commit, and the commit to the painted frame.
// --during-load also types at the door while the page loads its own copy of the search
// (renderer/search/localSearch.ts), and says how long each letter took to be painted then.
// --rounds repeats the queries; --trace writes a Chromium trace of the door's typing (open it
// in Perfetto or chrome://tracing).
import { parseArgs } from 'node:util';
import { join, resolve } from 'node:path';
import { readVenueFile, formatVenueFileErrors } from '../../main/venue/readVenueFile';
import { startBrowserDesk } from '../../main/browser/startBrowserDesk';
import { launchChromium } from './chromium';
import type { Page } from 'playwright-core';
import type { KeystrokeSample } from './keystrokeProbe';
import { figures, probeSearchBox, recordApiSocket, recordLongTasks, reportKeystrokes, reportSearchCopyLoad, startChromiumTrace, takeSamples, timeMainsSide } from './keystrokeProbe';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    venue: { type: 'string' },
    dir: { type: 'string' },
    port: { type: 'string' },
    'load-only': { type: 'boolean' },
    'during-load': { type: 'boolean' },
    viewport: { type: 'string' },
    rounds: { type: 'string', default: '1' },
    trace: { type: 'string' },
  },
});
if (!values.venue || !values.dir || !values.port) {
  console.error('usage: tsx test/e2e/measureSearchLatency.ts --venue FILE --dir DIR --port N [--load-only] [--rounds N] [--trace FILE]');
  process.exit(2);
}

/** What staff type: a few letters of a first name, a surname, an email, a pass code. */
const QUERIES = ['jose nu', 'obri', 'mar', 'smit', 'chen', 'zoe', 'pate', 'a', 'sian', 'garc', 'kim', 'okaf'];

async function main(): Promise<void> {
  const startedMs = Date.now();
  const dir = resolve(values.dir!);
  let ready = false;
  let readyResolve: () => void = () => undefined;
  const readyPromise = new Promise<void>((done) => { readyResolve = done; });
  const log = (line: string) => {
    console.log(`[${Math.round((Date.now() - startedMs) / 1000)} s] ${line}`);
    if (line.includes('storage connected, ready')) {
      ready = true;
      readyResolve();
    }
  };
  log(`reading ${values.venue}…`);
  const parsed = await readVenueFile(resolve(values.venue!));
  if (!parsed.ok) throw new Error(formatVenueFileErrors(parsed.errors, values.venue!).join('\n'));
  const customers = parsed.data.customers.length;
  const sampleCode = parsed.data.passes.find((pass) => pass.code)?.code ?? null;
  const mainCalls = timeMainsSide();
  const desk = await startBrowserDesk({ port: Number(values.port), dataDir: join(dir, 'data'), initialVenue: parsed.data, firstManagerAtStart: 'not-asked-by-this-test', log });
  const chromium = await launchChromium({ userDataDir: join(dir, 'profile') });
  try {
    const page = chromium.context.pages()[0] ?? await chromium.context.newPage();
    const [width, height] = (values.viewport ?? '1280x800').split('x').map(Number);
    await page.setViewportSize({ width: width!, height: height! });
    const consoleLines: string[] = [];
    page.on('console', (message) => consoleLines.push(`${message.type()}: ${message.text()}`));
    page.on('pageerror', (error) => consoleLines.push(`page error: ${error.message}`));
    await page.addInitScript(recordApiSocket);
    await page.addInitScript(recordLongTasks);
    await page.goto(desk.url);
    // The first run puts the venue into IndexedDB; main says when the desk is ready.
    while (!ready) {
      await Promise.race([readyPromise, new Promise((done) => setTimeout(done, 30_000))]);
      if (!ready) log('the desk is still opening (a first run also loads the venue into IndexedDB)…');
    }
    if (values['load-only']) {
      log(`venue loaded (${customers} customers): the profile under ${dir} is ready`);
      return;
    }
    if (values['during-load']) await typeDuringSearchCopyLoad(page, log);
    await reportSearchCopyLoad(page, log);
    // The door's search box (8 best matches), then the Customers screen's (up to 200, virtualised).
    const screens = [
      { name: 'door', key: null, input: 'customer-search', list: 'customer-matches' },
      { name: 'customers', key: 'F3', input: 'customer-find', list: 'customer-results' },
    ];
    for (const screen of screens) {
      if (screen.key) await page.keyboard.press(screen.key);
      const search = page.getByTestId(screen.input);
      try {
        // The page may still be catching up with the change events of the load.
        await search.waitFor({ timeout: 600_000 });
      } catch (error) {
        await page.screenshot({ path: join(dir, 'measure-failed.png') });
        console.error(consoleLines.slice(-40).join('\n'));
        throw error;
      }
      await page.getByTestId(screen.list).waitFor({ state: 'attached' });
      // Warm up: the first query pays for code loading and the JIT, not the index.
      await search.pressSequentially('zz');
      await page.keyboard.press('Escape');
      await page.waitForTimeout(300);

      await probeSearchBox(page, screen.input, screen.list);

      const tracing = screen.name === 'door' && values.trace ? await startChromiumTrace(await page.context().newCDPSession(page)) : null;
      const queries = sampleCode ? [...QUERIES, sampleCode] : QUERIES;
      for (let round = 0; round < Number(values.rounds); round += 1) {
        for (const query of queries) {
          // A person types about 5–8 keys a second; each key is measured on its own.
          await search.pressSequentially(query, { delay: 150 });
          await page.waitForTimeout(300);
          await page.keyboard.press('Escape');
          await page.waitForTimeout(100);
        }
        // A scanner: a whole code in a burst, then what the screen shows for it.
        if (sampleCode) {
          await search.pressSequentially(sampleCode, { delay: 5 });
          await page.waitForTimeout(300);
          await page.keyboard.press('Escape');
          await page.waitForTimeout(100);
        }
      }
      if (tracing) await tracing.stop(resolve(values.trace!));
      const samples = await takeSamples(page, mainCalls);
      reportKeystrokes(`Keystroke → results painted, ${screen.name} search box, ${customers.toLocaleString('en-GB')} customers`, samples, { each: true });
    }
  } finally {
    await chromium.close();
    await desk.close();
  }
}

/** Types at the door until the page's copy of the search is loaded: a letter must never wait for it. */
async function typeDuringSearchCopyLoad(page: Page, log: (line: string) => void): Promise<void> {
  const search = page.getByTestId('customer-search');
  await search.waitFor({ timeout: 600_000 });
  await probeSearchBox(page, 'customer-search', 'customer-matches');
  const loaded = () => page.evaluate('performance.getEntriesByName("customer-search-ready").length > 0') as Promise<boolean>;
  let typed = 0;
  while (!(await loaded()) && typed < 2000) {
    for (const query of QUERIES) {
      await search.pressSequentially(query, { delay: 150 });
      await page.keyboard.press('Escape');
      typed += query.length;
    }
  }
  await page.waitForTimeout(500);
  const samples = await page.evaluate('(() => { const taken = window.__latency.samples; window.__latency.samples = []; return taken; })()') as KeystrokeSample[];
  log(`typed ${typed} keys at the door while the page's copy of the search loaded`);
  console.log(`  keydown → the letter painted: ${figures(samples.map((sample) => sample.echo))}`);
  console.log(`  keydown → results painted:    ${figures(samples.map((sample) => sample.ms))}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : String(error));
  process.exit(1);
});
