// "This desk also serves the venue's network" (SPEC "The venue's network"; issue 17): an
// admin's switch in Setup runs the venue hub (server/hub/startHub.ts) inside this desk's main
// process, on a port it chooses, with its data, certificate and setting in the desk's data
// folder (`venue-hub/`, `venue-hub.json`). The hub's upstream is the pairing the desk had when
// the switch went on; the desk then syncs with its own hub (over TLS with its pinned
// certificate, on loopback), and other desks pair with it by the codes it shows. The setting
// is kept, so the hub starts again with the desk; switching off pairs the desk with upstream
// again and stops the hub (its data folder stays, for a later switch on).
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import type { Hub } from '../../server/hub/startHub';
import { startHub } from '../../server/hub/startHub';
import { loadOrCreateHubCertificate } from '../../server/hub/hubCertificate';
import type { DeskApiResults } from '../../shared/schema/api';
import { certificateFingerprintSchema } from '../../shared/schema/api';
import { refuse } from '../../shared/rules/errors';
import type { EndpointSettings } from '../sync/syncEndpoint';
import type { SyncSettingsStore } from '../sync/syncSettings';
import type { DeskSync } from '../sync/deskSync';
import { endpointKind } from '../sync/endpointList';

export const VENUE_HUB_FILE = 'venue-hub.json';
const VENUE_HUB_FOLDER = 'venue-hub';

const endpointSchema = z.object({ url: z.string().url(), token: z.string().min(1), certificate: certificateFingerprintSchema.optional() }).strict();
const savedSchema = z.object({ port: z.number().int().min(1).max(65_535), upstream: endpointSchema }).strict();
type Saved = z.infer<typeof savedSchema>;

export type VenueHubOptions = {
  dataDir: string;
  /** The desk's pairing (sync.json): the hub's upstream is what it holds when the switch goes on. */
  store: SyncSettingsStore;
  log: (line: string) => void;
  /** Where the hub listens: every interface (the venue's desks reach it); tests give a loopback address. */
  host?: string;
  /** Announce the hub on the network (DNS-SD); tests (on loopback) do not. Default: yes. */
  announce?: boolean;
  /** The hub's clock (tests run it with their desks' pretend one); default Date.now. */
  now?: () => number;
};

export type VenueHubControl = {
  state(): DeskApiResults['venueHub'];
  switchOn(sync: DeskSync): Promise<DeskApiResults['setVenueHub']>;
  switchOff(sync: DeskSync): Promise<DeskApiResults['setVenueHub']>;
  offerCode(deskName: string): DeskApiResults['offerHubCode'];
  /** At the desk's start: the hub again if the switch was left on. */
  resume(): Promise<void>;
  close(): Promise<void>;
};

export function deskVenueHub(options: VenueHubOptions): VenueHubControl {
  const file = join(options.dataDir, VENUE_HUB_FILE);
  const folder = join(options.dataDir, VENUE_HUB_FOLDER);
  const host = options.host ?? '0.0.0.0';
  let running: { hub: Hub; saved: Saved; certificate: string } | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(task: () => Promise<T>): Promise<T> => {
    const result = queue.then(task, task);
    queue = result.catch(() => undefined);
    return result;
  };

  const readSaved = async (): Promise<Saved | null> => {
    try {
      const parsed = savedSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  };

  const start = async (upstream: EndpointSettings, port: number): Promise<{ hub: Hub; saved: Saved; certificate: string }> => {
    await mkdir(folder, { recursive: true, mode: 0o700 });
    const certificate = await loadOrCreateHubCertificate(folder, host);
    const hub = await startHub({
      database: { kind: 'pglite', dataDir: join(folder, 'data') },
      host,
      port,
      tls: { key: certificate.key, cert: certificate.cert },
      upstream,
      announce: options.announce ?? true,
      onWaiting: (line) => options.log(`venue hub: ${line}`),
      ...(options.now ? { now: options.now } : {}),
    });
    return { hub, saved: { port: hub.server.port, upstream }, certificate: certificate.fingerprint };
  };

  /** How this desk reaches its own hub: loopback, whatever address the hub listens on. */
  const selfUrl = (port: number) => `https://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;

  const state = (): DeskApiResults['venueHub'] => ({
    ok: true,
    // On every interface: the address other desks reach; on one address (tests): that one.
    hub: running ? { on: true, address: `${host === '0.0.0.0' ? lanAddress() ?? '127.0.0.1' : host}:${running.saved.port}` } : { on: false, address: null },
  });

  return {
    state,
    switchOn: (sync) => serially(async () => {
      if (running) return state();
      // The hub relays to the desk's internet server; pairing the desk with its own hub keeps
      // that one second in its list, so the desk fails over to it if its hub stops.
      const upstream = (await options.store.read()).find((settings) => endpointKind(settings) === 'upstream');
      if (!upstream) return { ...refuse('endpoint-refused'), note: { note: 'venue-hub-needs-pairing' } };
      const saved = await readSaved();
      const started = await start(upstream, saved?.port ?? 0).catch(async (error: unknown) => {
        options.log(`venue hub: could not start: ${error instanceof Error ? error.message : String(error)}`);
        // The saved port may be taken now: any free one.
        return saved ? start(upstream, 0).catch(() => null) : null;
      });
      if (!started) return { ...refuse('endpoint-unreachable'), note: { note: 'venue-hub-not-started' } };
      const self = await started.hub.server.admin.issueDevice(started.hub.venue.id, 'this desk (it serves the venue hub)');
      const paired = await sync.pair({ url: selfUrl(started.saved.port), token: self.token, certificate: started.certificate });
      if (!paired.ok) {
        await started.hub.close();
        return paired;
      }
      running = started;
      await writeFile(file, JSON.stringify(started.saved, null, 2), { mode: 0o600 });
      options.log(`venue hub: serving the venue's network on port ${started.saved.port}, relaying to ${upstream.url}`);
      return state();
    }),
    switchOff: (sync) => serially(async () => {
      const saved = running?.saved ?? await readSaved();
      if (saved) {
        // Its own hub leaves the desk's list; the internet server it relayed to is what is left.
        await sync.unpair('hub');
        if (!(await options.store.read()).some((settings) => endpointKind(settings) === 'upstream')) {
          const paired = await sync.pair(saved.upstream);
          // Upstream unreachable now: the desk stays unpaired from its hub rather than on a stopped one.
          if (!paired.ok) await options.store.write([saved.upstream]);
        }
      }
      await running?.hub.close();
      running = null;
      await rm(file, { force: true });
      options.log('venue hub: stopped; this desk syncs with upstream again');
      return state();
    }),
    offerCode: (deskName) => {
      if (!running) return { ...refuse('invalid-input'), note: { note: 'venue-hub-off' } };
      const shown = running.hub.offerPairing(deskName);
      return { ok: true, code: shown.code, expiresAt: new Date(shown.expiresAt).toISOString() };
    },
    resume: () => serially(async () => {
      const saved = await readSaved();
      if (!saved || running) return;
      try {
        running = await start(saved.upstream, saved.port);
        options.log(`venue hub: serving the venue's network on port ${saved.port} again`);
      } catch (error) {
        options.log(`venue hub: could not start again: ${error instanceof Error ? error.message : String(error)}`);
      }
    }),
    close: () => serially(async () => {
      await running?.hub.close();
      running = null;
    }),
  };
}

/** The first address of this machine on a network (what other desks reach), or null. */
function lanAddress(): string | null {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) if (address.family === 'IPv4' && !address.internal) return address.address;
  }
  return null;
}
