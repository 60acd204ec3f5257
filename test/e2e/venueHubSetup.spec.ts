// Setup's "This desk also serves the venue's network" (issue 17), as an admin meets it: a
// paired desk switches it on, says where it serves, and shows a short code for another desk.
// The desk's hub listens on 127.0.0.2 and does not announce itself: nothing leaves loopback.
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { testPort } from '../testPorts';
import { startBrowserDesk } from '../../main/browser/startBrowserDesk';
import { encodePairingCode } from '../../shared/schema/pairingCode';
import { startEndpoint, setUpVenue } from '../scenarios/scenarioEndpoint';
import { launchChromium } from './chromium';
import { deskFolders } from './browserDesk';
import { deskVenue } from './deskVenue';

const DESK_PORT = testPort(4943);

/** Setup's sections drawn over each other, and the space between two sections one above the other in a column (the gap is 16 px; the section as wide as both columns is left out). */
async function setupLayout(page: Page): Promise<{ overlaps: string[]; gaps: { between: string; px: number }[] }> {
  return page.locator('.setup__section').evaluateAll((sections) => {
    const boxes = sections.map((section) => ({ name: section.getAttribute('aria-labelledby') ?? String(section.className), box: section.getBoundingClientRect() }));
    const overlaps = boxes.flatMap((a, i) => boxes.slice(i + 1)
      .filter((b) => a.box.left < b.box.right && b.box.left < a.box.right && a.box.top < b.box.bottom && b.box.top < a.box.bottom)
      .map((b) => `${a.name} over ${b.name}`));
    const gaps = boxes.flatMap((a) => {
      const below = boxes.filter((b) => Math.abs(b.box.left - a.box.left) < 1 && Math.abs(b.box.width - a.box.width) < 1 && b.box.top >= a.box.bottom).sort((x, y) => x.box.top - y.box.top)[0];
      return below ? [{ between: `${a.name} and ${below.name}`, px: Math.round(below.box.top - a.box.bottom) }] : [];
    });
    return { overlaps, gaps };
  });
}

test('Setup: the switch serves the venue\'s network from this desk and shows a code for another desk', async () => {
  test.setTimeout(240_000);
  const started = await startEndpoint({ kind: 'pglite-memory' });
  if (!started.ok) throw new Error(started.message);
  const upstream = started.endpoint;
  const venue = deskVenue().data;
  const code = encodePairingCode((await setUpVenue(upstream, venue, ['front'])).get('front')!);
  const folders = await deskFolders(DESK_PORT);
  const desk = await startBrowserDesk({ port: folders.port, dataDir: folders.dataDir, log: () => undefined, venueHub: { host: '127.0.0.2', announce: false } });
  const chromium = await launchChromium({ userDataDir: folders.profileDir });
  try {
    const page = chromium.context.pages()[0] ?? await chromium.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(desk.url);
    await expect(page.getByRole('heading', { name: 'Set up this desk' })).toBeVisible();
    await page.keyboard.press('2');
    await expect(page.getByLabel('Pairing code, or the endpoint address')).toBeFocused();
    await page.getByLabel('Pairing code, or the endpoint address').fill(code);
    await page.getByLabel('Pairing code, or the endpoint address').press('Enter');
    await expect(page.getByRole('banner')).toContainText(venue.venue.name!, { timeout: 60_000 });
    await page.keyboard.press('F4');
    await page.getByLabel("This desk also serves the venue's network").click();
    await expect(page.getByTestId('venue-hub-address')).toContainText(/Serving the venue's network at [\d.]+:\d+\./, { timeout: 60_000 });
    await page.getByLabel('Name of the other desk').fill('Door 2');
    await page.getByRole('button', { name: 'Show a pairing code' }).click();
    await expect(page.getByTestId('venue-hub-code')).toContainText(/On Door 2: .* type [0-9A-Z]{5}-[0-9A-Z]{5} \(valid until /);
    for (const viewport of [{ width: 1280, height: 800 }, { width: 1024, height: 600 }]) {
      await page.setViewportSize(viewport);
      await page.getByTestId('venue-hub').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `test-results/screens/setup-venue-hub-${viewport.width}x${viewport.height}.png` });
      const { overlaps, gaps } = await setupLayout(page);
      // The sync section grown by the switch and its code is not drawn over the sections below it.
      expect(overlaps, `at ${viewport.width}`).toEqual([]);
      // Nor does it pull gaps between the sections beside it: each column flows on its own.
      expect(gaps.filter((gap) => gap.px > 17), `at ${viewport.width}`).toEqual([]);
    }
    await page.getByLabel("This desk also serves the venue's network").click();
    await expect(page.getByTestId('venue-hub-address')).toHaveCount(0, { timeout: 60_000 });
  } finally {
    await desk.close();
    await chromium.close();
    await folders.remove();
    await upstream.close();
  }
});
