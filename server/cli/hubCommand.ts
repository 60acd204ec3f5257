// `npm run server -- hub`: the venue hub (server/hub/startHub.ts) over TLS with its own
// certificate until Ctrl-C, printing a pairing code (address, device token, certificate) for
// each desk named with --pair (and a short code to type after picking the hub from the desk's
// list, which its DNS-SD announcement fills), and saying when the line to upstream goes and comes back (once
// each, not every try).
import { startHub } from '../hub/startHub';
import type { RelayEvent } from '../hub/upstreamRelay';
import type { ServeOptions } from './serveCommand';
import { printAdminToken, untilStopped } from './serveCommand';
import { describeLocation } from './cliOptions';
import { loadOrCreateHubCertificate } from '../hub/hubCertificate';
import { encodePairingCode } from '../../shared/schema/pairingCode';

export type HubCommandOptions = ServeOptions & {
  upstreamUrl: string;
  upstreamToken: string;
  /** Where the hub's certificate is kept (its data folder on PGlite). */
  certificateDir: string;
  /** A device token and pairing code for each of these desks, printed at start. */
  pairDesks: readonly string[];
};

const print = (line: string) => process.stdout.write(`${line}\n`);

export async function serveHub(options: HubCommandOptions): Promise<number> {
  let upstreamAway: boolean | null = null;
  const onRelayEvent = (event: RelayEvent) => {
    if (event.kind === 'round') {
      const away = !event.round.ok;
      if (away !== upstreamAway) print(event.round.ok ? `Upstream reached (${options.upstreamUrl}).` : `Upstream cannot be reached (${event.round.failure.message}); the venue's desks carry on through this hub.`);
      upstreamAway = away;
    } else if (event.kind === 'dropped') {
      print(`Not relayed: ${event.collection} ${event.id}: ${event.reason}`);
    } else if (event.kind === 'conflict') {
      print(`Upstream holds a different entry under the id ${event.id}: kept upstream's.`);
    } else {
      process.stderr.write(`hub: ${event.error instanceof Error ? event.error.message : String(event.error)}\n`);
    }
  };
  const certificate = await loadOrCreateHubCertificate(options.certificateDir, options.host);
  const hub = await startHub({
    tls: { key: certificate.key, cert: certificate.cert },
    database: options.database,
    port: options.port,
    host: options.host,
    log: options.log,
    upstream: { url: options.upstreamUrl, token: options.upstreamToken },
    onRelayEvent,
    onWaiting: print,
    // A hub on a loopback address serves this machine only: nobody on the network could reach it.
    announce: !isLoopback(options.host),
  });
  printAdminToken(hub.server);
  print(`Venue hub for "${hub.venue.name ?? hub.venue.id}" on ${hub.server.url} (${describeLocation(options.database)}), relaying to ${options.upstreamUrl}`);
  print(`Its certificate (desks pin it; the pairing codes carry it): ${certificate.fingerprint}`);
  for (const name of options.pairDesks) {
    const device = await hub.server.admin.issueDevice(hub.venue.id, name);
    print(`Pairing code for "${name}" (shown once; paste it into the desk's Pair screen):`);
    print(`  ${encodePairingCode({ url: hub.server.url, token: device.token, certificate: certificate.fingerprint })}`);
    // The desk lists this hub by itself (DNS-SD): picking it there, ten letters are enough.
    const short = hub.offerPairing(name);
    print(`  or pick "${hub.venue.name ?? hub.venue.id}" in the desk's list of hubs and type ${short.code} (for the next 10 minutes)`);
  }
  if (options.pairDesks.length === 0) print('Start it with --pair "Door 1" (once for each desk) to print pairing codes for its desks.');
  return untilStopped(hub);
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}
