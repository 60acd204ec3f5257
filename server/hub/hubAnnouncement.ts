// A venue hub says it is there on the venue's network (SPEC "The venue's network": desks find
// the hub), by DNS-SD over multicast DNS: a `_boxoffice-hub._tcp` service with the venue and
// the fingerprint of the hub's certificate in its TXT record. What the TXT says is a hint, not
// trust: a desk still pairs by the code the hub shows (shared/sync/hubPairingCode.ts) and then
// talks only to the certificate it pinned (main/sync/pinnedFetch.ts); a paired desk uses the
// announcement only to find its hub again at a new address.
//
// bonjour-service (multicast-dns underneath) answers queries and re-announces; we chose it over
// @homebridge/ciao because the desk also browses, and it does both in one small library.
import { Bonjour } from 'bonjour-service';
import type { Venue } from '../../shared/schema/records';
import { HUB_SERVICE_TYPE, hubServiceName, hubTxtRecord } from '../../shared/sync/hubService';

export type HubAnnouncement = { stop(): Promise<void> };

export type AnnounceOptions = {
  venue: Venue;
  port: number;
  /** The address the hub listens on; a wildcard (0.0.0.0, ::) announces on every interface and lets desks use the address the answer came from. */
  host: string;
  certificate: string;
};

const isWildcard = (host: string) => host === '0.0.0.0' || host === '::' || host === '';

export function announceHub(options: AnnounceOptions, onError: (error: Error) => void = () => undefined): HubAnnouncement {
  const specific = isWildcard(options.host) ? null : options.host;
  // On the interface of the listen address only; bound to the wildcard, since a socket bound to
  // a unicast address receives no multicast on Linux.
  const bonjour = new Bonjour(specific ? { interface: specific, bind: '0.0.0.0' } as object : {}, onError);
  bonjour.publish({
    name: hubServiceName(options.venue, options.certificate),
    type: HUB_SERVICE_TYPE,
    port: options.port,
    txt: hubTxtRecord({ venue: options.venue, certificate: options.certificate, host: specific }),
    disableIPv6: true,
  });
  let stopped: Promise<void> | null = null;
  return {
    stop: () => {
      // A goodbye first (TTL 0), so that desks drop the hub from their lists at once.
      stopped ??= new Promise<void>((resolve) => {
        bonjour.unpublishAll(() => bonjour.destroy(() => resolve()));
      });
      return stopped;
    },
  };
}
