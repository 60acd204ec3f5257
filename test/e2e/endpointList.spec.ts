// A desk with two endpoints as staff see it (SPEC "The venue's network"): paired with the
// venue's internet server, then with the venue hub by its code, Setup lists both in words, hub
// first and in use; the hub gone, the status bar says the desk syncs with the internet server
// (after ~10 s without an answer) and Setup says which is in use; an admin removes the hub.
// Upstream on 127.0.0.1, the hub on 127.0.0.2 (loopback only); screenshots in test-results/screens/.
import { expect, test } from '@playwright/test';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testPort } from '../testPorts';
import { startBrowserDesk } from '../../main/browser/startBrowserDesk';
import { startSyncServer } from '../../server/startSyncServer';
import { createDemoVenue } from '../../server/import/demoVenue';
import { startHub } from '../../server/hub/startHub';
import { createHubCertificate } from '../../server/hub/hubCertificate';
import { encodePairingCode } from '../../shared/schema/pairingCode';
import { ADMIN_TOKEN } from '../server/syncTestClient';
import { launchChromium } from './chromium';

const DESK_PORT = testPort(4998);

test('Setup lists the hub and the internet server in words; the hub gone, the desk says it uses the internet server; an admin removes the hub', async () => {
  test.setTimeout(180_000);
  const root = await mkdtemp(join(tmpdir(), 'endpoint-list-'));
  const upstream = await startSyncServer({ database: { kind: 'pglite-memory' }, adminToken: ADMIN_TOKEN });
  const demo = await createDemoVenue(upstream.db, { customers: 10, seed: 5, today: new Date().toISOString().slice(0, 10), timeZone: 'Europe/London' });
  const forHub = await upstream.admin.issueDevice(demo.venue.id, 'hub');
  const forDesk = await upstream.admin.issueDevice(demo.venue.id, 'front desk');
  const identity = await createHubCertificate('127.0.0.2');
  const hub = await startHub({ database: { kind: 'pglite-memory' }, host: '127.0.0.2', port: 0, tls: { key: identity.key, cert: identity.cert }, upstream: { url: upstream.url, token: forHub.token } });
  const hubCode = encodePairingCode({ url: hub.server.url, token: (await hub.server.admin.issueDevice(hub.venue.id, 'front desk')).token, certificate: identity.fingerprint });
  const desk = await startBrowserDesk({ port: DESK_PORT, dataDir: join(root, 'desk'), log: () => undefined });
  const chromium = await launchChromium({ userDataDir: join(root, 'profile') });
  let hubClosed = false;
  try {
    const page = chromium.context.pages()[0] ?? await chromium.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(desk.url);
    await page.getByRole('heading', { name: 'Set up this desk' }).waitFor();
    const pair = async (address: string, token: string) => {
      await page.keyboard.press('F4');
      await page.getByLabel('Endpoint address').fill(address);
      if (token) await page.getByLabel('Device token').fill(token);
      await page.getByLabel('Endpoint address').press('Enter');
      await expect(page.getByTestId('pair-note')).toContainText('Paired with');
      // As a venue's admin would: the desk's first sync with it done before the next step.
      await expect(page.getByTestId('status-bar')).not.toContainText(/Receiving the venue|First sync|Past history arriving/, { timeout: 60_000 });
    };
    await pair(upstream.url, forDesk.token);
    // One endpoint: its address says which; the route is said once there are two.
    await expect(page.getByTestId('sync-route')).toHaveCount(0);
    await pair(hubCode, '');

    const hubRow = page.getByTestId('endpoint-hub');
    const upstreamRow = page.getByTestId('endpoint-upstream');
    await expect(hubRow).toContainText('Venue hub (this building) — in use');
    await expect(upstreamRow).toContainText('Internet server — standby');
    await expect(page.getByTestId('sync-route')).toHaveText('Venue hub');
    await expect(page.getByTestId('sync-connection')).toHaveText(/Online/);
    await page.screenshot({ path: 'test-results/screens/endpoints-hub-in-use-1280x800.png' });

    await hub.close();
    hubClosed = true;
    await expect(page.getByTestId('sync-route')).toHaveText('Internet server', { timeout: 60_000 });
    await expect(page.getByTestId('sync-connection')).toHaveText(/Online/);
    await expect(hubRow).toContainText('Venue hub (this building) — standby');
    await expect(upstreamRow).toContainText('Internet server — in use');
    // The desk holds the venue: catching up with the internet server is no "first sync".
    await expect(page.getByTestId('status-bar')).not.toContainText('First sync');
    await page.screenshot({ path: 'test-results/screens/endpoints-failover-1280x800.png' });

    await hubRow.getByRole('button', { name: 'Remove' }).click();
    await expect(page.getByTestId('endpoint-note')).toContainText('Removed. This desk syncs with the server that is left.');
    await expect(hubRow).toHaveCount(0);
    await expect(upstreamRow).toContainText('Internet server — in use');
    await expect(page.getByTestId('sync-route')).toHaveCount(0);
    await page.screenshot({ path: 'test-results/screens/endpoints-hub-removed-1280x800.png' });
  } finally {
    // The desk before its Chromium: a sync round's last checkpoint write still has its storage host.
    await desk.close();
    await chromium.close();
    if (!hubClosed) await hub.close();
    await upstream.close();
  }
});
