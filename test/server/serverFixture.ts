// One sync server per engine per test file, and a fresh venue with a paired desk per test, so
// that tests never see each other's documents.
import { afterAll, beforeAll } from 'vitest';
import type { SyncServer, SyncServerOptions } from '../../server/startSyncServer';
import { startSyncServer } from '../../server/startSyncServer';
import type { Backend } from './testBackends';
import { ADMIN_TOKEN, SyncTestClient, freshVenueId } from './syncTestClient';

export type ServerFixture = {
  readonly server: SyncServer;
  /** A new venue and one device of it. */
  venueWithDesk(label: string): Promise<{ venueId: string; desk: SyncTestClient; deviceId: string }>;
  /** Another device of an existing venue. */
  desk(venueId: string, name?: string): Promise<{ desk: SyncTestClient; deviceId: string; token: string }>;
  admin(): SyncTestClient;
  anonymous(): SyncTestClient;
};

export function useSyncServer(backend: Backend, options: Partial<SyncServerOptions> = {}): ServerFixture {
  let server: SyncServer | null = null;
  beforeAll(async () => {
    server = await startSyncServer({ database: await backend.location(), adminToken: ADMIN_TOKEN, ...options });
  });
  afterAll(async () => {
    await server?.close();
  });
  const running = () => {
    if (!server) throw new Error('the server did not start');
    return server;
  };
  const fixture: ServerFixture = {
    get server() {
      return running();
    },
    async desk(venueId, name) {
      const { deviceId, token } = await running().admin.issueDevice(venueId, name);
      return { desk: new SyncTestClient(running().url, token), deviceId, token };
    },
    async venueWithDesk(label) {
      const venueId = freshVenueId(label);
      await running().admin.createVenue({ id: venueId, timeZone: 'Europe/London' });
      const { desk, deviceId } = await fixture.desk(venueId, 'desk 1');
      return { venueId, desk, deviceId };
    },
    admin: () => new SyncTestClient(running().url, ADMIN_TOKEN),
    anonymous: () => new SyncTestClient(running().url, null),
  };
  return fixture;
}
