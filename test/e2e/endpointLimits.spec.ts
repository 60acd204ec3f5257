// Issue 12 ("a full disk"), what door staff see: the sync server's disk is full, so a check-in
// cannot be sent. The status bar says so in its own words (the code `endpoint-disk-full`, put in
// words by the renderer): check-ins are saved on this desk and are sent when it is fixed; and
// once there is room, the check-in is sent and the sentence goes.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startSyncServer } from '../../server/startSyncServer';
import { connectDeskApi } from '../crash/deskApiSocket';
import { closeBrowserDesk, deskFolders, openBrowserDesk } from './browserDesk';
import { deskVenue } from './deskVenue';
import { testPort } from '../testPorts';
import { expectStatusBarOnOneLine } from './statusBarLine';

test('a sync server whose disk is full: the status bar says check-ins are kept on this desk, and they are sent when it is fixed', async () => {
  const venue = deskVenue();
  const dataDir = await mkdtemp(join(tmpdir(), 'endpoint-full-'));
  let freeBytes = 10 * 1024 ** 3;
  const server = await startSyncServer({ database: { kind: 'pglite', dataDir }, port: testPort(4966), host: '127.0.0.1', freeSpace: async () => freeBytes });
  await server.admin.createVenue(venue.data.venue);
  await server.admin.importVenueData(venue.data.venue.id, venue.data);
  const { token } = await server.admin.issueDevice(venue.data.venue.id, 'door');
  const folders = await deskFolders(testPort(4967));
  const desk = await openBrowserDesk(folders, venue.data);
  const url = new URL(desk.desk.url);
  const api = await connectDeskApi(url.origin, url.searchParams.get('s')!, 10_000);
  try {
    const { page } = desk;
    expect(await api.call('pairEndpoint', { url: server.url, token })).toMatchObject({ answered: true, result: { ok: true } });
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
  } finally {
    api.close();
    await closeBrowserDesk(desk);
    await folders.remove();
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});
