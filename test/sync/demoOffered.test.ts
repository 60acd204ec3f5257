// The demo is offered, not imposed (issue 13, item 2), through runDesk as both topologies start
// it: a new desk opens no venue by itself; pairing a desk that holds only the demo replaces it
// once the person confirmed, practice check-ins discarded; a desk holding a real venue's
// entries that were never synced is never wiped; a paired desk is offered no demo.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import type { SearchHit } from '../../shared/schema/api';
import type { VenueData } from '../../shared/schema/records';
import { runDesk } from '../../main/runDesk';
import { eventually, startTestEndpoint, tinyVenue, venueOnEndpoint } from './syncTestbed';
import { bridgesInProcess } from './bridgesInProcess';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

/**
 * A desk as runDesk starts it, on its own fake IndexedDB; `call` goes through the API bridge.
 * Holding the demo or a venue without an endpoint it would ask for its first manager first: these
 * desks are about the demo's practice, and start past it (main/deskHost.ts `firstManagerAtStart`).
 */
async function newDesk(options: { initialVenue?: VenueData } = {}) {
  const { storage, api, statuses, call } = bridgesInProcess(new IDBFactory());
  const dataDir = await mkdtemp(join(tmpdir(), 'demo-offered-'));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  const initialVenue = options.initialVenue;
  const desk = await runDesk(storage, api, { dataDir, log: () => undefined, firstManagerAtStart: 'not-asked-by-this-test', ...(initialVenue ? { initialVenue: () => initialVenue } : {}) });
  cleanups.push(() => desk.close());
  const status = async () => {
    const answer = await call('deskStatus');
    if (!answer.ok) throw new Error(`deskStatus refused: ${answer.error}`);
    return answer.status;
  };
  await eventually('the storage connected', async () => (await status()).storage === 'connected' || null);
  return { call, status, statuses };
}

async function firstCustomer(call: Awaited<ReturnType<typeof newDesk>>['call'], query: string): Promise<SearchHit> {
  const found = await call('search', { query, limit: 1 });
  if (!found.ok || !found.hits[0]) throw new Error(`no customer for ${query}`);
  return found.hits[0];
}

it('a new desk opens no venue by itself: the demo waits to be chosen', async () => {
  const { call, status } = await newDesk();
  expect((await status()).venue).toBeNull();
  expect(await call('demoPractice')).toMatchObject({ ok: false, error: 'invalid-input' });
  const opened = await call('openDemoVenue');
  expect(opened).toMatchObject({ ok: true, counts: { customers: 300 } });
  expect((await status()).venue).toMatchObject({ id: 'demo-venue' });
});

it('pairing a desk that holds only the demo replaces it once confirmed, practice check-ins discarded', async () => {
  const endpoint = await startTestEndpoint();
  cleanups.push(() => endpoint.close());
  const [settings] = await venueOnEndpoint(endpoint, tinyVenue('v-real'), ['desk']);
  const { call, status } = await newDesk();
  await call('openDemoVenue');
  const practised = await firstCustomer(call, 'emily k');
  expect(await call('checkIn', { customerId: practised.customer.id, sessionId: null })).toMatchObject({ ok: true, charged: true });
  expect(await call('checkIn', { customerId: practised.customer.id, sessionId: null, confirmDuplicate: true })).toMatchObject({ ok: true });
  expect(await call('demoPractice')).toEqual({ ok: true, practice: { customers: 300, checkIns: 2, changes: 0 } });

  // Not confirmed: nothing changes.
  const unconfirmed = await call('pairEndpoint', settings);
  expect(unconfirmed).toMatchObject({ ok: false, note: { note: 'demo-replaced-first', by: 'pairing' } });
  expect((await status()).venue).toMatchObject({ id: 'demo-venue' });
  // A wrong token discards nothing either.
  expect(await call('pairEndpoint', { ...settings, token: 'not-the-token-0123456789', replaceDemo: true })).toMatchObject({ ok: false, error: 'endpoint-refused' });
  expect((await status()).venue).toMatchObject({ id: 'demo-venue' });

  const paired = await call('pairEndpoint', { ...settings, replaceDemo: true });
  expect(paired).toMatchObject({ ok: true, status: { endpoint: settings!.url } });
  const synced = await eventually('the venue from the endpoint', async () => {
    const now = await status();
    return now.venue?.id === 'v-real' && now.counts.passes === 2 && now.sync.initial === null ? now : null;
  });
  // The demo's customers and the practice are gone: the desk holds the venue's 2 customers and its 1 past check-in.
  expect(synced.counts).toEqual({ customers: 2, passes: 2, ledger: 1 });
  const search = await call('search', { query: 'emily', limit: 5 });
  expect(search).toMatchObject({ ok: true, hits: [] });
  expect(await call('openDemoVenue')).toMatchObject({ ok: false, note: { note: 'paired-no-demo' } });
});

it("a desk holding a real venue's check-ins that were never synced is never wiped", async () => {
  const endpoint = await startTestEndpoint();
  cleanups.push(() => endpoint.close());
  const [settings] = await venueOnEndpoint(endpoint, tinyVenue('v-other'), ['desk']);
  const { call, status } = await newDesk({ initialVenue: { ...tinyVenue('v-ours'), venue: { id: 'v-ours', timeZone: 'Europe/London', name: 'Our studio' } } });
  expect(await call('checkIn', { customerId: 'c1', sessionId: null })).toMatchObject({ ok: true });
  for (const payload of [settings, { ...settings, replaceDemo: true }]) {
    expect(await call('pairEndpoint', payload)).toMatchObject({
      ok: false,
      note: { note: 'unsynced-entries-kept', venue: 'Our studio', checkIns: 1, changes: 0 },
    });
  }
  expect(await status()).toMatchObject({ venue: { id: 'v-ours' }, counts: { ledger: 2 }, sync: { endpoint: null } });
  expect(await call('openDemoVenue')).toMatchObject({ ok: false, note: { note: 'holds-venue-no-demo', venue: 'Our studio' } });
});

it('loading a venue file on a desk that holds only the demo replaces it once confirmed; a bad file discards nothing', async () => {
  const { call, status } = await newDesk();
  await call('openDemoVenue');
  const practised = await firstCustomer(call, 'emily k');
  expect(await call('checkIn', { customerId: practised.customer.id, sessionId: null })).toMatchObject({ ok: true });
  const venue = tinyVenue('v-file');
  // A venue file's passes name their product; the terms come from it.
  const passes = venue.passes.map(({ productName: _name, ...pass }) => pass);
  const file = JSON.stringify({ ...venue, passes, venue: { id: 'v-file', timeZone: 'Europe/London', name: 'File studio' } });

  const unconfirmed = await call('loadVenueFile', { text: file });
  expect(unconfirmed, JSON.stringify(unconfirmed)).toMatchObject({ ok: false, replacesDemo: { venue: 'File studio' } });
  expect(await call('loadVenueFile', { text: '{"venue": {"id": "v-file"}}', replaceDemo: true })).toMatchObject({ ok: false, error: 'invalid-input' });
  expect((await status()).venue).toMatchObject({ id: 'demo-venue' });

  expect(await call('loadVenueFile', { text: file, replaceDemo: true })).toMatchObject({ ok: true, counts: { customers: 2 } });
  expect(await status()).toMatchObject({ venue: { id: 'v-file' }, counts: { customers: 2, passes: 2, ledger: 1 } });
  expect(await call('search', { query: 'emily', limit: 5 })).toMatchObject({ ok: true, hits: [] });
});
