// Issue 16 item 4: German is longer than English. A desk set to German at 1024×600, the
// smallest screen a door desk has: the door with a customer previewed, a refusal, the
// adjustment panel of a pass and the status bar, each checked in the page for clipped or
// overflowing text, and photographed into test-results/german/ to be looked at; also the
// problem lines of a file not imported, and a desk offline (the status bar, the freshness line).
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { connectDeskApi } from '../crash/deskApiSocket';
import { closeBrowserDesk, deskFolders, openBrowserDesk } from './browserDesk';
import { deskVenue } from './deskVenue';
import { testPort } from '../testPorts';
import { expectStatusBarOnOneLine } from './statusBarLine';
import { wordsIn } from '../../renderer/i18n/wordsIn';
import { openStaffedDesk, signIn, staff } from './staffedDesk';
import { withPairedDesk } from './venueEndpoint';

const viewport = { width: 1024, height: 600 };

type Clipped = { text: string; scrollWidth: number; clientWidth: number; where: string };

/**
 * Text cut off without saying so: an element whose content is wider than its box while its
 * overflow is hidden (or ends in an ellipsis), unless it is truncated on purpose and carries
 * the whole text in its title. And the page itself scrolling sideways.
 */
async function clippedText(page: Page): Promise<{ clipped: Clipped[]; pageOverflow: number }> {
  return page.evaluate((panels) => {
    // In the page (this file is typed without the DOM library).
    type Box = { scrollWidth: number; clientWidth: number; scrollHeight: number; clientHeight: number; textContent: string | null; className: unknown; tagName: string; getAttribute(name: string): string | null; closest(selector: string): unknown };
    const view = globalThis as unknown as {
      document: { documentElement: { scrollWidth: number }; body: { querySelectorAll(selector: string): ArrayLike<Box> } };
      innerWidth: number;
      getComputedStyle(element: Box): { overflowX: string; textOverflow: string; display: string; visibility: string };
    };
    const clipped: Clipped[] = [];
    for (const element of Array.from(view.document.body.querySelectorAll('*'))) {
      const text = (element.textContent ?? '').trim();
      // Words for screen readers only (a 1-pixel box) are not on screen.
      if (!text || element.clientWidth <= 1 || element.scrollWidth <= element.clientWidth + 1) continue;
      const style = view.getComputedStyle(element);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      // A label is never cut: its field sticking out of it runs under what stands beside it.
      const hides = style.overflowX === 'hidden' || style.overflowX === 'clip' || style.textOverflow === 'ellipsis' || element.tagName === 'LABEL';
      if (!hides) continue;
      if (element.getAttribute('title') || element.closest('[title]')) continue;
      clipped.push({ text: text.slice(0, 120), scrollWidth: element.scrollWidth, clientWidth: element.clientWidth, where: `${element.tagName.toLowerCase()}.${String(element.className)}` });
    }
    // A panel whose words spill out of its bottom, over the next one.
    for (const panel of Array.from(view.document.body.querySelectorAll(panels))) {
      if (panel.scrollHeight > panel.clientHeight + 1) clipped.push({ text: (panel.textContent ?? '').trim().slice(0, 120), scrollWidth: panel.scrollHeight, clientWidth: panel.clientHeight, where: `${String(panel.getAttribute('data-testid'))} (height)` });
    }
    return { clipped, pageOverflow: view.document.documentElement.scrollWidth - view.innerWidth };
  }, ['check-in-result', 'check-in-preview', 'adjust-pass', 'recent-check-ins', 'kiosk-answer'].map((id) => `[data-testid="${id}"]`).join(', '));
}

/** `statusBar`: the screen has the status bar (the kiosk has none). */
async function expectNothingClipped(page: Page, screen: string, { statusBar = true } = {}): Promise<void> {
  await page.screenshot({ path: `test-results/german/${screen}.png` });
  const { clipped, pageOverflow } = await clippedText(page);
  expect(clipped, `clipped text on ${screen}`).toEqual([]);
  expect(pageOverflow, `the page scrolls sideways on ${screen}`).toBeLessThanOrEqual(0);
  if (statusBar) await expectStatusBarOnOneLine(page, viewport.width);
}

