// The Pair screen lists the venue hub found on the network, and a new desk pairs by typing the
// short code the hub shows (issue 17, item 2). The hub is real, over TLS on 127.0.0.2; the
// network look is a stand-in that reports it (multicast is tested only inside a network
// namespace, test/sync/hubDiscovery.test.ts), so nothing leaves loopback.
import { expect, test } from '@playwright/test';
import { testPort } from '../testPorts';
import { startBrowserDesk } from '../../main/browser/startBrowserDesk';
import { startHub } from '../../server/hub/startHub';
import { createHubCertificate } from '../../server/hub/hubCertificate';
import type { FoundHub } from '../../shared/sync/hubService';
import { startEndpoint, setUpVenue } from '../scenarios/scenarioEndpoint';
import { launchChromium } from './chromium';
import { deskFolders } from './browserDesk';
import { deskVenue } from './deskVenue';

const DESK_PORT = testPort(4941);
const HUB_HOST = '127.0.0.2';

test('the Pair screen lists the venue hub found on the network; its short code pairs the desk', async () => {
  test.setTimeout(240_000);
  const started = await startEndpoint({ kind: 'pglite-memory' });
  if (!started.ok) throw new Error(started.message);
  const upstream = started.endpoint;
  const venue = deskVenue().data;
  const forHub = (await setUpVenue(upstream, venue, ['hub'])).get('hub')!;
  const certificate = await createHubCertificate(HUB_HOST);
  const hub = await startHub({ database: { kind: 'pglite-memory' }, host: HUB_HOST, port: 0, tls: { key: certificate.key, cert: certificate.cert }, upstream: { url: forHub.url, token: forHub.token } });
  const found: FoundHub = { venueId: venue.venue.id, venueName: venue.venue.name ?? venue.venue.id, url: hub.server.url, certificate: certificate.fingerprint };
  const folders = await deskFolders(DESK_PORT);
  const desk = await startBrowserDesk({ port: folders.port, dataDir: folders.dataDir, log: () => undefined, findHubs: async () => [found] });
  const chromium = await launchChromium({ userDataDir: folders.profileDir });
  try {
    const page = chromium.context.pages()[0] ?? await chromium.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(desk.url);
    await expect(page.getByRole('heading', { name: 'Set up this desk' })).toBeVisible();
    await page.keyboard.press('2');
    await page.getByRole('button', { name: "Find the venue's hub on this network" }).click();
    const address = hub.server.url.replace('https://', '');
    await expect(page.getByRole('radio', { name: `${found.venueName} — ${address}` })).toBeChecked();
    const shown = hub.offerPairing('Front desk');
    // A wrong code first: refused in words, nothing paired.
    const codeField = page.getByLabel(`Code shown by the hub for ${found.venueName}`);
    await codeField.fill(shown.code.startsWith('0') ? `1${shown.code.slice(1)}` : `0${shown.code.slice(1)}`);
    await codeField.press('Enter');
    await expect(page.getByTestId('pair-hub-note')).toContainText('The hub does not show this code now.');
    await codeField.fill(shown.code);
    await page.screenshot({ path: 'test-results/screens/pair-hub-found-1280x800.png' });
    await codeField.press('Enter');
    await expect(page.getByRole('banner')).toContainText(found.venueName, { timeout: 60_000 });
  } finally {
    await desk.close();
    await chromium.close();
    await folders.remove();
    await hub.close();
    await upstream.close();
  }
});
