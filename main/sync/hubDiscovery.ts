// The desk looks for venue hubs on the network (DNS-SD, `_boxoffice-hub._tcp`; the hub's side is
// server/hub/hubAnnouncement.ts): for the Pair screen's list, and to find its own hub again by
// its certificate when the hub's address changed (a new DHCP lease). What is found is only
// where to knock: the pinned certificate still decides whom the desk talks to.
import { Bonjour } from 'bonjour-service';
import type { FoundHub } from '../../shared/sync/hubService';
import { HUB_SERVICE_TYPE, readHubService } from '../../shared/sync/hubService';

/** How long a look lasts: hubs answer a query within a second on a quiet network. */
export const HUB_LOOK_MS = 2_000;

export type HubLook = {
  /** Stop when this one is found (a desk looking for its own hub by certificate). */
  certificate?: string;
  waitMs?: number;
};

/** The hubs that answered within the wait, each once (by certificate), in the order they answered. */
export function findHubs(look: HubLook = {}): Promise<FoundHub[]> {
  const wanted = look.certificate?.toUpperCase();
  return new Promise((resolve) => {
    const found = new Map<string, FoundHub>();
    // Errors of the network (no interface, a port in use) are "nothing found", not a crash.
    const bonjour = new Bonjour({}, () => undefined);
    const browser = bonjour.find({ type: HUB_SERVICE_TYPE });
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      browser.stop();
      bonjour.destroy(() => resolve([...found.values()]));
    };
    browser.on('up', (service) => {
      const hub = readHubService(service);
      if (!hub || found.has(hub.certificate)) return;
      found.set(hub.certificate, hub);
      if (wanted !== undefined && hub.certificate === wanted) finish();
    });
    const timer = setTimeout(finish, look.waitMs ?? HUB_LOOK_MS);
  });
}

/** How a desk looks: findHubs on a real desk; a stand-in in tests, which send no multicast outside a namespace. */
export type HubFinder = (look: HubLook) => Promise<FoundHub[]>;

/** Where the hub with this certificate is now, or null if it did not answer. */
export async function findHubByCertificate(certificate: string, waitMs = HUB_LOOK_MS, finder: HubFinder = findHubs): Promise<FoundHub | null> {
  const found = await finder({ certificate, waitMs });
  return found.find((hub) => hub.certificate === certificate.toUpperCase()) ?? null;
}
