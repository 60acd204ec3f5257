// The real sync endpoint for scenarios and sync tests, in this process on PGlite in memory:
// a venue created and loaded with the scenario's data ("every desk starts with the scenario's
// data already on it, and the server has it too"), one device token per desk.
import type { VenueData } from '../../shared/schema/records';
import type { EndpointSettings } from '../../main/sync/syncEndpoint';
import type { DatabaseLocation } from '../../server/db/openDatabase';

import type * as syncServerModule from '../../server/startSyncServer';
import type { SyncServer } from '../../server/startSyncServer';

type SyncServerModule = typeof syncServerModule;

export type { SyncServer };

export type RunningEndpoint = {
  url: string;
  server: SyncServer;
  close(): Promise<void>;
};

/** Starts the server; an error is a value with a clear message (the runner reports FAIL, never crashes). */
export async function startEndpoint(database: DatabaseLocation = { kind: 'pglite-memory' }, port = 0, now?: () => number): Promise<{ ok: true; endpoint: RunningEndpoint } | { ok: false; message: string }> {
  let module: SyncServerModule;
  try {
    module = await import('../../server/startSyncServer');
  } catch (error) {
    return { ok: false, message: `the sync server cannot be loaded (server/startSyncServer.ts): ${messageOf(error)}` };
  }
  try {
    const server = await module.startSyncServer({ database, port, ...(now ? { now } : {}) });
    return { ok: true, endpoint: { url: server.url, server, close: () => server.close() } };
  } catch (error) {
    return { ok: false, message: `the sync server could not start: ${messageOf(error)}` };
  }
}

/** A venue on the endpoint with the given data, and a device (token) for each desk name. */
export async function setUpVenue(endpoint: RunningEndpoint, data: VenueData, deskNames: readonly string[]): Promise<Map<string, EndpointSettings>> {
  const { admin } = endpoint.server;
  await admin.createVenue(data.venue);
  await admin.importVenueData(data.venue.id, data);
  const settings = new Map<string, EndpointSettings>();
  for (const name of deskNames) {
    const device = await admin.issueDevice(data.venue.id, `desk ${name}`);
    settings.set(name, { url: endpoint.url, token: device.token });
  }
  return settings;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
