// The renderer's own copy of the customer search (renderer/search/), in Chromium through the real
// bridges and its real worker: once loaded, the door's box and the Customers screen list their
// matches without asking main (the list is painted with the letter), only the preview of the
// first match comes from main; and a customer main takes in later is found the same way.
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { closeBrowserDesk, deskFolders, openBrowserDesk } from './browserDesk';
import { deskVenue } from './deskVenue';
import { recordApiSocket } from './keystrokeProbe';
import { connectDeskApi } from '../crash/deskApiSocket';
import { testPort } from '../testPorts';

/** The API calls the page has made since the last time this was asked (their names). */
const callsSince = (page: Page) => page.evaluate(`(() => {
  const names = [...window.__wire.calls.values()].map((call) => call.name);
  window.__wire.calls.clear();
  return names;
})()`) as Promise<string[]>;

async function copyLoaded(page: Page): Promise<void> {
  await expect.poll(() => page.evaluate('performance.getEntriesByName("customer-search-ready").length'), { timeout: 30_000 }).toBeGreaterThan(0);
}

test('the door and the Customers screen search in the page, and follow a customer main takes in', async () => {
  const folders = await deskFolders(testPort(4871));
  const venue = deskVenue();
  const running = await openBrowserDesk(folders, venue.data, undefined, { initScripts: [recordApiSocket] });
  try {
    const { page } = running;
    await copyLoaded(page);
    await callsSince(page);

    // The door: the list without a search call; the preview of the first match from main.
    const box = page.getByLabel('Find customer');
    await box.focus();
    await box.pressSequentially('nia ok');
    await expect(page.getByTestId('customer-matches')).toContainText('Nia Okafor');
    await expect(page.getByTestId('check-in-preview')).toContainText('Nia Okafor');
    await expect(page.getByTestId('check-in-preview')).not.toContainText('Looking up passes');
    let calls = await callsSince(page);
    expect(calls).not.toContain('findAtDoor');
    expect(calls).not.toContain('search');
    expect(calls).toContain('previewCheckIn');

    // A scanned code: exact, at once, and Enter checks the customer in.
    await page.keyboard.press('Escape');
    await box.pressSequentially('pass-0007', { delay: 5 });
    await expect(page.getByTestId('customer-matches')).toContainText('pass code PASS-0007');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status', { name: 'Check-in result' })).toContainText('Checked in');

    // The Customers screen's box (up to 200 matches) likewise.
    await page.keyboard.press('F3');
    await page.getByTestId('customer-find').pressSequentially('tom');
    await expect(page.getByTestId('customer-results')).toContainText('Tom Baker');
    calls = await callsSince(page);
    expect(calls).not.toContain('search');
    expect(calls).not.toContain('findAtDoor');

    // A customer main takes in (a venue file imported again, as staff do from Setup): the
    // page's copy follows, and finds them without asking main.
    const url = new URL(running.desk.url);
    const api = await connectDeskApi(url.origin, url.searchParams.get('s')!, 10_000);
    try {
      const file = { venue: venue.data.venue, customers: [{ id: 'c-grace', name: 'Grace Hopper', email: 'grace@navy.example' }] };
      const loaded = await api.call('loadVenueFile', { text: JSON.stringify(file) });
      expect(loaded, JSON.stringify(loaded).slice(0, 800)).toMatchObject({ answered: true, result: { ok: true } });
    } finally {
      api.close();
    }
    const find = page.getByTestId('customer-find');
    await find.fill('');
    await expect.poll(async () => {
      await find.fill('');
      await find.pressSequentially('grace h');
      return page.getByTestId('customer-results').textContent();
    }, { timeout: 20_000 }).toContain('Grace Hopper');
    calls = await callsSince(page);
    expect(calls).toContain('searchCorpus');
    expect(calls).not.toContain('search');
  } finally {
    await closeBrowserDesk(running);
    await folders.remove();
  }
});
