// Run by hubDiscovery.test.ts inside a network namespace of its own (only `lo`, with multicast
// routed to it), so that the multicast DNS of this walk never leaves the namespace: an upstream
// endpoint, a venue hub announcing itself, and a desk's side finding it, pairing by the short
// code, and finding it again at a new port. Prints one JSON line of what it saw.
import { startSyncServer } from '../../../server/startSyncServer';
import { startHub } from '../../../server/hub/startHub';
import type { Hub } from '../../../server/hub/startHub';
import { createHubCertificate } from '../../../server/hub/hubCertificate';
import { findHubByCertificate, findHubs } from '../../../main/sync/hubDiscovery';
import { claimHubCode } from '../../../main/sync/hubCodePairing';
import { SyncEndpoint } from '../../../main/sync/syncEndpoint';

const venue = { id: 'old-vic', timeZone: 'Europe/London', name: 'The Old Vic' };
const upstream = await startSyncServer({ database: { kind: 'pglite-memory' } });
await upstream.admin.createVenue(venue);
const { token } = await upstream.admin.issueDevice(venue.id, 'hub');
const certificate = await createHubCertificate('127.0.0.1');
const startHubOn = (): Promise<Hub> => startHub({
  database: { kind: 'pglite-memory' },
  host: '127.0.0.1',
  port: 0,
  tls: { key: certificate.key, cert: certificate.cert },
  upstream: { url: upstream.url, token },
  announce: true,
});

const hub = await startHubOn();
const found = await findHubs({ waitMs: 3_000 });
const offered = hub.offerPairing('Door 2');
const wrong = await claimHubCode(found[0]!, offered.code.replace(/^./, (letter) => (letter === 'A' ? 'B' : 'A')));
const claimed = await claimHubCode(found[0]!, offered.code);
const again = await claimHubCode(found[0]!, offered.code);
const hello = claimed.ok ? await new SyncEndpoint(claimed.settings).hello() : null;
const firstUrl = hub.server.url;
await hub.close();
// The hub back at another port (as after a new address): found again by its certificate.
const moved = await startHubOn();
const refound = await findHubByCertificate(certificate.fingerprint, 3_000);
await moved.close();
await upstream.close();
process.stdout.write(`${JSON.stringify({
  fingerprint: certificate.fingerprint,
  hubUrl: firstUrl,
  found,
  wrong: wrong.ok ? 'paired' : wrong.reason,
  claimed: claimed.ok ? { url: claimed.settings.url, certificate: claimed.settings.certificate } : claimed,
  again: again.ok ? 'paired' : again.reason,
  helloVenue: hello?.ok ? hello.value.venue.id : hello,
  movedUrl: moved.server.url,
  refound,
})}\n`);
process.exit(0);
