// The e2e suite's "desk paired with an endpoint": the real sync endpoint (in this process, on
// 127.0.0.1 unless told) holding the staff tests' venue (test/e2e/deskVenue.ts), a device token
// for each desk, and a browser desk that holds the same venue and is paired with it through its
// own API socket, the way the Pair screen does it. A spec that pairs by keyboard asks for the
// desk unpaired (`pair: false`) and types `settings` itself.
import { expect } from '@playwright/test';
import { startSyncServer } from '../../server/startSyncServer';
import type { SyncServer, SyncServerOptions } from '../../server/startSyncServer';
import type { EndpointSettings } from '../../main/sync/syncEndpoint';
import { connectDeskApi } from '../crash/deskApiSocket';
import type { DeskApiSocket } from '../crash/deskApiSocket';
import { closeBrowserDesk, deskFolders, openBrowserDesk } from './browserDesk';
import type { RunningBrowserDesk } from './browserDesk';
import { deskVenue } from './deskVenue';
import type { DeskVenue } from './deskVenue';
import { testPort } from '../testPorts';

export type VenueEndpoint = {
  server: SyncServer;
  url: string;
  venue: DeskVenue;
  /** A device of the venue: what a desk pairs with. */
  pairingFor(deskName: string): Promise<EndpointSettings>;
  /** Idempotent: a spec that stops the endpoint itself may also leave it to the fixture. */
  close(): Promise<void>;
};

export type VenueEndpointOptions = Partial<Omit<SyncServerOptions, 'port'>> & { venue?: DeskVenue };

/** The endpoint on testPort(`port`) with the venue created and its data imported. */
export async function startVenueEndpoint(port: number, options: VenueEndpointOptions = {}): Promise<VenueEndpoint> {
  const { venue = deskVenue(), ...serverOptions } = options;
  const server = await startSyncServer({ database: { kind: 'pglite-memory' }, host: '127.0.0.1', ...serverOptions, port: testPort(port) });
  let closing: Promise<void> | null = null;
  const close = () => (closing ??= server.close());
  try {
    await server.admin.createVenue(venue.data.venue);
    await server.admin.importVenueData(venue.data.venue.id, venue.data);
  } catch (error) {
    await close();
    throw error;
  }
  return {
    server,
    url: server.url,
    venue,
    async pairingFor(deskName) {
      const { token } = await server.admin.issueDevice(venue.data.venue.id, deskName);
      return { url: server.url, token };
    },
    close,
  };
}

export type PairedBrowserDesk = RunningBrowserDesk & {
  endpoint: VenueEndpoint;
  /** What the desk was (or, with `pair: false`, is to be) paired with. */
  settings: EndpointSettings;
  /** The desk's own API socket, as its page uses it. */
  api: DeskApiSocket;
};

export type PairedDeskOptions = VenueEndpointOptions & {
  /** testPort numbers of the endpoint and of the desk. */
  endpointPort: number;
  deskPort: number;
  /** Default true: paired (and the pairing answered) before the spec's body runs. */
  pair?: boolean;
  viewport?: { width: number; height: number };
  initScripts?: string[];
  locale?: string;
  /** The desk's main's wall clock (default: the computer's). */
  clock?: () => number;
  /** 'asked': the desk (unpaired) asks for its first manager and the body starts on that screen. */
  firstManager?: 'asked' | 'not-asked';
};

/**
 * Runs `body` with a desk paired with a fresh endpoint, then closes everything in the order
 * that holds (the desk before its Chromium, see closeBrowserDesk; the endpoint last), whether
 * the body passed or not.
 */
export async function withPairedDesk(options: PairedDeskOptions, body: (desk: PairedBrowserDesk) => Promise<void>): Promise<void> {
  const { endpointPort, deskPort, pair = true, viewport, initScripts, locale, clock, firstManager, ...endpointOptions } = options;
  const endpoint = await startVenueEndpoint(endpointPort, endpointOptions);
  const folders = await deskFolders(testPort(deskPort));
  let running: RunningBrowserDesk | null = null;
  let api: DeskApiSocket | null = null;
  try {
    running = await openBrowserDesk(folders, endpoint.venue.data, viewport, { ...(initScripts ? { initScripts } : {}), ...(locale ? { locale } : {}), ...(clock ? { clock } : {}), ...(firstManager ? { firstManager } : {}) });
    const url = new URL(running.desk.url);
    api = await connectDeskApi(url.origin, url.searchParams.get('s')!, 10_000);
    const settings = await endpoint.pairingFor('door');
    if (pair) expect(await api.call('pairEndpoint', settings)).toMatchObject({ answered: true, result: { ok: true } });
    await body({ ...running, endpoint, settings, api });
  } finally {
    api?.close();
    if (running) await closeBrowserDesk(running);
    await folders.remove();
    await endpoint.close();
  }
}
