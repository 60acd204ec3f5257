// A venue hub (SPEC "The venue's network"): the project's endpoint running inside the venue,
// serving the venue's desks like any endpoint and relaying to the upstream endpoint whenever it
// can be reached (upstreamRelay.ts). It holds one venue: upstream's, learned from upstream's
// hello with the hub's device token at the first start and kept in its data folder, so that a
// hub restarted while the internet is down serves its desks at once.
import type { Venue } from '../../shared/schema/records';
import type { EndpointSettings, FetchFunction } from '../../shared/sync/syncEndpoint';
import { SyncEndpoint } from '../../shared/sync/syncEndpoint';
import type { SyncServer, SyncServerOptions } from '../startSyncServer';
import { startSyncServer } from '../startSyncServer';
import { createVenue, listVenues } from '../db/venues';
import { SYNC_CHANNEL, parseNotice } from '../sync/changeNotices';
import type { RelayEvent, RelayTuning } from './upstreamRelay';
import { UpstreamRelay, defaultRelayTuning } from './upstreamRelay';
import { announceHub } from './hubAnnouncement';
import { fingerprintOf } from './hubCertificate';
import type { ShownCode } from './pairingOffers';

export type HubOptions = SyncServerOptions & {
  upstream: EndpointSettings;
  relay?: Partial<RelayTuning>;
  /** How the hub reaches upstream (default Node's fetch; tests cut the line here or with a proxy). */
  fetch?: FetchFunction;
  onRelayEvent?: (event: RelayEvent) => void;
  /** Called while the first start waits for upstream to say which venue this is. */
  onWaiting?: (message: string) => void;
  /** Announce the hub on the network (DNS-SD, hubAnnouncement.ts) on the interface of `host`; needs `tls`. Default: no. */
  announce?: boolean;
};

export type Hub = {
  server: SyncServer;
  relay: UpstreamRelay;
  venue: Venue;
  /** A short code for a desk to type after picking this hub from its list (pairingOffers.ts): ten minutes, once. */
  offerPairing(deskName: string): ShownCode;
  close(): Promise<void>;
};

/** How long a first start waits between tries to reach upstream. */
const FIRST_HELLO_RETRY_MS = 2_000;

export async function startHub(options: HubOptions): Promise<Hub> {
  const upstream = new SyncEndpoint(options.upstream, { fetch: options.fetch ?? ((url, init) => fetch(url, init)) });
  const server = await startSyncServer(options);
  try {
    const venue = await hubVenue(server, upstream, options.onWaiting ?? (() => undefined));
    const tuning = { ...defaultRelayTuning, ...options.relay };
    const relay = new UpstreamRelay(server.db, venue.id, upstream, tuning, options.onRelayEvent, options.now);
    // The hub's desks' entries go up at once, not at the next interval.
    const stopListening = await server.db.listen(SYNC_CHANNEL, (payload) => {
      const notice = parseNotice(payload);
      if (notice?.kind === 'changes' && notice.venueId === venue.id && notice.collection === 'ledger') relay.poke();
    });
    relay.start();
    const announcement = options.announce && options.tls
      ? announceHub({ venue, port: server.port, host: options.host ?? '127.0.0.1', certificate: fingerprintOf(options.tls.cert) }, (error) => options.onRelayEvent?.({ kind: 'error', error }))
      : null;
    const pairing = server.pairing;
    let closing: Promise<void> | null = null;
    return {
      server,
      relay,
      venue,
      offerPairing: (deskName) => {
        if (!pairing) throw new Error('a hub shows pairing codes only over TLS');
        return pairing.offer(venue.id, deskName);
      },
      close: () => {
        closing ??= (async () => {
          await announcement?.stop();
          await relay.stop();
          await stopListening();
          await server.close();
        })();
        return closing;
      },
    };
  } catch (error) {
    await server.close();
    throw error;
  }
}

/** The venue this hub serves: the one in its data folder, or, at the first start, upstream's. */
async function hubVenue(server: SyncServer, upstream: SyncEndpoint, onWaiting: (message: string) => void): Promise<Venue> {
  const venues = await listVenues(server.db);
  if (venues.length > 1) throw new Error(`this data folder holds ${venues.length} venues; a hub serves one: give it a data folder of its own`);
  if (venues[0]) return venues[0];
  for (;;) {
    const hello = await upstream.hello();
    if (hello.ok) {
      const venue = hello.value.venue;
      await createVenue(server.db, venue);
      return venue;
    }
    if (hello.failure.kind === 'refused' || hello.failure.kind === 'bad-answer') {
      throw new Error(`the upstream endpoint does not take this hub's device token (${hello.failure.message})`);
    }
    onWaiting(`waiting for the upstream endpoint to say which venue this is (${hello.failure.message})`);
    await new Promise((resolve) => setTimeout(resolve, FIRST_HELLO_RETRY_MS));
  }
}
