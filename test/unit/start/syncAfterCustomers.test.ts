// Issue 14 item 7a: the door opens before the customers, their passes and summaries are read
// (doorOpensBeforeCustomers.test.ts). Replication asks memory what the desk holds, so a paired
// desk's sync must not start on a desk half read: its status says "paired" at once (the page
// never flashes "not paired"), and the first request to the endpoint waits for the customers.
import { afterEach, describe, expect, it } from 'vitest';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { VenueData } from '../../../shared/schema/records';
import { generateDemoVenue } from '../../../shared/venue/generateDemoVenue';
import { resolveVenueFile } from '../../../shared/venue/resolveVenueFile';
import { openDeskDatabase } from '../../../main/db/deskDatabase';
import { openDesk } from '../../../main/desk/openDesk';
import type { Desk } from '../../../main/desk/openDesk';
import type { EndpointSettings } from '../../../shared/sync/syncEndpoint';

const storage = getRxStorageDexie({ indexedDB, IDBKeyRange });
const nowMs = Date.parse('2026-03-10T17:00:00Z');
const resolved = resolveVenueFile(generateDemoVenue({ customers: 300, seed: 5, today: '2026-03-10', timeZone: 'Europe/London' }));
if (!resolved.ok) throw new Error('the demo venue is refused');
const venue: VenueData = resolved.data;
const endpoint: EndpointSettings = { url: 'http://127.0.0.1:9/', token: 'a-token-of-sixteen-chars' };

let desk: Desk | null = null;
afterEach(async () => {
  await desk?.close();
  desk = null;
});

describe('a paired desk at a cold start', () => {
  it('says it is paired at once, and asks the endpoint nothing until its customers are in memory', async () => {
    const name = 'sync-after-customers';
    desk = await openDesk({ db: await openDeskDatabase(storage, name), identity: { deskId: 'A', staff: 'Sam' }, now: () => nowMs });
    expect((await desk.loadVenue(venue)).ok).toBe(true);
    await desk.close();

    /** The customers in memory at each request to the endpoint (the endpoint itself is not there). */
    const customersAtRequests: number[] = [];
    desk = await openDesk({
      db: await openDeskDatabase(storage, name),
      identity: { deskId: 'A', staff: 'Sam' },
      now: () => nowMs,
      sync: {
        store: { read: async () => [endpoint], write: async () => undefined },
        fetch: async () => {
          customersAtRequests.push(desk!.context.memory.customers.size);
          throw new TypeError('fetch failed');
        },
      },
    });
    const opened = desk;
    let shown: { endpoint: string | null; customers: number } | null = null;
    const resuming = opened.sync.resume(() => {
      shown = { endpoint: opened.syncStatus().endpoint, customers: opened.context.memory.customers.size };
    });
    await resuming;
    expect(shown).toEqual({ endpoint: endpoint.url, customers: expect.any(Number) as number });
    expect(shown!.customers).toBeLessThan(venue.customers.length);
    for (let tries = 0; tries < 200 && customersAtRequests.length === 0; tries += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(customersAtRequests.length).toBeGreaterThan(0);
    expect(customersAtRequests.every((customers) => customers === venue.customers.length)).toBe(true);
  });
});
