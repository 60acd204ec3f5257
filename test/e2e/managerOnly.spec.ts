// Exports are a manager's, held in main (issue 15): door staff pressing Export on a pass's
// history or on a session's list are told it needs a manager, with the manager's PIN step-up
// right there; authorised, the file is written and the door person stays signed in.
import { expect, test } from '@playwright/test';
import { closeBrowserDesk, deskFolders, openBrowserDesk } from './browserDesk';
import { deskVenue } from './deskVenue';
import { testPort } from '../testPorts';
import { setUpVenue, startEndpoint } from '../scenarios/scenarioEndpoint';
import { addStaff } from '../../server/db/staff';
import { hashStaffPin } from '../../server/auth/pinHashing';

test('exports are manager-only in main: door staff are told so where they press Export, and a manager authorises it with their PIN', async () => {
  const started = await startEndpoint({ kind: 'pglite-memory' }, testPort(4894));
  if (!started.ok) throw new Error(started.message);
  const { endpoint } = started;
  const venue = deskVenue();
  const settings = (await setUpVenue(endpoint, venue.data, ['desk'])).get('desk')!;
  await addStaff(endpoint.server.db, venue.data.venue.id, { name: 'Dora Door', role: 'door', pinHash: hashStaffPin('1357') });
  await addStaff(endpoint.server.db, venue.data.venue.id, { name: 'Mani Manager', role: 'manager', pinHash: hashStaffPin('2468') });
  const folders = await deskFolders(testPort(4895));
  const desk = await openBrowserDesk(folders, venue.data);
  try {
    const { page } = desk;
    await page.keyboard.press('F4');
    await page.getByLabel('Endpoint address').fill(settings.url);
    await page.getByLabel('Device token').fill(settings.token);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Who is at the desk?' })).toBeVisible();
    await page.getByLabel('Type your name, or pick it').fill('dor');
    await page.keyboard.press('Enter');
    await page.getByLabel('Your PIN').fill('1357');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('signed-in')).toContainText('Dora Door');

    // ---- A pass's history: X is refused, a manager's PIN writes the file ---------------------
    await page.keyboard.press('F3');
    await page.keyboard.type('rosa');
    await expect(page.getByTestId('customer-results')).toHaveAttribute('data-query', 'rosa');
    await page.keyboard.press('Enter');
    const passList = page.getByTestId('pass-list');
    await expect(passList).toBeFocused();
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
  } finally {
    await closeBrowserDesk(desk);
    await folders.remove();
    await endpoint.close();
  }
});
