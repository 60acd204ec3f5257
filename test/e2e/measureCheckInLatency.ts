// Not part of CI: measures, in the real UI, how long the door's one key takes to become the
// result on screen (issue 7: "key press to result on screen p99 ≤ 50 ms"), on a big venue. It
// only REPORTS the figures; nothing here passes or fails on a time.
//
//   npx vite build
//   npx tsx test/e2e/measureCheckInLatency.ts --venue /tmp/v100k.json --dir /tmp/desk100k --port 4990 [--count 80]
//
// --dir holds the desk's data folder and Chromium profile (as for measureSearchLatency.ts; a
// copy of the bench's loaded profile, bench-results/profile-large, works on port 4795). Each
// customer is found by name, its preview awaited, then Enter is pressed: measured from the
// keydown to the first frame painted after the result panel shows that customer's outcome
// (checked in, or refused with its reasons). A second check-in's confirmation is cancelled.
import { parseArgs } from 'node:util';
import { join, resolve } from 'node:path';
import { readVenueFile, formatVenueFileErrors } from '../../main/venue/readVenueFile';
import { startBrowserDesk } from '../../main/browser/startBrowserDesk';
import { launchChromium } from './chromium';
import { summarize } from '../bench/percentiles';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: { venue: { type: 'string' }, dir: { type: 'string' }, port: { type: 'string' }, count: { type: 'string', default: '80' } },
});
if (!values.venue || !values.dir || !values.port) {
  console.error('usage: tsx test/e2e/measureCheckInLatency.ts --venue FILE --dir DIR --port N [--count 80]');
  process.exit(2);
}

async function main(): Promise<void> {
  const startedMs = Date.now();
  const dir = resolve(values.dir!);
  let readyResolve: () => void = () => undefined;
  const ready = new Promise<void>((done) => { readyResolve = done; });
  const log = (line: string) => {
    console.log(`[${Math.round((Date.now() - startedMs) / 1000)} s] ${line}`);
    if (line.includes('storage connected, ready')) readyResolve();
  };
  const parsed = await readVenueFile(resolve(values.venue!));
  if (!parsed.ok) throw new Error(formatVenueFileErrors(parsed.errors, values.venue!).join('\n'));
  // Customers spread over the venue, each with a name of two words (typed whole).
  const count = Number(values.count);
  const step = Math.max(1, Math.floor(parsed.data.customers.length / count));
  const people = parsed.data.customers.filter((_, index) => index % step === 0).slice(0, count);
  const desk = await startBrowserDesk({ port: Number(values.port), dataDir: join(dir, 'data'), initialVenue: parsed.data, firstManagerAtStart: 'not-asked-by-this-test', log });
  const chromium = await launchChromium({ userDataDir: join(dir, 'profile') });
  try {
    const page = chromium.context.pages()[0] ?? await chromium.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(desk.url);
    await ready;
    const search = page.getByTestId('customer-search');
    await search.waitFor({ timeout: 600_000 });
    await page.getByLabel('Session').selectOption({ label: 'Walk-in, no session' });
    await search.focus();
    // In the page: the keydown of Enter, then the first frame painted after the result panel
    // names the customer (a string, not a function: this file is type-checked without the DOM).
    await page.evaluate(`(() => {
      window.__checkIn = { samples: [], waiting: null };
      document.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' && window.__checkIn.waiting) window.__checkIn.waiting.at = performance.now();
      }, true);
      new MutationObserver(() => {
        const waiting = window.__checkIn.waiting;
        if (!waiting || waiting.at === 0) return;
        const panel = document.querySelector('[data-testid="check-in-result"]');
        if (!panel || !panel.textContent.includes(waiting.name) || panel.outerHTML === waiting.before) return;
        window.__checkIn.waiting = null;
        requestAnimationFrame(() => setTimeout(() => {
          window.__checkIn.samples.push({ name: waiting.name, ms: performance.now() - waiting.at, outcome: panel.getAttribute('data-outcome') });
        }, 0));
      }).observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
    })()`);
    for (const person of people) {
      await search.fill('');
      await search.pressSequentially(person.name, { delay: 20 });
      try {
        await page.getByTestId('check-in-preview').filter({ hasText: person.name }).waitFor({ timeout: 10_000 });
      } catch {
        log(`no preview for ${person.name}; skipped`);
        await page.keyboard.press('Escape');
        continue;
      }
      await page.evaluate(`(() => {
        const panel = document.querySelector('[data-testid="check-in-result"]');
        window.__checkIn.waiting = { name: ${JSON.stringify(person.name)}, at: 0, before: panel ? panel.outerHTML : '' };
      })()`);
      await page.keyboard.press('Enter');
      await page.waitForTimeout(250);
      const outcome = await page.getByTestId('check-in-result').getAttribute('data-outcome').catch(() => null);
      if (outcome === 'confirm-duplicate') await page.keyboard.press('Escape');
    }
    const samples = await page.evaluate('window.__checkIn.samples') as { name: string; ms: number; outcome: string }[];
    const summary = summarize(samples.map((sample) => sample.ms));
    const outcomes: Record<string, number> = {};
    for (const sample of samples) outcomes[sample.outcome] = (outcomes[sample.outcome] ?? 0) + 1;
    console.log(`\nEnter → result painted at the door, ${parsed.data.customers.length.toLocaleString('en-GB')} customers:`);
    console.log(`  ${JSON.stringify({ ...summary, outcomes })}`);
  } finally {
    await chromium.close();
    await desk.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : String(error));
  process.exit(1);
});