test('German at 1024×600: the door, a refusal, the adjustment panel and the status bar, nothing clipped', async () => {
  const folders = await deskFolders(testPort(5071));
  const desk = await openBrowserDesk(folders, deskVenue().data, viewport);
  const url = new URL(desk.desk.url);
  const api = await connectDeskApi(url.origin, url.searchParams.get('s')!, 10_000);
  try {
    const { page } = desk;
    expect(await api.call('setLanguage', { language: 'de' })).toMatchObject({ answered: true, result: { ok: true } });
    // The renderer reads the desk's language when it opens (Setup applies it at once itself).
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    const search = page.getByTestId('customer-search');

    // The door, a customer previewed.
    await search.focus();
    await page.keyboard.type('ada');
    await expect(page.getByTestId('check-in-preview')).toContainText('Ada Lovelace');
    await expectNothingClipped(page, 'door-preview');

    // A refusal: every pass of Ivy refused for the yoga session (revoked, expired, used up, wrong session).
    await page.getByTestId('session-select').selectOption('session:s-yoga');
    await search.focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('ivy');
    await expect(page.getByTestId('check-in-preview')).toContainText('Ivy');
    await page.keyboard.press('Enter');
    const result = page.getByTestId('check-in-result');
    await expect(result.locator('.ineligible__passes li')).toHaveCount(4);
    await expectNothingClipped(page, 'refusal');

    // The adjustment panel of a pass, with a change waiting to be saved.
    await page.keyboard.press('F3');
    await page.keyboard.type('tom');
    await expect(page.getByTestId('customer-results')).toContainText('Tom Baker');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('pass-list')).toBeFocused();
    await page.keyboard.press('-');
    await expect(page.getByTestId('adjust-pass')).toContainText('23 → 22');
    await expectNothingClipped(page, 'adjustment-panel');

    // A fixed date is typed as German writes it, at this UK venue too: TT.MM.JJJJ, day.month.year.
    await page.keyboard.press('f');
    const field = page.getByTestId('adjust-pass').locator('input.adjust__date');
    await expect(field).toBeFocused();
    await expect(field).toHaveAttribute('placeholder', 'TT.MM.JJJJ');
    const outcome = page.getByTestId('adjust-pass').locator('#adjust-expiry-outcome');
    await page.keyboard.type('07/01/2027');
    await expect(outcome).toContainText('Geben Sie das Datum als TT.MM.JJJJ ein, zum Beispiel 25.12.2026.');
    await expectNothingClipped(page, 'date-refused');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('7.1.2027');
    await expect(outcome).toContainText(wordsIn('de').dateWords('2027-01-07'));
  } finally {
    api.close();
    await closeBrowserDesk(desk);
    await folders.remove();
  }
});

test('German at 1024×600: the review list and the kiosk (idle, a welcome, a refusal, leaving it), nothing clipped', async () => {
  const desk = await openStaffedDesk(testPort(5084), testPort(5085), 'de', viewport);
  const { page } = desk;
  try {
    await signIn(page, 'ada a', staff.admin.pin);

    // The review list: an overdrawn pass and a check-in by two desks.
    await page.keyboard.press('F8');
    const review = page.getByTestId('review-list');
    await expect(review).toContainText('Dana Twodesks');
    await expect(review.getByRole('listitem')).toHaveCount(2);
    await expect(review).toContainText('ist um 1 überzogen');
    await expectNothingClipped(page, 'review-list');
    await page.keyboard.press('Escape');
    await expect(review).toBeHidden();

    // The kiosk, which an admin makes of this desk.
    await page.keyboard.press('F4');
    await page.getByTestId('kiosk-make').click();
    const box = page.locator('#kiosk-identifier');
    await expect(box).toBeFocused();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Selbst einchecken');
    await expectNothingClipped(page, 'kiosk-idle', { statusBar: false });
    const answer = page.getByTestId('kiosk-answer');
    await box.pressSequentially('PASS-0001');
    await page.keyboard.press('Enter');
    await expect(answer).toContainText('Willkommen, Ada!');
    await expectNothingClipped(page, 'kiosk-welcome', { statusBar: false });
    await box.pressSequentially('wren@example.com');
    await page.keyboard.press('Enter');
    await expect(answer).not.toContainText('Ada');
    await expectNothingClipped(page, 'kiosk-refusal', { statusBar: false });
    await page.locator('.kiosk__staff').click();
    await page.locator('#kiosk-leave-pin').fill('1111');
    await page.locator('#kiosk-leave-pin').press('Enter');
    await expect(page.getByTestId('kiosk-leave-problem')).toBeVisible();
    await expectNothingClipped(page, 'kiosk-leave', { statusBar: false });
  } finally {
    await desk.close();
  }
});

