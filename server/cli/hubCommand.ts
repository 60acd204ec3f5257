// `npm run server -- hub`: the venue hub (server/hub/startHub.ts) until Ctrl-C, saying on its
// output when the line to upstream goes and comes back (once each, not every try).
import { startHub } from '../hub/startHub';
import type { RelayEvent } from '../hub/upstreamRelay';
import type { ServeOptions } from './serveCommand';
import { printAdminToken, untilStopped } from './serveCommand';
import { describeLocation } from './cliOptions';

export type HubCommandOptions = ServeOptions & { upstreamUrl: string; upstreamToken: string };

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
  const hub = await startHub({
    database: options.database,
    port: options.port,
    host: options.host,
    log: options.log,
    upstream: { url: options.upstreamUrl, token: options.upstreamToken },
    onRelayEvent,
    onWaiting: print,
  });
  printAdminToken(hub.server);
  print(`Venue hub for "${hub.venue.name ?? hub.venue.id}" on ${hub.server.url} (${describeLocation(options.database)}), relaying to ${options.upstreamUrl}`);
  print(`Desks pair with tokens of this hub: POST ${hub.server.url}/admin/venues/${hub.venue.id}/devices with the admin token, or, with the hub stopped, npm run server -- device issue ${hub.venue.id} --data <this folder> (docs/venue-network.md).`);
  return untilStopped(hub);
}
