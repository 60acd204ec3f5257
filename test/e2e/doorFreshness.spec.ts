// SPEC "The venue's network": "A desk that has heard from no endpoint for a while says so next
// to what it shows about a customer." A paired desk whose endpoint has been gone for over a
// minute says, beside the customer it shows and the result of checking them in, as of when it
// knows and that another desk may have checked them in; online, its status bar says how many of
// the venue's desks the endpoint heard from in the last minute.
import { expect, test } from '@playwright/test';
import { withPairedDesk } from './venueEndpoint';

const screenshots = 'test-results/door-freshness';

test('a desk offline for over a minute says so next to the customer at the door', async () => {
  test.setTimeout(180_000);
  await withPairedDesk({ endpointPort: 4993, deskPort: 4994 }, async ({ page, endpoint }) => {
    await expect(page.getByTestId('sync-connection')).toContainText('Online');
    // The status bar: how many of the venue's desks the endpoint heard from in the last minute.
    await expect(page.getByTestId('sync-desks')).toHaveText('1 desk heard from in the last minute');
    await page.screenshot({ path: `${screenshots}/online.png` });
    const search = page.getByTestId('customer-search');
    await search.pressSequentially('Nia');
    await expect(page.getByTestId('check-in-preview')).toBeVisible();
    // Online: nothing to say.
    await expect(page.getByTestId('door-freshness-preview')).toHaveCount(0);
    await page.keyboard.press('Escape');

    await endpoint.close();
    await expect(page.getByTestId('sync-connection')).toContainText('Offline', { timeout: 30_000 });
    await expect(page.getByTestId('sync-desks')).toHaveCount(0);
    // Over a minute without an endpoint (the screen looks again every 15 s).
    await search.pressSequentially('Nia');
    const preview = page.getByTestId('door-freshness-preview');
    await expect(preview).toContainText(/^As of \d\d:\d\d — this desk has been offline \d+ min; another desk may have checked them in\.$/, { timeout: 120_000 });
    await page.screenshot({ path: `${screenshots}/preview.png` });
    await page.keyboard.press('Enter');
    const result = page.getByTestId('door-freshness');
    await expect(result).toContainText('another desk may have checked them in');
    await expect(page.getByTestId('check-in-result')).toContainText('Nia Okafor');
    await page.screenshot({ path: `${screenshots}/result.png` });
  });
});
