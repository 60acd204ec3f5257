// Issue 12 ("a full disk"), what door staff see: the sync server's disk is full, so a check-in
// cannot be sent. The status bar says so in its own words (the code `endpoint-disk-full`, put in
// words by the renderer): check-ins are saved on this desk and are sent when it is fixed; and
// once there is room, the check-in is sent and the sentence goes.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { withPairedDesk } from './venueEndpoint';
import { expectStatusBarOnOneLine } from './statusBarLine';

test('a sync server whose disk is full: the status bar says check-ins are kept on this desk, and they are sent when it is fixed', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'endpoint-full-'));
  let freeBytes = 10 * 1024 ** 3;
  try {
    await withPairedDesk({ endpointPort: 4966, deskPort: 4967, database: { kind: 'pglite', dataDir }, freeSpace: async () => freeBytes }, async ({ page, api, endpoint }) => {
      const { server, venue } = endpoint;
      await expect(page.getByTestId('sync-waiting')).toHaveText('nothing waiting to sync', { timeout: 30_000 });
      await expect(page.locator('.status-bar__progress')).toBeHidden({ timeout: 30_000 });
      freeBytes = 0;
      await expect.poll(async () => (await fetch(`${server.url}/healthz`)).status).toBe(503);

      const customer = venue.data.customers[0]!;
      expect(await api.call('checkIn', { customerId: customer.id, sessionId: null, confirmDuplicate: true })).toMatchObject({ answered: true, result: { ok: true } });
      const problem = page.getByTestId('sync-problem');
      await expect(problem).toHaveText('! The sync server\'s disk is full. Check-ins are saved on this desk and will be sent when it is fixed.', { timeout: 30_000 });
      await expect(page.getByTestId('sync-waiting')).toHaveText('1 change waiting to sync');
      await expectStatusBarOnOneLine(page, 1280);
      await page.screenshot({ path: 'test-results/endpoint-limits/disk-full.png' });
      // Cut short on a crowded bar: Details has the sentence whole, and what the server said.
      const details = page.getByTestId('technical-details');
      await details.locator('summary').click();
      await expect(details.locator('.status-bar__details-words')).toHaveText('The sync server\'s disk is full. Check-ins are saved on this desk and will be sent when it is fixed.');
      await expect(details.locator('.tech-details__text')).toContainText('HTTP 507: the server\'s disk is full');
      await page.screenshot({ path: 'test-results/endpoint-limits/disk-full-details.png' });
      await details.locator('summary').click();

      freeBytes = 10 * 1024 ** 3;
      await expect(page.getByTestId('sync-waiting')).toHaveText('nothing waiting to sync', { timeout: 30_000 });
      await expect(problem).toBeHidden();
      await page.screenshot({ path: 'test-results/endpoint-limits/disk-full-after.png' });
    });
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
