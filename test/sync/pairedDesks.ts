// The set-up sync test files wrote alike (liveReplication.test.ts and hubDesks.test.ts each had
// both): what a test opened, closed after it; a desk paired and caught up. Kept out of
// syncTestbed.ts, which the soak and the benchmarks load outside Vitest.
import { afterEach, expect } from 'vitest';
import type { VenueData } from '../../shared/schema/records';
import type { EndpointSettings } from '../../main/sync/syncEndpoint';
import type { TestDesk } from './syncTestbed';
import { eventually, openTestDesk } from './syncTestbed';

/** What a test file opens (endpoints, desks, proxies), closed after each test, the last opened first. */
export function closedAfterEach(): { close(): Promise<void> }[] {
  const opened: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const thing of opened.splice(0).reverse()) await thing.close().catch(() => undefined);
  });
  return opened;
}

/** A desk paired with `settings` once its first sync is done (online, nothing initial left); closed with `opened`. */
export async function pairedTestDesk(opened: { close(): Promise<void> }[], deskId: string, settings: EndpointSettings, venue: VenueData | null): Promise<TestDesk> {
  const desk = await openTestDesk({ deskId, venue });
  opened.push(desk);
  expect(await desk.desk.call('pairEndpoint', settings)).toMatchObject({ ok: true });
  await eventually(`desk ${deskId} caught up`, () => {
    const sync = desk.desk.status('connected').sync;
    return sync.online && sync.initial === null;
  });
  return desk;
}
