// Exports are a manager's, held in main (issue 15): door staff pressing Export on a pass's
// history or on a session's list are told it needs a manager, with the manager's PIN step-up
// right there; authorised, the file is written and the door person stays signed in.
import { expect, test } from '@playwright/test';
import { withPairedDesk } from './venueEndpoint';
import { addStaffMembers, pairByKeys, signIn, staff } from './staffedDesk';
import { openPassesOf } from './customerPasses';

test('exports are manager-only in main: door staff are told so where they press Export, and a manager authorises it with their PIN', async () => {
  await withPairedDesk({ endpointPort: 4894, deskPort: 4895, pair: false }, async ({ page, endpoint, settings }) => {
    await addStaffMembers(endpoint.server.db, endpoint.venue.data.venue.id, [staff.door, staff.manager]);
    await pairByKeys(page, settings);
    await signIn(page, 'dor', '1357');
    await expect(page.getByTestId('signed-in')).toContainText('Dora Door');

    // ---- A pass's history: X is refused, a manager's PIN writes the file ---------------------
    await openPassesOf(page, 'rosa');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('pass-page')).toBeVisible();
    await page.getByRole('button', { name: /Export/ }).click();
    const refused = page.getByTestId('export-refused');
    await expect(refused).toContainText('Only a manager can do this. Ask a manager to authorise it with their PIN.');
    await expect(page.getByTestId('export-note')).not.toContainText('.csv');
    await page.screenshot({ path: 'test-results/manager-only-history-export-1280.png' });
    await refused.getByLabel('their PIN').fill('2468');
    const download = page.waitForEvent('download');
    await refused.getByRole('button', { name: 'Authorise' }).click();
    expect((await download).suggestedFilename()).toMatch(/^history-.*\.csv$/);
    await expect(page.getByTestId('export-note')).toContainText('.csv');
    await expect(refused).toHaveCount(0);
    await expect(page.getByTestId('signed-in')).toContainText('Dora Door');

    // ---- A session's list: the same --------------------------------------------------------
    await page.keyboard.press('F2');
    await page.getByRole('button', { name: /Export attendance/ }).click();
    await expect(page.getByTestId('export-refused')).toContainText('Only a manager can do this.');
    await page.screenshot({ path: 'test-results/manager-only-attendance-export-1280.png' });
  });
});
