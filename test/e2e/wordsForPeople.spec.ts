// Issue 13, "Words for people": the status bar says what is wrong in one plain sentence, with
// the technical part ("fetch failed (ECONNREFUSED)") behind Details, and stays one line at
// 1280 and at 1024 wide, measured in the page.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { closeBrowserDesk, deskFolders, openBrowserDesk } from './browserDesk';
import { deskVenue } from './deskVenue';
import { testPort } from '../testPorts';
import { expectStatusBarOnOneLine } from './statusBarLine';
import { SYNC_SETTINGS_FILE } from '../../main/sync/syncSettings';

test('a sync problem is one plain sentence with Details, and the status bar stays one line at 1280 and 1024', async () => {
  const folders = await deskFolders(testPort(4968));
  // A desk paired with an endpoint that is not there (nothing listens on that port).
  await mkdir(folders.dataDir, { recursive: true });
  await writeFile(join(folders.dataDir, SYNC_SETTINGS_FILE), JSON.stringify({ url: `http://127.0.0.1:${testPort(4969)}`, token: '0123456789abcdef0123' }), { mode: 0o600 });
  const desk = await openBrowserDesk(folders, deskVenue().data);
  try {
    const { page } = desk;
    const bar = page.getByTestId('status-bar');
    const problem = page.getByTestId('sync-problem');
    await expect(problem).toHaveText(/^! (The sync endpoint cannot be reached\. This desk keeps working and syncs when it is back\.|No answer from the sync endpoint\. Check the address and the network\.)$/);
    // What is on screen (a closed Details shows nothing of what it holds).
    await expect(bar).not.toContainText(/ECONNREFUSED|fetch failed|HTTP \d/, { useInnerText: true });
    // The technical part, for whoever fixes it, is behind Details.
    const details = bar.getByTestId('technical-details');
    await expect(details.locator('.tech-details__text')).toBeHidden();
    await details.locator('summary').click();
    await expect(details.locator('.tech-details__text')).toHaveText(/fetch failed|ECONNREFUSED/);
    await page.screenshot({ path: 'test-results/words-details-1280.png' });
    await details.locator('summary').click();

    for (const width of [1280, 1024]) {
      await page.setViewportSize({ width, height: 800 });
      // Short of room, the sentence gives way whole (renderer/status/fitStatusBar.ts); Details, which stays, has it.
      await expect(details.locator('summary')).toBeVisible();
      await expect.poll(async () => (await problem.isVisible()) || (await problem.getAttribute('data-fit-as')) === 'gone', `the sentence on screen, or given way at ${width}`).toBe(true);
      await expect(details.locator('.status-bar__details-words')).toHaveText(/The sync endpoint cannot be reached|No answer from the sync endpoint/);
      await expectStatusBarOnOneLine(page, width);
      await page.screenshot({ path: `test-results/words-status-bar-${width}.png` });
    }
  } finally {
    await closeBrowserDesk(desk);
    await folders.remove();
  }
});