/** Each problem line of a file not imported, whole inside the page and inside its box. */
async function expectProblemLinesFit(page: Page, count: number): Promise<void> {
  const lines = page.getByTestId('venue-note').getByRole('listitem');
  await expect(lines).toHaveCount(count);
  for (const line of await lines.all()) {
    const box = (await line.boundingBox())!;
    expect(box.x, 'a problem line starts on the page').toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, 'a problem line ends on the page').toBeLessThanOrEqual(viewport.width);
    expect(await line.evaluate((element) => (element as unknown as { scrollWidth: number; clientWidth: number }).scrollWidth - (element as unknown as { clientWidth: number }).clientWidth), 'a problem line wider than its box').toBeLessThanOrEqual(1);
  }
}

test('German at 1024×600: the problem lines of a venue file and a CSV not imported, nothing clipped', async () => {
  const folders = await deskFolders(testPort(5091));
  const venue = deskVenue();
  const desk = await openBrowserDesk(folders, venue.data, viewport);
  const url = new URL(desk.desk.url);
  const api = await connectDeskApi(url.origin, url.searchParams.get('s')!, 10_000);
  try {
    const { page } = desk;
    expect(await api.call('setLanguage', { language: 'de' })).toMatchObject({ answered: true, result: { ok: true } });
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    await page.keyboard.press('F4');
    const fileInput = page.locator('.setup input[type="file"]').first();
    const broken = JSON.stringify({
      venue: venue.data.venue,
      customers: [{ id: 'c-new', name: '' }, { id: 'c-other' }],
      products: [{ id: 'p-new', name: 'Zehnerkarte', uses: 2.5, expiry: { kind: 'weekly' }, validFor: 'everything', colour: 'blue' }],
      passes: [{ id: 'x-new', customerId: 'c-gone', productId: 'p-new', purchasedAt: 'gestern' }],
    }, null, 2);
    await fileInput.setInputFiles({ name: 'kaputt.json', mimeType: 'application/json', buffer: Buffer.from(broken) });
    const note = page.getByTestId('venue-note');
    await expect(note).toContainText('kaputt.json wurde nicht importiert');
    await expect(note.getByRole('listitem').filter({ hasText: 'customers[0].name' })).toHaveText('Zeile 10, Spalte 7, customers[0].name: darf nicht leer sein, nicht leerer Text ""');
    await note.scrollIntoViewIfNeeded();
    await expectProblemLinesFit(page, 7);
    await expectNothingClipped(page, 'import-problems-venue-file');

    await fileInput.setInputFiles({ name: 'produkte.csv', mimeType: 'text/csv', buffer: Buffer.from('id,name,uses,expiry,validFor\np-ten,Zehnerkarte,zehn,wöchentlich,all\n') });
    await expect(note.getByRole('listitem').first()).toHaveText('Zeile 2, uses: "zehn" ist keine ganze Zahl an Nutzungen (leer lassen für unbegrenzt)');
    await note.scrollIntoViewIfNeeded();
    await expectProblemLinesFit(page, 2);
    await expectNothingClipped(page, 'import-problems-csv');
  } finally {
    api.close();
    await closeBrowserDesk(desk);
    await folders.remove();
  }
});

test('German at 1024×600: offline for over a minute, the status bar and the freshness line at the door, nothing clipped', async () => {
  test.setTimeout(180_000);
  // The desk's clock two minutes behind the computer's (within what the desk takes as right):
  // its last exchange with the endpoint reads as over a minute ago once the endpoint is gone.
  await withPairedDesk({ endpointPort: 5092, deskPort: 5093, viewport, pair: false, clock: () => Date.now() - 120_000 }, async ({ page, api, endpoint, settings }) => {
    expect(await api.call('setLanguage', { language: 'de' })).toMatchObject({ answered: true, result: { ok: true } });
    // The page reads the desk's language as it opens; reloaded before the desk syncs.
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    expect(await api.call('pairEndpoint', settings)).toMatchObject({ answered: true, result: { ok: true } });
    await expect(page.locator('.status-bar__connection--online')).toBeVisible({ timeout: 30_000 });
    // A desk that has been working: its first sync done before the endpoint goes.
    await expect(page.getByTestId('sync-waiting')).toHaveText('nichts wartet auf Sync', { timeout: 30_000 });
    await expect(page.locator('.status-bar__progress')).toBeHidden({ timeout: 30_000 });
    await endpoint.close();
    await expect(page.getByTestId('sync-connection')).toHaveText('○ Offline', { timeout: 30_000 });
    await expectNothingClipped(page, 'status-offline');
    await page.getByTestId('customer-search').pressSequentially('Nia');
    const preview = page.getByTestId('door-freshness-preview');
    await expect(preview).toContainText(/^Stand \d\d:\d\d/, { timeout: 60_000 });
    await expectNothingClipped(page, 'door-freshness-preview');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('door-freshness')).toBeVisible();
    await expectNothingClipped(page, 'door-freshness-result');
  });
});
