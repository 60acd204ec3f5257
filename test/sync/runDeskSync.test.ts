// The desk as `runDesk` starts it (both topologies go through it): a stored pairing resumes at
// start-up without waiting for the endpoint, a paired desk takes its venue from the endpoint
// (never the demo), and sync status changes reach the renderer as `status` events.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { indexedDB } from 'fake-indexeddb';
import { runDesk } from '../../main/runDesk';
import { syncSettingsFile } from '../../main/sync/syncSettings';
import { eventually, startTestEndpoint, tinyVenue, venueOnEndpoint } from './syncTestbed';
import { bridgesInProcess } from './bridgesInProcess';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

it('resumes a stored pairing at start-up, takes the venue from the endpoint, and announces sync status', async () => {
  const endpoint = await startTestEndpoint();
  cleanups.push(() => endpoint.close());
  const [settings] = await venueOnEndpoint(endpoint, tinyVenue('v1'), ['desk']);
  const dataDir = await mkdtemp(join(tmpdir(), 'run-desk-sync-'));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  await syncSettingsFile(dataDir).write([settings!]);

  const { storage, api, statuses, call } = bridgesInProcess(indexedDB);
  const desk = await runDesk(storage, api, { dataDir, log: () => undefined });
  cleanups.push(() => desk.close());

  const synced = await eventually('a status event of a synced desk', () => statuses.find((status) => status.sync.online && status.sync.initial === null && status.counts.passes === 2));
  expect(synced.venue).toMatchObject({ id: 'v1' });
  expect(synced.sync).toMatchObject({ endpoint: settings!.url, waiting: 0, problem: null });
  expect(await call('checkIn', { customerId: 'c1', sessionId: null })).toMatchObject({ ok: true });
  // The demo venue was never opened on a paired desk.
  expect(statuses.every((status) => status.venue === null || status.venue.id === 'v1')).toBe(true);
});
